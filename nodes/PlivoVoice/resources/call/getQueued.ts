import { callUuidField } from '../../shared/descriptions';
import { path } from '../../shared/pathSegments';
import { defineOperation } from '../../shared/routing';
import { CALL_UUID } from './shared';

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
