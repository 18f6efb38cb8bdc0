import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getQueued = defineOperation({
	resource: 'call',
	value: 'getQueued',
	name: 'Get Queued',
	action: 'Get a queued call',
	description: 'Get an outbound call that Plivo has queued and not placed yet',
	method: 'GET',
	url: path`/Call/${CALL_UUID}/`,
	qs: { status: 'queued' },
	properties: [callUuidField()],
});
