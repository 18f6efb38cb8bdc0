import { callUuidField, pathParameter } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const hangup = defineOperation({
	resource: 'call',
	value: 'hangup',
	name: 'Hang Up',
	action: 'Hang up a call',
	description: 'End a call in progress, or cancel an outbound call that is still queued',
	method: 'DELETE',
	url: `=/Call/${pathParameter('callUuid')}/`,
	properties: [callUuidField('The unique ID of the call to end')],
});
