import {
	additionalFieldsCollection,
	callUuidField,
	fileFormatField,
	pathParameter,
	toBody,
	urlAndMethodFields,
} from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { bodyUrl } from '../../shared/validation';

export const startRecording = defineOperation({
	resource: 'call',
	value: 'startRecording',
	name: 'Start Recording',
	action: 'Start recording a call',
	description: 'Record a call in progress; a call can have several recordings at once',
	method: 'POST',
	url: `=/Call/${pathParameter('callUuid')}/Record/`,
	properties: [
		callUuidField('The unique ID of the ongoing call to record'),
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
			fileFormatField(),
			{
				displayName: 'Transcription Type',
				name: 'transcriptionType',
				type: 'options',
				options: [{ name: 'Automatic', value: 'auto', description: 'Machine transcription (English only)' }],
				default: 'auto',
				description: 'Whether to transcribe the recording; it must last between half a second and 4 hours',
				routing: toBody('transcription_type'),
			},
			{
				displayName: 'Transcription URL',
				name: 'transcriptionUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/plivo/transcription',
				description: 'URL Plivo posts the transcription to once it is ready',
				routing: toBody('transcription_url'),
			},
			...urlAndMethodFields({
				urlApiName: 'callback_url',
				methodApiName: 'callback_method',
				displayName: 'Callback',
				description: 'URL Plivo notifies when the recording ends, with its URL, ID and duration',
			}),
		]),
	],
	checks: [bodyUrl('transcription_url', 'Transcription URL'), bodyUrl('callback_url', 'Callback URL')],
});
