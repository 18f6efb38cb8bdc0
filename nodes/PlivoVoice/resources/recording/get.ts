import { path } from '../../../../lib/kit/pathSegments';
import { RECORDING_ID, recordingIdField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const get = defineOperation({
	resource: 'recording',
	value: 'get',
	name: 'Get',
	action: 'Get a recording',
	description:
		'Get a recording: its URL, format, duration, and the call or conference it was made on',
	method: 'GET',
	url: path`/Recording/${RECORDING_ID}/`,
	properties: [recordingIdField('The recording to get')],
});
