import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const start = defineOperation({
	resource: 'multipartyCall',
	value: 'start',
	name: 'Start',
	action: 'Start a multiparty call',
	description:
		'Start an MPC that is waiting to begin (its participants joined with Start MPC On Enter off)',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/`,
	// The reference allows one value, `Active`, and its curl sample sends no body; the official SDK
	// requires the argument and sends it lower-cased, as here.
	body: { status: 'active' },
	properties: [mpcField()],
});
