import { filtersCollection, returnAllAndLimitFields, toQuery } from '../../../../lib/kit/fields';
import { ACCOUNT_V2_HOST } from '../../../../lib/plivo/hosts';
import { itemsFrom } from '../../../../lib/kit/routing';
import { callDirectionFilter } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getManyLiveV2 = defineOperation({
	resource: 'call',
	value: 'getManyLiveV2',
	name: 'Get Many Live With Details',
	action: 'Get many live calls with details',
	description: 'List the calls in progress with their details (Plivo’s v2 list), one item per call',
	method: 'GET',
	host: ACCOUNT_V2_HOST,
	url: '/Call/',
	qs: { status: 'live' },
	paged: true,
	output: [itemsFrom('objects')],
	properties: [
		...returnAllAndLimitFields(),
		filtersCollection([
			callDirectionFilter,
			{
				displayName: 'Number',
				name: 'number',
				type: 'string',
				default: '',
				description: 'Only calls from or to this number, or numbers starting with these digits',
				routing: toQuery('number'),
			},
		]),
	],
});
