import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const get = defineOperation({
	resource: 'multipartyCall',
	value: 'get',
	name: 'Get',
	action: 'Get a multiparty call',
	description: 'Get the details of an MPC: status, times, duration, cost and recording state',
	method: 'GET',
	// The reference writes a trailing slash, the official SDK none; every MPC path here keeps the
	// reference's slash.
	url: path`/MultiPartyCall/${MPC}/`,
	properties: [mpcField()],
});
