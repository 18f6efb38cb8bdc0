import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from '../call/shared';
import { STREAM_ID, streamIdField } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const get = defineOperation({
	resource: 'audioStream',
	value: 'get',
	name: 'Get',
	action: 'Get an audio stream',
	description: 'Get one audio stream of a call: its WebSocket, track, times and cost',
	method: 'GET',
	url: path`/Call/${CALL_UUID}/Stream/${STREAM_ID}/`,
	properties: [callUuidField(), streamIdField('The stream to get, as returned by Start')],
});
