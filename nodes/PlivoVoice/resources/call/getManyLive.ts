import { filtersCollection, returnAllAndLimitFields } from '../../../../lib/kit/fields';
import { itemsFromIds } from '../../../../lib/kit/routing';
import { callDirectionFilter, fromNumberFilter, toNumberFilter } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getManyLive = defineOperation({
	resource: 'call',
	value: 'getManyLive',
	name: 'Get Many Live',
	action: 'Get many live calls',
	description: 'List the IDs of the calls in progress, one item per call',
	method: 'GET',
	url: '/Call/',
	qs: { status: 'live' },
	output: [itemsFromIds('calls', 'call_uuid')],
	properties: [
		...returnAllAndLimitFields(),
		filtersCollection([callDirectionFilter, fromNumberFilter, toNumberFilter]),
	],
});
