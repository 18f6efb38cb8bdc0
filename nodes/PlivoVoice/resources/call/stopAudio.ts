import { callUuidField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { callPath } from './shared';

export const stopAudio = defineOperation({
	resource: 'call',
	value: 'stopAudio',
	name: 'Stop Audio',
	action: 'Stop audio on a call',
	description: 'Stop the audio that Play Audio started on a call',
	method: 'DELETE',
	url: callPath('Play/'),
	properties: [callUuidField('The unique ID of the ongoing call')],
});
