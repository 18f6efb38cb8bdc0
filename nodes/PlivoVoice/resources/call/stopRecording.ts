import { additionalFieldsCollection, toQuery } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const stopRecording = defineOperation({
	resource: 'call',
	value: 'stopRecording',
	name: 'Stop Recording',
	action: 'Stop recording a call',
	description: 'Stop one recording of a call, or all of them',
	method: 'DELETE',
	url: path`/Call/${CALL_UUID}/Record/`,
	properties: [
		callUuidField(),
		additionalFieldsCollection([
			{
				displayName: 'Recording URL',
				name: 'recordingUrl',
				type: 'string',
				default: '',
				description:
					'Stop only the recording with this URL (as returned by Start Recording). By default every recording of the call stops.',
				// Plivo's reference spells the argument `URL` and puts DELETE arguments in the query
				// string; the official SDK sends `url` in a JSON body instead.
				routing: toQuery('URL'),
			},
		]),
	],
});
