import { path } from '../../../../lib/kit/pathSegments';
import type { StreamCall } from './shared';
import { STREAM_ID, streamIdField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const stop = (call: StreamCall) =>
	defineOperation({
		resource: 'audioStream',
		value: 'stop',
		name: 'Stop',
		action: 'Stop an audio stream',
		description: 'Stop one audio stream of a call; the call and its other streams go on',
		method: 'DELETE',
		url: path`/Call/${call.segment}/Stream/${STREAM_ID}/`,
		properties: [call.field, streamIdField('The stream to stop, as returned by Start')],
	});
