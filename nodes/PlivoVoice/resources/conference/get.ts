import { conferenceNameField } from '../../shared/conference';
import { pathParameter } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const get = defineOperation({
	resource: 'conference',
	value: 'get',
	name: 'Get',
	action: 'Get a conference',
	description: 'Get a conference going on now, with its members: who they are, and whether they are muted or deaf',
	method: 'GET',
	url: `=/Conference/${pathParameter('conferenceName')}/`,
	properties: [conferenceNameField('The conference to get')],
});
