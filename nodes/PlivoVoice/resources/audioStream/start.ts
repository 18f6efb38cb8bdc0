import { additionalFieldsCollection, toBody } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { bodyIntegerInRange, bodyOf, bodyUrl } from '../../../../lib/kit/validation';
import { urlAndMethodFields } from '../../../../lib/plivo/fields';
import type { StreamCall } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';
import { keyValueListProblem } from '../../../../lib/plivo/validation';

/** Plivo's limit for the whole `extra_headers` string. */
const EXTRA_HEADERS_MAX_BYTES = 512;

export const start = (call: StreamCall) =>
	defineOperation({
		resource: 'audioStream',
		value: 'start',
		name: 'Start',
		action: 'Start an audio stream',
		description: 'Stream the audio of a call in progress to a WebSocket service, in near real time',
		method: 'POST',
		url: path`/Call/${call.segment}/Stream/`,
		properties: [
			call.field,
			{
				displayName: 'Service URL',
				name: 'serviceUrl',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. wss://example.com/audiostream',
				description: 'The WebSocket address (ws:// or wss://) that receives the audio',
				// The reference's attribute list writes `Service_url`; its curl sample and the SDK send
				// `service_url`.
				routing: toBody('service_url'),
			},
			additionalFieldsCollection([
				{
					displayName: 'Audio Track',
					name: 'audioTrack',
					type: 'options',
					options: [
						{
							name: 'Both',
							value: 'both',
							description: 'What the parties say and what Plivo plays to them',
						},
						{ name: 'Inbound', value: 'inbound', description: 'What the parties on the call say' },
						{ name: 'Outbound', value: 'outbound', description: 'What Plivo plays to the parties' },
					],
					default: 'inbound',
					description:
						'Which audio of the call to stream. With Bidirectional on, only Inbound is allowed.',
					routing: toBody('audio_track'),
				},
				{
					displayName: 'Bidirectional',
					name: 'bidirectional',
					type: 'boolean',
					default: false,
					description:
						'Whether the WebSocket service may also send audio back into the call (playAudio events). Works only with the Inbound audio track.',
					routing: toBody('bidirectional'),
				},
				{
					displayName: 'Content Type',
					name: 'contentType',
					type: 'options',
					options: [
						{ name: 'Linear PCM 16-Bit, 16000 Hz', value: 'audio/x-l16;rate=16000' },
						{ name: 'Linear PCM 16-Bit, 8000 Hz', value: 'audio/x-l16;rate=8000' },
						{ name: 'μ-Law, 8000 Hz', value: 'audio/x-mulaw;rate=8000' },
					],
					default: 'audio/x-l16;rate=8000',
					description: 'Audio codec and sample rate of the stream',
					routing: toBody('content_type'),
				},
				{
					displayName: 'Extra Headers',
					name: 'extraHeaders',
					type: 'string',
					default: '',
					placeholder: 'e.g. Team=Sales,Priority=1',
					description: `Key=value pairs separated by commas, letters and digits only, at most ${EXTRA_HEADERS_MAX_BYTES} characters in all. Plivo passes them to the WebSocket service with the audio.`,
					routing: toBody('extra_headers'),
				},
				...urlAndMethodFields({
					urlName: 'statusCallbackUrl',
					methodName: 'statusCallbackMethod',
					urlApiName: 'status_callback_url',
					methodApiName: 'status_callback_method',
					displayName: 'Status Callback',
					description:
						'URL Plivo notifies when the stream starts sending audio, stops (on request or at the stream timeout), or fails to connect or drops',
				}),
				{
					displayName: 'Stream Timeout',
					name: 'streamTimeout',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 86400,
					description:
						'Longest time to stream, in seconds (by default 86,400: 24 hours). The call goes on when the stream stops.',
					routing: toBody('stream_timeout'),
				},
			]),
		],
		preSend: [
			async function trimExtraHeaders(requestOptions) {
				const body = bodyOf(requestOptions);
				if (typeof body.extra_headers === 'string') {
					body.extra_headers = body.extra_headers
						.split(',')
						.map((pair) => pair.trim())
						.join(',');
				}
				return requestOptions;
			},
		],
		checks: [
			bodyUrl('service_url', 'Service URL', ['ws:', 'wss:']),
			(requestOptions) => {
				const body = bodyOf(requestOptions);
				const track = body.audio_track ?? 'inbound';
				if (body.bidirectional === true && track !== 'inbound') {
					return `A bidirectional stream can only carry the Inbound audio track; ‘Audio Track’ is ${JSON.stringify(track)}. Choose Inbound or turn Bidirectional off.`;
				}
				return undefined;
			},
			bodyIntegerInRange('stream_timeout', 'Stream Timeout', 1),
			(requestOptions) => {
				const headers = bodyOf(requestOptions).extra_headers;
				return headers === undefined
					? undefined
					: keyValueListProblem(String(headers), 'Extra Headers', EXTRA_HEADERS_MAX_BYTES);
			},
			bodyUrl('status_callback_url', 'Status Callback URL'),
		],
	});
