import { CONFERENCE_NAME, conferenceNameField } from '../../fields/conference';
import { path } from '../../../../lib/kit/pathSegments';
import { defineOperation } from '../../../../lib/plivo/routing';

export const get = defineOperation({
	resource: 'conference',
	value: 'get',
	name: 'Get',
	action: 'Get a conference',
	description:
		'Get a conference going on now, with its members: who they are, and whether they are muted or deaf',
	method: 'GET',
	url: path`/Conference/${CONFERENCE_NAME}/`,
	properties: [conferenceNameField()],
});
