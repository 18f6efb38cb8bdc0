import { pathParameter } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { recordingIdField } from './shared';

export const get = defineOperation({
	resource: 'recording',
	value: 'get',
	name: 'Get',
	action: 'Get a recording',
	description: 'Get a recording: its URL, format, duration, and the call or conference it was made on',
	method: 'GET',
	url: `=/Recording/${pathParameter('recordingId')}/`,
	properties: [recordingIdField('The recording to get')],
});
