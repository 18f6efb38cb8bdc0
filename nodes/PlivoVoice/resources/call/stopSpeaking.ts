import { callUuidField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { callPath } from './shared';

export const stopSpeaking = defineOperation({
	resource: 'call',
	value: 'stopSpeaking',
	name: 'Stop Speaking',
	action: 'Stop speaking on a call',
	description: 'Stop the text that Speak Text is reading on a call',
	method: 'DELETE',
	url: callPath('Speak/'),
	properties: [callUuidField('The unique ID of the ongoing call')],
});
