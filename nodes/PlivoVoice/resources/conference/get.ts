import { CONFERENCE_NAME, conferenceNameField } from '../../shared/conference';
import { path } from '../../shared/pathSegments';
import { defineOperation } from '../../shared/routing';

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
