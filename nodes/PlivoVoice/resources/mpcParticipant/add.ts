import type { INodeProperties } from 'n8n-workflow';

import {
	additionalFieldsCollection,
	httpMethodOptions,
	switchField,
	toBody,
} from '../../../../lib/kit/fields';
import type { RequestCheck } from '../../../../lib/kit/validation';
import { bodyOf, bodyUrl, urlProblem } from '../../../../lib/kit/validation';
import {
	MPC,
	mpcField,
	recordingCallbackFields,
	recordingCallbackUrlCheck,
} from '../multipartyCall/shared';
import { path } from '../../../../lib/kit/pathSegments';
import {
	callerNameCheck,
	callerNameField,
	callUuidField,
	destinationsField,
	fromNumberCheck,
	fromNumberField,
	normaliseCallNumbers,
	sipHeadersField,
} from '../../fields/call';
import { fileFormatField } from '../../fields/recording';
import { integerRangeField, urlAndMethodFields } from '../../../../lib/plivo/fields';
import type { IntegerRange } from '../../../../lib/plivo/fields';
import { defineOperation } from '../../../../lib/plivo/routing';
import type { PlivoVoiceVersion } from '../../versions';
import { destinationProblem, onlyListedOptions } from '../../../../lib/plivo/validation';

const roleField: INodeProperties = onlyListedOptions({
	displayName: 'Role',
	name: 'role',
	type: 'options',
	required: true,
	options: [
		{ name: 'Agent', value: 'Agent' },
		{ name: 'Customer', value: 'Customer' },
		{
			name: 'Supervisor',
			value: 'Supervisor',
			description: 'Can coach agents without the customer hearing',
		},
	],
	default: 'Agent',
	description: 'The participant’s role in the MPC; it cannot be changed later',
	routing: toBody('role'),
});

/** A participant comes from a new call (from + to) or from a call in progress (call_uuid), never both. */
const PARTICIPANT_CALLS = ['new', 'existing'];

const participantCallField: INodeProperties = {
	displayName: 'Participant Call',
	name: 'participantCall',
	type: 'options',
	options: [
		{
			name: 'Existing Call',
			value: 'existing',
			description: 'Move a call in progress into the MPC',
		},
		{
			name: 'New Call',
			value: 'new',
			description: 'Plivo calls the participant and adds them once they answer',
		},
	],
	default: 'new',
	description: 'How the participant joins',
};

const newCall = { show: { participantCall: ['new'] } };

/**
 * The saved names of From, To and Call UUID per node version (see versions.ts): version 1 used
 * Call's names, version 2 names of their own, so that n8n evaluates a mapped value once per field,
 * not once for each resource that has one.
 */
const PARTICIPANT_CALL_NAMES: Record<
	PlivoVoiceVersion,
	{ fromName: string; toName: string; callUuidName: string }
> = {
	1: { fromName: 'from', toName: 'to', callUuidName: 'callUuid' },
	2: {
		fromName: 'participantFrom',
		toName: 'participantTo',
		callUuidName: 'participantCallUuid',
	},
};

/** From and To of a new call, or the Call UUID of one in progress, under the version's names. */
function callFields(version: PlivoVoiceVersion): INodeProperties[] {
	const names = PARTICIPANT_CALL_NAMES[version];
	return [
		{ ...fromNumberField(), name: names.fromName, displayOptions: newCall },
		{
			...destinationsField(
				'Who to call: a phone number with country code or a SIP URI. Agents may be several, separated by <: they are called at once and the first to answer joins.',
			),
			name: names.toName,
			displayOptions: newCall,
		},
		{
			...callUuidField('The unique ID of the call in progress to move into the MPC'),
			name: names.callUuidName,
			displayOptions: { show: { participantCall: ['existing'] } },
			routing: toBody('call_uuid'),
		},
	];
}

/** Whole-number arguments with Plivo's documented range and default. */
const ranges: IntegerRange[] = [
	{
		name: 'maxDuration',
		apiName: 'max_duration',
		displayName: 'Max Duration',
		min: 300,
		max: 28800,
		default: 14400,
		description: 'Seconds the MPC may last, counted from its first call; it then ends',
	},
	{
		name: 'maxParticipants',
		apiName: 'max_participants',
		displayName: 'Max Participants',
		min: 2,
		max: 10,
		default: 10,
		description: 'Most participants the MPC may hold at once',
	},
	{
		name: 'ringTimeout',
		apiName: 'ring_timeout',
		displayName: 'Ring Timeout',
		min: 15,
		max: 120,
		default: 45,
		description: 'Seconds to wait for the participant to answer',
	},
];

