import { callUuidField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { callPath } from './shared';

export const get = defineOperation({
	resource: 'call',
	value: 'get',
	name: 'Get CDR',
	action: 'Get a call detail record',
	description: 'Get the detail record (CDR) of a finished call: parties, times, duration, cost, hangup cause',
	method: 'GET',
	url: callPath(),
	properties: [callUuidField()],
});
