import { returnAllAndLimitFields } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { itemsFrom } from '../../../../lib/kit/routing';
import { CALL_UUID } from '../call/shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getMany = defineOperation({
	resource: 'audioStream',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many audio streams',
	description: 'List the audio streams of a call, those still streaming and those that ended',
	method: 'GET',
	url: path`/Call/${CALL_UUID}/Stream/`,
	// The reference lists no arguments, but answers with paging metadata: limit/offset apply.
	paged: true,
	output: [itemsFrom('objects')],
	properties: [callUuidField(), ...returnAllAndLimitFields()],
});
