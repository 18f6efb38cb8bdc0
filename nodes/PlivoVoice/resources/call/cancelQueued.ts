import { path } from '../../../../lib/kit/pathSegments';
import { REQUEST_UUID } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

// Not in Plivo's reference text; the official SDK's `calls.cancel()` sends exactly this.
export const cancelQueued = defineOperation({
	resource: 'call',
	value: 'cancelQueued',
	name: 'Cancel Queued',
	action: 'Cancel a queued call',
	description: 'Cancel an outbound call that Plivo has queued and not placed yet',
	method: 'DELETE',
	url: path`/Request/${REQUEST_UUID}/`,
	properties: [
		{
			displayName: 'Request UUID',
			name: 'requestUuid',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 9834029e-58b6-11e1-b8b7-a5bd0e4e126f',
			description: 'The request UUID returned by Make when the call was queued',
		},
	],
});
