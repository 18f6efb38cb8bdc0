import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { toBody } from '../../../lib/kit/fields';
import type { RequestCheck } from '../../../lib/kit/validation';
import { bodyUrl } from '../../../lib/kit/validation';
import { urlAndMethodFields } from '../../../lib/plivo/fields';

const fileFormatOptions: INodePropertyOptions[] = [
	{ name: 'MP3', value: 'mp3' },
	{ name: 'WAV', value: 'wav' },
];

/** The audio format of a recording: `fileFormat` / `file_format` on most recording requests. */
export function fileFormatField(name = 'fileFormat', apiName = 'file_format'): INodeProperties {
	return {
		displayName: 'File Format',
		name,
		type: 'options',
		options: fileFormatOptions,
		default: 'mp3',
		description: 'Audio format of the recording',
		routing: toBody(apiName),
	};
}

/**
 * The options of a recording that Plivo starts through the API, shared by calls and conferences:
 * file format, transcription, and the URL Plivo notifies when the recording ends.
 *
 * For conference recordings the official SDK's JSDoc also offers `transcription_method` and a
 * `hybrid` transcription type; Plivo's reference lists neither, for calls or conferences, so the
 * node follows the reference and offers neither.
 */
export const recordingOptionFields: INodeProperties[] = [
	fileFormatField(),
	{
		displayName: 'Transcription Type',
		name: 'transcriptionType',
		type: 'options',
		options: [
			{ name: 'Automatic', value: 'auto', description: 'Machine transcription (English only)' },
		],
		default: 'auto',
		description:
			'Whether to transcribe the recording; it must last between half a second and 4 hours',
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
		urlName: 'callbackUrl',
		methodName: 'callbackMethod',
		urlApiName: 'callback_url',
		methodApiName: 'callback_method',
		displayName: 'Callback',
		description: 'URL Plivo notifies when the recording ends, with its URL, ID and duration',
	}),
];

export const recordingOptionChecks: RequestCheck[] = [
	bodyUrl('transcription_url', 'Transcription URL'),
	bodyUrl('callback_url', 'Callback URL'),
];
