import { returnAllAndLimitFields } from '../../../../lib/kit/fields';
import { itemsFromIds } from '../../../../lib/kit/routing';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getManyQueued = defineOperation({
	resource: 'call',
	value: 'getManyQueued',
	name: 'Get Many Queued',
	action: 'Get many queued calls',
	description: 'List the IDs of outbound calls that are queued, one item per call',
	method: 'GET',
	url: '/Call/',
	qs: { status: 'queued' },
	output: [itemsFromIds('calls', 'call_uuid')],
	properties: [...returnAllAndLimitFields()],
});
