import { CONFERENCE_NAME, conferenceNameField } from '../../fields/conference';
import { path } from '../../../../lib/kit/pathSegments';
import { defineOperation } from '../../../../lib/plivo/routing';

export const hangup = defineOperation({
	resource: 'conference',
	value: 'hangup',
	name: 'Hang Up',
	action: 'Hang up a conference',
	description: 'End a conference: every member’s call is hung up',
	method: 'DELETE',
	url: path`/Conference/${CONFERENCE_NAME}/`,
	properties: [conferenceNameField()],
});
