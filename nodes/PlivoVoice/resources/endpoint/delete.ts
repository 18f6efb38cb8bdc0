import { path } from '../../../../lib/kit/pathSegments';
import { ENDPOINT_ID, endpointIdField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const deleteEndpoint = defineOperation({
	resource: 'endpoint',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a SIP endpoint',
	description: 'Delete a SIP endpoint; phones signed in with it can no longer make or take calls',
	method: 'DELETE',
	url: path`/Endpoint/${ENDPOINT_ID}/`,
	properties: [endpointIdField('The endpoint to delete')],
});
