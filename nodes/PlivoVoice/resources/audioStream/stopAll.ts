import { path } from '../../../../lib/kit/pathSegments';
import type { StreamCall } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const stopAll = (call: StreamCall) =>
	defineOperation({
		resource: 'audioStream',
		value: 'stopAll',
		name: 'Stop All',
		action: 'Stop all audio streams',
		description: 'Stop every audio stream of a call; the call goes on',
		method: 'DELETE',
		url: path`/Call/${call.segment}/Stream/`,
		properties: [call.field],
	});
