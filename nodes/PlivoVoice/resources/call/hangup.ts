import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const hangup = defineOperation({
	resource: 'call',
	value: 'hangup',
	name: 'Hang Up',
	action: 'Hang up a call',
	description: 'End a call in progress, or cancel an outbound call that is still queued',
	method: 'DELETE',
	url: path`/Call/${CALL_UUID}/`,
	properties: [callUuidField()],
});
