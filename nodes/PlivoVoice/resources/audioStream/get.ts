import { path } from '../../../../lib/kit/pathSegments';
import type { StreamCall } from './shared';
import { STREAM_ID, streamIdField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const get = (call: StreamCall) =>
	defineOperation({
		resource: 'audioStream',
		value: 'get',
		name: 'Get',
		action: 'Get an audio stream',
		description: 'Get one audio stream of a call: its WebSocket, track, times and cost',
		method: 'GET',
		url: path`/Call/${call.segment}/Stream/${STREAM_ID}/`,
		properties: [call.field, streamIdField('The stream to get, as returned by Start')],
	});
