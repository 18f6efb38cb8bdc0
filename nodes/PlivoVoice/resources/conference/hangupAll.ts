import { defineOperation } from '../../../../lib/plivo/routing';

export const hangupAll = defineOperation({
	resource: 'conference',
	value: 'hangupAll',
	name: 'Hang Up All',
	action: 'Hang up all conferences',
	description: 'End every conference going on now on the account, hanging up all their members',
	method: 'DELETE',
	url: '/Conference/',
});
