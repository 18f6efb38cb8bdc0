import { path } from '../../../../lib/kit/pathSegments';
import { responseAsItem } from '../../../../lib/kit/routing';
import { ENDPOINT_ID, endpointIdField, withoutPassword } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const get = defineOperation({
	resource: 'endpoint',
	value: 'get',
	name: 'Get',
	action: 'Get a SIP endpoint',
	description:
		'Get a SIP endpoint: its username, SIP URI, application and whether a phone is signed in',
	method: 'GET',
	url: path`/Endpoint/${ENDPOINT_ID}/`,
	output: [responseAsItem, withoutPassword],
	properties: [endpointIdField('The endpoint to get')],
});
