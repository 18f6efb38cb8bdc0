import { callUuidField, pathParameter } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const get = defineOperation({
	resource: 'call',
	value: 'get',
	name: 'Get CDR',
	action: 'Get a call detail record',
	description: 'Get the detail record (CDR) of a finished call: parties, times, duration, cost, hangup cause',
	method: 'GET',
	url: `=/Call/${pathParameter('callUuid')}/`,
	properties: [callUuidField()],
});
