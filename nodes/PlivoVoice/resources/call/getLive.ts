import { callUuidField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { callPath } from './shared';

export const getLive = defineOperation({
	resource: 'call',
	value: 'getLive',
	name: 'Get Live',
	action: 'Get a live call',
	description: 'Get the details of a call that is in progress',
	method: 'GET',
	url: callPath(),
	qs: { status: 'live' },
	properties: [callUuidField('The unique ID of the ongoing call')],
});
