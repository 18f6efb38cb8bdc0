import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const end = defineOperation({
	resource: 'multipartyCall',
	value: 'end',
	name: 'End',
	action: 'End a multiparty call',
	description:
		'End an MPC; participants added through the API are hung up unless they have an On Exit Action URL',
	method: 'DELETE',
	url: path`/MultiPartyCall/${MPC}/`,
	properties: [mpcField()],
});
