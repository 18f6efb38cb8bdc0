import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const get = defineOperation({
	resource: 'call',
	value: 'get',
	name: 'Get CDR',
	action: 'Get a call detail record',
	description:
		'Get the detail record (CDR) of a finished call: parties, times, duration, cost, hangup cause',
	method: 'GET',
	url: path`/Call/${CALL_UUID}/`,
	properties: [callUuidField()],
});
