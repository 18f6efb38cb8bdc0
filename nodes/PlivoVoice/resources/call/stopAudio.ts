import { callUuidField, pathParameter } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const stopAudio = defineOperation({
	resource: 'call',
	value: 'stopAudio',
	name: 'Stop Audio',
	action: 'Stop audio on a call',
	description: 'Stop the audio that Play Audio started on a call',
	method: 'DELETE',
	url: `=/Call/${pathParameter('callUuid')}/Play/`,
	properties: [callUuidField('The unique ID of the ongoing call')],
});