/** Yes/no arguments that Plivo's reference says are off by default. */
const switchesOffByDefault: Array<{
	name: string;
	apiName: string;
	displayName: string;
	description: string;
}> = [
	{
		name: 'endMpcOnExit',
		apiName: 'end_mpc_on_exit',
		displayName: 'End MPC On Exit',
		description: 'Whether the MPC ends when this participant leaves',
	},
	{
		name: 'hold',
		apiName: 'hold',
		displayName: 'Hold',
		description: 'Whether the participant joins on hold, hearing hold music',
	},
	{
		name: 'mute',
		apiName: 'mute',
		displayName: 'Mute',
		description: 'Whether the participant joins muted',
	},
	{
		name: 'record',
		apiName: 'record',
		displayName: 'Record',
		description:
			'Whether to record the MPC; recording starts with the first participant who joins with this on',
	},
	{
		name: 'recordParticipantTrack',
		apiName: 'record_participant_track',
		displayName: 'Record Participant Track',
		description: 'Whether to also record this participant’s own audio in a file of its own',
	},
	{
		name: 'relayDtmfInputs',
		apiName: 'relay_dtmf_inputs',
		displayName: 'Relay DTMF Inputs',
		description: 'Whether keys this participant presses are played to the others',
	},
	{
		name: 'stayAlone',
		apiName: 'stay_alone',
		displayName: 'Stay Alone',
		description:
			'Whether a participant may stay in the MPC once everyone else has left; otherwise the MPC ends',
	},
];

/** XML documents with Play, Speak or Wait that Plivo fetches with GET unless told otherwise. */
const xmlAudioUrls = [
	{
		urlName: 'agentHoldMusicUrl',
		methodName: 'agentHoldMusicMethod',
		apiName: 'agent_hold_music',
		label: 'Agent Hold Music',
		when: 'played to agents on hold. By default, Plivo’s hold music.',
	},
	{
		urlName: 'confirmKeySoundUrl',
		methodName: 'confirmKeySoundMethod',
		apiName: 'confirm_key_sound',
		label: 'Confirm Key Sound',
		when: 'played when the participant answers, before the Confirm Key. By default, “Please enter the key to accept the call”.',
	},
	{
		urlName: 'customerHoldMusicUrl',
		methodName: 'customerHoldMusicMethod',
		apiName: 'customer_hold_music',
		label: 'Customer Hold Music',
		when: 'played to customers on hold. By default, Plivo’s hold music.',
	},
	{
		urlName: 'waitMusicUrl',
		methodName: 'waitMusicMethod',
		apiName: 'wait_music',
		label: 'Wait Music',
		when: 'played in a loop while the MPC has not started. By default, Plivo’s wait music.',
	},
];

/** `enter_sound` / `exit_sound`: `none`, `beep:1`, `beep:2`, or the URL of an XML document. */
const BUILT_IN_SOUNDS = ['none', 'beep:1', 'beep:2'];

const bridgeSounds = [
	{
		name: 'enterSound',
		methodName: 'enterSoundMethod',
		apiName: 'enter_sound',
		label: 'Enter Sound',
		default: 'beep:1',
		when: 'joins (never for a coaching supervisor)',
	},
	{
		name: 'exitSound',
		methodName: 'exitSoundMethod',
		apiName: 'exit_sound',
		label: 'Exit Sound',
		default: 'beep:2',
		when: 'leaves',
	},
];

const STATUS_CALLBACK_EVENTS = [
	{
		name: 'Add Participant API Events',
		value: 'add-participant-api-events',
		description: 'AddParticipantByAPIActionInitiated and Completed',
	},
	{
		name: 'MPC State Changes',
		value: 'mpc-state-changes',
		description: 'MPCInitialized, MPCStart, MPCEnd',
	},
	{
		name: 'Participant Audio Events',
		value: 'participant-audio-events',
		description: 'ParticipantAudioPlayed and Stopped',
	},
	{
		name: 'Participant Digit Input Events',
		value: 'participant-digit-input-events',
		description: 'ParticipantDigitInput',
	},
	{
		name: 'Participant Speak Events',
		value: 'participant-speak-events',
		description: 'ParticipantSpeakStart and Stop',
	},
	{
		name: 'Participant State Changes',
		value: 'participant-state-changes',
		description: 'ParticipantJoin, Exit, Mute, Unmute, Hold, Unhold, CoachModeStart and Stop',
	},
];

const MAX_DELAY_DIAL_SECONDS = 120;

