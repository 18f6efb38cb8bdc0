import { defineOperation } from '../../shared/routing';
import { mpcField, mpcPath } from './shared';

export const end = defineOperation({
	resource: 'multipartyCall',
	value: 'end',
	name: 'End',
	action: 'End a multiparty call',
	description: 'End an MPC; participants added through the API are hung up unless they have an On Exit Action URL',
	method: 'DELETE',
	url: mpcPath(),
	properties: [mpcField('The live MPC to end')],
});
