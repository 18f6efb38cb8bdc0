import { returnAllAndLimitFields } from '../../../../lib/kit/fields';
import { itemsFrom } from '../../../../lib/kit/routing';
import { withoutPassword } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getMany = defineOperation({
	resource: 'endpoint',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many SIP endpoints',
	description: 'List the SIP endpoints of the account, one item per endpoint',
	method: 'GET',
	url: '/Endpoint/',
	// The reference lists no arguments, but answers with paging metadata: limit/offset apply.
	paged: true,
	output: [itemsFrom('objects'), withoutPassword],
	properties: returnAllAndLimitFields(),
});
