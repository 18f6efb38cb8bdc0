import { returnAllAndLimitFields } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { itemsFrom } from '../../../../lib/kit/routing';
import { MPC, mpcField } from '../multipartyCall/shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getMany = defineOperation({
	resource: 'mpcParticipant',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many participants of a multiparty call',
	description: 'List the participants of an MPC, one item per participant',
	method: 'GET',
	url: path`/MultiPartyCall/${MPC}/Participant/`,
	paged: true,
	output: [itemsFrom('objects')],
	properties: [mpcField(), ...returnAllAndLimitFields()],
});
