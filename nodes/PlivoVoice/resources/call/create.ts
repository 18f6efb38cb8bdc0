import type { INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, httpMethodOptions, toBody } from '../../../../lib/kit/fields';
import { bodyOf, bodyUrl } from '../../../../lib/kit/validation';
import {
	callerNameCheck,
	callerNameField,
	destinationsField,
	fromNumberCheck,
	fromNumberField,
	normaliseCallNumbers,
	sipHeadersField,
} from '../../fields/call';
import { integerRangeField, urlAndMethodFields } from '../../../../lib/plivo/fields';
import { defineOperation } from '../../../../lib/plivo/routing';
import { destinationProblem } from '../../../../lib/plivo/validation';

/** Plivo dials at most 1000 unique destinations in one bulk call. */
const MAX_BULK_DESTINATIONS = 1000;

/** Answering-machine detection tuning: Plivo's documented range and default for each field. */
const machineDetectionTuning = [
	{
		name: 'machineDetectionTime',
		apiName: 'machine_detection_time',
		label: 'Time',
		min: 2000,
		max: 10000,
		default: 5000,
		description: 'Milliseconds Plivo may take to decide whether a machine answered',
	},
	{
		name: 'machineDetectionMaximumSpeechLength',
		apiName: 'machine_detection_maximum_speech_length',
		label: 'Maximum Speech Length',
		min: 1000,
		max: 6000,
		default: 5000,
		description: 'Milliseconds of continuous speech after which the callee counts as a machine',
	},
	{
		name: 'machineDetectionInitialSilence',
		apiName: 'machine_detection_initial_silence',
		label: 'Initial Silence',
		min: 2000,
		max: 10000,
		default: 4500,
		description: 'Milliseconds of silence at the start after which the result is "unknown"',
	},
	{
		name: 'machineDetectionMaximumWords',
		apiName: 'machine_detection_maximum_words',
		label: 'Maximum Words',
		min: 2,
		max: 10,
		default: 3,
		description: 'Number of sentences in the greeting above which the callee counts as a machine',
	},
	{
		name: 'machineDetectionInitialGreeting',
		apiName: 'machine_detection_initial_greeting',
		label: 'Initial Greeting',
		min: 1000,
		max: 5000,
		default: 1500,
		description: 'Milliseconds of greeting above which the callee counts as a machine',
	},
	{
		name: 'machineDetectionSilence',
		apiName: 'machine_detection_silence',
		label: 'Silence',
		min: 500,
		max: 5000,
		default: 800,
		description:
			'Milliseconds of silence after the greeting above which the callee counts as a human',
	},
];

