import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from '../call/shared';
import { STREAM_ID, streamIdField } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const stop = defineOperation({
	resource: 'audioStream',
	value: 'stop',
	name: 'Stop',
	action: 'Stop an audio stream',
	description: 'Stop one audio stream of a call; the call and its other streams go on',
	method: 'DELETE',
	url: path`/Call/${CALL_UUID}/Stream/${STREAM_ID}/`,
	properties: [callUuidField(), streamIdField('The stream to stop, as returned by Start')],
});