const additionalFields = additionalFieldsCollection([
	...xmlAudioUrls.flatMap(({ urlName, methodName, apiName, label, when }) =>
		urlAndMethodFields({
			urlName,
			methodName,
			urlApiName: `${apiName}_url`,
			methodApiName: `${apiName}_method`,
			displayName: label,
			description: `URL of an XML document with Play, Speak or Wait elements only, ${when}`,
			defaultMethod: 'GET',
		}),
	),
	...urlAndMethodFields({
		urlName: 'callStatusCallbackUrl',
		methodName: 'callStatusCallbackMethod',
		urlApiName: 'call_status_callback_url',
		methodApiName: 'call_status_callback_method',
		displayName: 'Call Status Callback',
		description:
			'URL Plivo notifies as the new call is initiated, rings, is answered and hangs up (new calls only)',
	}),
	callerNameField(),
	{
		displayName: 'Coach Mode',
		name: 'coachMode',
		type: 'boolean',
		default: true,
		description: 'Whether the supervisor is heard by agents only, not by customers',
		displayOptions: { show: { '/role': ['Supervisor'] } },
		routing: toBody('coach_mode'),
	},
	onlyListedOptions({
		displayName: 'Confirm Key',
		name: 'confirmKey',
		type: 'options',
		options: ['#', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((key) => ({
			name: key,
			value: key,
		})),
		default: '1',
		description:
			'Key the participant must press within 30 seconds of answering to join; otherwise the call ends',
		routing: toBody('confirm_key'),
	}),
	{
		displayName: 'Delay Dial',
		name: 'delayDial',
		type: 'string',
		default: '0',
		placeholder: 'e.g. 5 or 0<10<20',
		description: `Seconds to wait before calling (0–${MAX_DELAY_DIAL_SECONDS}). With several To destinations, one value for all or one per destination, separated by <.`,
		routing: toBody('delay_dial'),
	},
	...switchesOffByDefault.map(switchField),
	{
		displayName: 'Start MPC On Enter',
		name: 'startMpcOnEnter',
		type: 'boolean',
		default: true,
		description:
			'Whether the MPC starts, if it has not yet, when this participant joins. When every participant joins with this off, the MPC waits for Start.',
		routing: toBody('start_mpc_on_enter'),
	},
	...bridgeSounds.flatMap(
		({ name, methodName, apiName, label, default: defaultValue, when }): INodeProperties[] => [
			{
				displayName: label,
				name,
				type: 'string',
				default: defaultValue,
				placeholder: 'e.g. beep:2',
				description: `Played to the MPC when the participant ${when}: none, beep:1, beep:2, or the URL of an XML document with Play, Speak or Wait elements only`,
				routing: toBody(apiName),
			},
			{
				displayName: `${label} Method`,
				name: methodName,
				type: 'options',
				options: httpMethodOptions,
				default: 'GET',
				description: `The HTTP method Plivo uses to fetch the ${label} URL`,
				routing: toBody(`${apiName}_method`),
			},
		],
	),
	...ranges.map(integerRangeField),
	...urlAndMethodFields({
		urlName: 'onExitActionUrl',
		methodName: 'onExitActionMethod',
		urlApiName: 'on_exit_action_url',
		methodApiName: 'on_exit_action_method',
		displayName: 'On Exit Action',
		description:
			'URL that returns the Plivo XML the participant’s call continues with after leaving the MPC. Without it, a participant added here is hung up when they leave.',
	}),
	fileFormatField('recordFileFormat', 'record_file_format'),
	onlyListedOptions({
		displayName: 'Record Min Member Count',
		name: 'recordMinMemberCount',
		type: 'options',
		options: [
			{
				name: '1',
				value: '1',
				description: 'Recording starts as soon as one member is in the MPC',
			},
			{ name: '2', value: '2', description: 'Recording starts once two members are in the MPC' },
		],
		default: '1',
		description: 'How many members must be in the MPC before Record starts recording',
		routing: toBody('record_min_member_count'),
	}),
	...recordingCallbackFields('MPCRecordingInitiated, Paused, Resumed, Completed or Failed'),
	sipHeadersField({ perDestination: true }),
	// The reference gives POST as the method's default; the official SDK sends GET. Unset, the
	// field is not sent and Plivo applies its own default.
	...urlAndMethodFields({
		urlName: 'statusCallbackUrl',
		methodName: 'statusCallbackMethod',
		urlApiName: 'status_callback_url',
		methodApiName: 'status_callback_method',
		displayName: 'Status Callback',
		description:
			'URL Plivo notifies of the MPC’s and its participants’ events, chosen in Status Callback Events',
	}),
	onlyListedOptions({
		displayName: 'Status Callback Events',
		name: 'statusCallbackEvents',
		type: 'multiOptions',
		options: STATUS_CALLBACK_EVENTS,
		default: ['mpc-state-changes', 'participant-state-changes'],
		description: 'Which events Plivo sends to the Status Callback URL',
		routing: toBody('status_callback_events'),
	}),
]);

/** Every integer in `delay_dial`: one for all destinations, or one per destination joined with `<`. */
const delayDialCheck: RequestCheck = (requestOptions) => {
	const delay = bodyOf(requestOptions).delay_dial;
	if (delay === undefined) return undefined;
	for (const part of String(delay).split('<')) {
		const seconds = Number(part);
		if (
			part.trim() === '' ||
			!Number.isInteger(seconds) ||
			seconds < 0 ||
			seconds > MAX_DELAY_DIAL_SECONDS
		) {
			return `‘${part}’ in ‘Delay Dial’ is not a whole number of seconds from 0 to ${MAX_DELAY_DIAL_SECONDS}.`;
		}
	}
	return undefined;
};

const soundChecks: RequestCheck[] = bridgeSounds.map(({ apiName, label }) => (requestOptions) => {
	const sound = bodyOf(requestOptions)[apiName];
	if (
		sound === undefined ||
		BUILT_IN_SOUNDS.includes(String(sound)) ||
		urlProblem(sound, label) === undefined
	)
		return undefined;
	return `‘${String(sound)}’ in ‘${label}’ is neither none, beep:1, beep:2 nor a full URL starting with http:// or https://.`;
});

export const add = (version: PlivoVoiceVersion) =>
	defineOperation({
		resource: 'mpcParticipant',
		value: 'add',
		name: 'Add',
		action: 'Add a participant to a multiparty call',
		description:
			'Call someone, or move a call in progress, into an MPC; an MPC with a new name is created',
		method: 'POST',
		url: path`/MultiPartyCall/${MPC}/Participant/`,
		properties: [
			mpcField(
				'The MPC to add the participant to. If no live MPC has this name, Plivo starts one with it.',
			),
			roleField,
			participantCallField,
			...callFields(version),
			additionalFields,
		],
		preSend: [
			// From and To, or Call UUID, never both. The editor hides the fields of the other choice, but
			// shows all three when Participant Call is an expression: only the chosen ones are sent.
			async function keepChosenParticipantCall(requestOptions) {
				const body = bodyOf(requestOptions);
				const choice = this.getNodeParameter('participantCall', 'new') as string;
				if (choice === 'new') delete body.call_uuid;
				if (choice === 'existing') {
					delete body.from;
					delete body.to;
				}
				return requestOptions;
			},
			normaliseCallNumbers,
			async function normaliseLists(requestOptions) {
				const body = bodyOf(requestOptions);
				// One delay for every destination is a number; one per destination, a `<` list.
				if (typeof body.delay_dial === 'string' && /^\s*\d+\s*$/.test(body.delay_dial))
					body.delay_dial = Number(body.delay_dial);
				if (Array.isArray(body.status_callback_events))
					body.status_callback_events = body.status_callback_events.join(',');
				return requestOptions;
			},
		],
		checks: [
			function () {
				const choice = this.getNodeParameter('participantCall', 'new') as string;
				if (PARTICIPANT_CALLS.includes(choice)) return undefined;
				return `‘Participant Call’ is ‘${choice}’; it must be ‘new’ (a new call, with From and To) or ‘existing’ (a call in progress, with its Call UUID).`;
			},
			fromNumberCheck,
			(requestOptions) => {
				const { to, role } = bodyOf(requestOptions);
				if (to === undefined) return undefined;
				const problem = destinationProblem(String(to), 'To');
				if (problem) return problem;
				const count = String(to).split('<').length;
				if (count > 1 && role !== 'Agent') {
					return `The ‘To’ field lists ${count} destinations; Plivo calls several at once only for the Agent role (the role is ${String(role)}).`;
				}
				return undefined;
			},
			callerNameCheck,
			delayDialCheck,
			...soundChecks,
			...xmlAudioUrls.map(({ apiName, label }) => bodyUrl(`${apiName}_url`, `${label} URL`)),
			bodyUrl('call_status_callback_url', 'Call Status Callback URL'),
			bodyUrl('on_exit_action_url', 'On Exit Action URL'),
			recordingCallbackUrlCheck,
			bodyUrl('status_callback_url', 'Status Callback URL'),
		],
	});