const additionalFields = additionalFieldsCollection([
	{
		displayName: 'Answer Method',
		name: 'answerMethod',
		type: 'options',
		options: httpMethodOptions,
		default: 'POST',
		description: 'The HTTP method Plivo uses to fetch the Answer URL',
		routing: toBody('answer_method'),
	},
	callerNameField(),
	{
		displayName: 'Error If Parent Not Found',
		name: 'errorIfParentNotFound',
		type: 'boolean',
		default: false,
		description:
			'Whether to fail the request when the Parent Call UUID does not belong to an ongoing call, instead of ignoring it',
		routing: toBody('error_if_parent_not_found'),
	},
	...urlAndMethodFields({
		urlName: 'fallbackUrl',
		methodName: 'fallbackMethod',
		urlApiName: 'fallback_url',
		methodApiName: 'fallback_method',
		displayName: 'Fallback',
		description:
			'URL Plivo fetches XML from when the Answer URL fails (after three tries or 60 seconds)',
	}),
	{
		displayName: 'Hangup On Ring',
		name: 'hangupOnRing',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'Hang up this many seconds after the phone starts ringing, answered or not',
		routing: toBody('hangup_on_ring'),
	},
	...urlAndMethodFields({
		urlName: 'hangupUrl',
		methodName: 'hangupMethod',
		urlApiName: 'hangup_url',
		methodApiName: 'hangup_method',
		displayName: 'Hangup',
		description: 'URL Plivo notifies when the call ends, with its duration and hangup cause',
	}),
	{
		displayName: 'Machine Detection',
		name: 'machineDetection',
		type: 'options',
		options: [
			{
				name: 'Detect',
				value: 'true',
				description: 'Detect answering machines and report the result',
			},
			{
				name: 'Detect and Hang Up',
				value: 'hangup',
				description: 'Hang up when a machine answers',
			},
		],
		default: 'true',
		description: 'Whether Plivo should tell a person from an answering machine',
		routing: toBody('machine_detection'),
	},
	...machineDetectionTuning.map(({ label, ...tuning }) =>
		integerRangeField({ ...tuning, displayName: `Machine Detection ${label}` }),
	),
	...urlAndMethodFields({
		urlName: 'machineDetectionUrl',
		methodName: 'machineDetectionMethod',
		urlApiName: 'machine_detection_url',
		methodApiName: 'machine_detection_method',
		displayName: 'Machine Detection',
		description: 'URL Plivo notifies with the machine detection result, while the call goes on',
	}),
	{
		displayName: 'Parent Call UUID',
		name: 'parentCallUuid',
		type: 'string',
		default: '',
		description:
			'The A leg of an ongoing conference this call will join; speeds up joining. Single calls only.',
		routing: toBody('parent_call_uuid'),
	},
	{
		displayName: 'Ring Timeout',
		name: 'ringTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 120,
		description: 'Seconds to let the phone ring before giving up',
		routing: toBody('ring_timeout'),
	},
	...urlAndMethodFields({
		urlName: 'ringUrl',
		methodName: 'ringMethod',
		urlApiName: 'ring_url',
		methodApiName: 'ring_method',
		displayName: 'Ring',
		description: 'URL Plivo notifies when the phone starts ringing',
	}),
	{
		displayName: 'Send Digits',
		name: 'sendDigits',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1w2w3',
		description:
			'Keypad tones to send once connected. w waits half a second, W a full second; add @ and a duration in milliseconds to change the tone length.',
		routing: toBody('send_digits'),
	},
	{
		displayName: 'Send On Preanswer',
		name: 'sendOnPreanswer',
		type: 'boolean',
		default: false,
		description:
			'Whether to send the digits while the call is still connecting (early media) rather than once answered',
		routing: toBody('send_on_preanswer'),
	},
	sipHeadersField(),
	{
		displayName: 'Time Limit',
		name: 'timeLimit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 14400,
		description: 'Longest the call may last once answered, in seconds (at most 24 hours)',
		routing: toBody('time_limit'),
	},
]);

const properties: INodeProperties[] = [
	fromNumberField(),
	destinationsField(
		'Who to call: a phone number with country code or a SIP URI. To call several at once (bulk call), separate them with <.',
	),
	{
		displayName: 'Answer URL',
		name: 'answerUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/plivo/answer',
		description:
			'URL Plivo fetches when the call is answered. It must return Plivo XML, which tells Plivo what to do on the call. A Plivo Voice Trigger node can answer it.',
		routing: toBody('answer_url'),
	},
	additionalFields,
];

export const create = defineOperation({
	resource: 'call',
	value: 'create',
	name: 'Make',
	action: 'Make a call',
	description: 'Place an outbound call to one or more destinations',
	method: 'POST',
	url: '/Call/',
	properties,
	preSend: [normaliseCallNumbers],
	checks: [
		fromNumberCheck,
		(requestOptions) => {
			const to = String(bodyOf(requestOptions).to ?? '');
			const problem = destinationProblem(to, 'To');
			if (problem) return problem;
			const unique = new Set(to.split('<'));
			if (unique.size > MAX_BULK_DESTINATIONS) {
				return `The ‘To’ field lists ${unique.size} destinations; Plivo dials at most ${MAX_BULK_DESTINATIONS} in one bulk call.`;
			}
			return undefined;
		},
		bodyUrl('answer_url', 'Answer URL'),
		bodyUrl('ring_url', 'Ring URL'),
		bodyUrl('hangup_url', 'Hangup URL'),
		bodyUrl('fallback_url', 'Fallback URL'),
		bodyUrl('machine_detection_url', 'Machine Detection URL'),
		callerNameCheck,
	],
});
