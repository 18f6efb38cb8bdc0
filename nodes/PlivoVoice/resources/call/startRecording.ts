import { additionalFieldsCollection, toBody } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { recordingOptionChecks, recordingOptionFields } from '../../fields/recording';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const startRecording = defineOperation({
	resource: 'call',
	value: 'startRecording',
	name: 'Start Recording',
	action: 'Start recording a call',
	description: 'Record a call in progress; a call can have several recordings at once',
	method: 'POST',
	url: path`/Call/${CALL_UUID}/Record/`,
	properties: [
		callUuidField(),
		additionalFieldsCollection([
			{
				displayName: 'Time Limit',
				name: 'timeLimit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'Longest the recording may last, in seconds',
				routing: toBody('time_limit'),
			},
			...recordingOptionFields,
		]),
	],
	checks: recordingOptionChecks,
});
