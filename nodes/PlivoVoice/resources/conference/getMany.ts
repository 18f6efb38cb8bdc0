import { returnAllAndLimitFields } from '../../../../lib/kit/fields';
import { itemsFromIds } from '../../../../lib/kit/routing';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getMany = defineOperation({
	resource: 'conference',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many conferences',
	description: 'List the names of the conferences going on now, one item per conference',
	method: 'GET',
	url: '/Conference/',
	// Plivo answers with every name at once (not paged); Limit is applied to that answer.
	output: [itemsFromIds('conferences', 'conference_name')],
	properties: returnAllAndLimitFields(),
});
