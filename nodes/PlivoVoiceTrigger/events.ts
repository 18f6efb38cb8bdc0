import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The callbacks the trigger tells apart. Plivo sends every callback to a URL the user chose, with
 * no field naming the callback as such; the kind is read from the parameters it carries.
 */
export type CallbackEvent =
	| 'answer'
	| 'conference'
	| 'fallback'
	| 'hangup'
	| 'input'
	| 'machineDetection'
	| 'mpcRecordingStatus'
	| 'mpcStatus'
	| 'other'
	| 'recordingReady'
	| 'ring'
	| 'streamStatus'
	| 'transcriptionReady';

/**
 * Query parameter that names the callback explicitly. Plivo calls the fallback URL with exactly
 * the parameters of the answer URL, so only the URL itself can tell them apart: the node adds
 * `?plivoEvent=fallback` to the fallback URL it registers, and users add it to URLs they paste.
 * It is part of the URL Plivo signs, so it cannot be forged.
 */
export const EVENT_QUERY_PARAMETER = 'plivoEvent';

/** Callbacks whose answer Plivo runs as XML: they are answered as the node is set to respond. */
export const XML_EVENTS: readonly CallbackEvent[] = ['answer', 'fallback', 'input'];

export const ANY_EVENT = '*';

export const eventOptions: INodePropertyOptions[] = [
	{
		name: 'Answer',
		value: 'answer',
		action: 'On answer',
		description:
			'A call was answered (or came in) and Plivo asks what to do: the answer URL. Expects XML.',
	},
	{
		name: 'Any Event',
		value: ANY_EVENT,
		action: 'On any event',
		description: 'Every callback, including ones the node does not recognise (event "other")',
	},
	{
		name: 'Audio Stream Status',
		value: 'streamStatus',
		action: 'On audio stream status change',
		description: 'An audio stream started, stopped, dropped or degraded',
	},
	{
		name: 'Conference Event',
		value: 'conference',
		action: 'On conference event',
		description:
			'Someone entered or left a conference, pressed keys, took the floor, or a recording ended',
	},
	{
		name: 'Fallback',
		value: 'fallback',
		action: 'On fallback',
		description: `The answer URL failed and Plivo asks the fallback URL for XML instead. Expects XML. Recognised by ?${EVENT_QUERY_PARAMETER}=fallback in the URL (added for you when the node registers an application).`,
	},
	{
		name: 'Hangup',
		value: 'hangup',
		action: 'On hangup',
		description: 'A call ended: duration, hangup cause and times',
	},
	{
		name: 'Input Received',
		value: 'input',
		action: 'On input received',
		description:
			'Keys pressed or speech heard by a GetInput or GetDigits element (its action URL). Expects XML.',
	},
	{
		name: 'Machine Detection',
		value: 'machineDetection',
		action: 'On machine detection',
		description: 'Plivo found out whether a person or an answering machine picked up',
	},
	{
		name: 'MPC Recording Status',
		value: 'mpcRecordingStatus',
		action: 'On MPC recording status change',
		description:
			'A recording of a multiparty call (MPC) or of one of its participants started, paused, resumed, completed or failed',
	},
	{
		name: 'MPC Status',
		value: 'mpcStatus',
		action: 'On MPC status change',
		description:
			'A multiparty call (MPC) started or ended, or a participant joined, left, was muted, held, coached, spoke or pressed keys',
	},
	{
		name: 'Recording Ready',
		value: 'recordingReady',
		action: 'On recording ready',
		description: 'A call recording is finished and can be downloaded',
	},
	{
		name: 'Ring',
		value: 'ring',
		action: 'On ring',
		description: 'An outbound call started ringing (the ring URL)',
	},
	{
		name: 'Transcription Ready',
		value: 'transcriptionReady',
		action: 'On transcription ready',
		description: 'The transcription of a recording is ready',
	},
];

const KNOWN_EVENTS = new Set(
	eventOptions.map((option) => option.value as string).filter((value) => value !== ANY_EVENT),
);

type CallbackParams = Record<string, string | string[]>;

function first(params: CallbackParams, name: string): string | undefined {
	const value = params[name];
	return Array.isArray(value) ? value[0] : value;
}

function has(params: CallbackParams, ...names: string[]): boolean {
	return names.some((name) => first(params, name) !== undefined);
}

/**
 * Which callback this is, from its parameters (plivo-facts.md, "Callbacks Plivo sends").
 * The most specific markers are read first: an MPC or conference callback also carries a
 * CallUUID, a hangup also carries the call's parameters.
 */
export function recogniseEvent(params: CallbackParams, marker?: string): CallbackEvent {
	if (marker !== undefined && KNOWN_EVENTS.has(marker)) return marker as CallbackEvent;
	const eventName = first(params, 'EventName');
	if (eventName !== undefined) {
		return /^(MPC|Participant)Recording/.test(eventName) ? 'mpcRecordingStatus' : 'mpcStatus';
	}
	if (has(params, 'ConferenceAction')) return 'conference';
	switch (first(params, 'Event')) {
		case 'StartApp':
			return 'answer';
		case 'Ring':
			return 'ring';
		case 'Hangup':
			return 'hangup';
		case 'MachineDetection':
			return 'machineDetection';
		case 'StartStream':
		case 'StopStream':
		case 'DroppedStream':
		case 'DegradedStream':
			return 'streamStatus';
	}
	// The transcription callback is the only one in snake_case.
	if (has(params, 'transcription', 'transcription_rate')) return 'transcriptionReady';
	// The Record API's callback_url gets snake_case (`record_url`, `recording_id`, reference
	// "Record calls"); the <Record> XML element's callbacks CamelCase (`RecordUrl`, `RecordingID`).
	if (has(params, 'RecordUrl', 'RecordingID', 'record_url', 'recording_id'))
		return 'recordingReady';
	if (has(params, 'Digits', 'Speech', 'InputType')) return 'input';
	if (has(params, 'Machine')) return 'machineDetection';
	return 'other';
}
