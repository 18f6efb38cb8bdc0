import { path } from '../../../../../lib/kit/pathSegments';
import { CONFERENCE_SID, conferenceSidField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const get = defineOperation({
	resource: 'conference',
	value: 'get',
	name: 'Get',
	action: 'Get a conference',
	description:
		'Get a conference: its name, status, region and when it was created and last updated',
	method: 'GET',
	url: path`/Conferences/${CONFERENCE_SID}.json`,
	properties: [conferenceSidField()],
});
