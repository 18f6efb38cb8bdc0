import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const stopSpeaking = defineOperation({
	resource: 'call',
	value: 'stopSpeaking',
	name: 'Stop Speaking',
	action: 'Stop speaking on a call',
	description: 'Stop the text that Speak Text is reading on a call',
	method: 'DELETE',
	url: path`/Call/${CALL_UUID}/Speak/`,
	properties: [callUuidField()],
});
