import { CONFERENCE_NAME, conferenceNameField } from '../../shared/conference';
import { path } from '../../shared/pathSegments';
import { defineOperation } from '../../shared/routing';

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
