import { returnAllAndLimitFields } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { itemsFrom } from '../../../../lib/kit/routing';
import type { StreamCall } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getMany = (call: StreamCall) =>
	defineOperation({
		resource: 'audioStream',
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many audio streams',
		description: 'List the audio streams of a call, those still streaming and those that ended',
		method: 'GET',
		url: path`/Call/${call.segment}/Stream/`,
		// The reference lists no arguments, but answers with paging metadata: limit/offset apply.
		paged: true,
		output: [itemsFrom('objects')],
		properties: [call.field, ...returnAllAndLimitFields()],
	});
