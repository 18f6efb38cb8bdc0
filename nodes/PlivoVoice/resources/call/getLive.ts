import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getLive = defineOperation({
	resource: 'call',
	value: 'getLive',
	name: 'Get Live',
	action: 'Get a live call',
	description: 'Get the details of a call that is in progress',
	method: 'GET',
	url: path`/Call/${CALL_UUID}/`,
	qs: { status: 'live' },
	properties: [callUuidField()],
});
