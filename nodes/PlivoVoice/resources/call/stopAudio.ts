import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const stopAudio = defineOperation({
	resource: 'call',
	value: 'stopAudio',
	name: 'Stop Audio',
	action: 'Stop audio on a call',
	description: 'Stop the audio that Play Audio started on a call',
	method: 'DELETE',
	url: path`/Call/${CALL_UUID}/Play/`,
	properties: [callUuidField()],
});
