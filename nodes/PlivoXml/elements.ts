/**
 * Plivo's XML elements and their attributes: the one table the editor's fields, the checks and
 * the document are built from.
 *
 * Sources: Plivo's XML reference (plivo.com/docs/voice/xml/…: audio-output, input, record,
 * routing, conferencing, multi-party call, audiostream, hangup), cross-checked with the official
 * SDKs' XML builders (plivo-node lib/utils/plivoxml.js, plivo-python plivo/xml/*.py). Where they
 * differ, the comment on the element says which was followed. Defaults below are Plivo's
 * documented ones: they are what an attribute does when it is left out, which is what this node
 * does unless the user adds the option.
 */
import type { INodePropertyOptions } from 'n8n-workflow';
import { CALL_SPEAK_LANGUAGES } from '../../lib/plivo/speech';

export type AttributeKind =
	/** An absolute URL; `keywords` are other words Plivo accepts in its place (e.g. `beep:1`). */
	| { type: 'url'; schemes?: string[]; keywords?: string[] }
	| { type: 'method' }
	| { type: 'boolean' }
	| { type: 'integer'; min: number; max?: number }
	/** One of `options`; values matching `alsoMatching` (described by `alsoRule`) are accepted too. */
	| { type: 'options'; options: INodePropertyOptions[]; alsoMatching?: RegExp; alsoRule?: string }
	| { type: 'multiOptions'; options: INodePropertyOptions[] }
	/** Free text; `pattern` and `rule` (the rule in words, for the error) restrict it. */
	| {
			type: 'text';
			pattern?: RegExp;
			rule?: string;
			maxLength?: number;
			maxBytes?: number;
			/** Any further rule; returns what is wrong. */
			check?: (value: string) => string | undefined;
	  };

export interface AttributeSpec {
	/** Plivo's attribute name, also the field's name. */
	name: string;
	displayName: string;
	kind: AttributeKind;
	/**
	 * The value the field starts with when added: Plivo's documented default where it has one
	 * (leaving the option out has the same effect), else a typical value.
	 */
	default: string | number | boolean;
	description: string;
	placeholder?: string;
}

/** The element's text: what to say, which URL to play, the room's name… */
export interface ContentSpec {
	/** The field's name in the editor (unique across elements). */
	field: string;
	displayName: string;
	kind: AttributeKind;
	description: string;
	placeholder?: string;
	multiline?: boolean;
}

export type Nesting = 'prompts' | 'destinations';

export interface ElementSpec {
	verb: string;
	/** The name of the element's fields in the editor, e.g. `getInput` → `getInputOptions`. */
	key: string;
	displayName: string;
	description: string;
	content?: ContentSpec;
	/** Attributes Plivo requires: shown as fields of their own. */
	required?: AttributeSpec[];
	/** Optional attributes: the element's "Options", written only when added. */
	attributes: AttributeSpec[];
	/** What the element may hold: prompts (Speak, Play, Wait) or destinations (Number, User). */
	nesting?: Nesting;
	/** At least one nested element is needed (Plivo's rule for Dial; PreAnswer is empty otherwise). */
	nestingRequired?: boolean;
}

const URL: AttributeKind = { type: 'url' };
const METHOD: AttributeKind = { type: 'method' };
const BOOLEAN: AttributeKind = { type: 'boolean' };
const POSITIVE: AttributeKind = { type: 'integer', min: 1 };
const NOT_NEGATIVE: AttributeKind = { type: 'integer', min: 0 };

const KEY = /^[0-9*#]$/;
const KEYS = /^[0-9*#]+$/;
/** DTMF digits to send: keys plus `w` (half a second's pause) and `W` (one second). */
const DIGITS_TO_SEND = /^[0-9*#wW]+$/;
/** `key=value,key2=value2`, letters and digits only (Plivo's rule for SIP and stream headers). */
const HEADERS = /^[A-Za-z0-9]+=[A-Za-z0-9]+(,[A-Za-z0-9]+=[A-Za-z0-9]+)*$/;
const DIGIT_PATTERNS = /^[0-9*#]+(,[0-9*#]+)*$/;

const SIP_HEADERS: AttributeSpec = {
	name: 'sipHeaders',
	displayName: 'SIP Headers',
	kind: {
		type: 'text',
		pattern: HEADERS,
		rule: 'key=value pairs separated by commas, letters and digits only',
	},
	default: '',
	description: 'Extra SIP headers to send, as key=value pairs separated by commas',
	placeholder: 'team=sales,priority=1',
};
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Plivo's GetInput reference: at most 500 phrases of 100 characters, 10,000 characters in all. */
function hintsProblem(value: string): string | undefined {
	const phrases = value.split(',');
	if (value.length > 10000) return `has ${value.length} characters; Plivo takes at most 10,000`;
	if (phrases.length > 500) return `has ${phrases.length} phrases; Plivo takes at most 500`;
	const long = phrases.findIndex((phrase) => phrase.trim().length > 100);
	if (long >= 0) return `phrase ${long + 1} has more than 100 characters, Plivo’s limit per phrase`;
	return undefined;
}

const keyOptions: INodePropertyOptions[] = [
	...['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((key) => ({ name: key, value: key })),
	{ name: '*', value: '*' },
	{ name: '#', value: '#' },
	{ name: 'None (End on Timeout or Number of Digits)', value: 'none' },
];

const fileFormatOptions: INodePropertyOptions[] = [
	{ name: 'MP3', value: 'mp3' },
	{ name: 'WAV', value: 'wav' },
];

function method(
	name: string,
	displayName: string,
	what: string,
	documented = 'POST',
): AttributeSpec {
	return {
		name,
		displayName,
		kind: METHOD,
		default: documented,
		description: `The HTTP method used to call ${what}`,
	};
}

function url(name: string, displayName: string, description: string): AttributeSpec {
	return {
		name,
		displayName,
		kind: URL,
		default: '',
		description,
		placeholder: 'https://example.com/…',
	};
}

function flag(
	name: string,
	displayName: string,
	documented: boolean,
	description: string,
): AttributeSpec {
	return { name, displayName, kind: BOOLEAN, default: documented, description };
}

/** Speak: voice and language come from the Plivo Voice node's text-to-speech list. */
export const SPEAK: ElementSpec = {
	verb: 'Speak',
	key: 'speak',
	displayName: 'Speak',
	description: 'Read text aloud to the caller',
	content: {
		field: 'speakText',
		displayName: 'Text',
		kind: { type: 'text' },
		description: 'What to say',
		placeholder: 'Thanks for calling. Press 1 for sales.',
		multiline: true,
	},
	attributes: [
		{
			name: 'language',
			displayName: 'Language',
			kind: {
				type: 'options',
				options: CALL_SPEAK_LANGUAGES.map(({ name, value, voices }) => ({
					name,
					value,
					description:
						voices.length === 2
							? 'Man and woman voices'
							: `${voices[0] === 'MAN' ? 'Man' : 'Woman'} voice only`,
				})),
			},
			default: 'en-US',
			description: 'The language the text is written in and spoken with',
		},
		{
			name: 'loop',
			displayName: 'Repeat',
			kind: NOT_NEGATIVE,
			default: 1,
			description: 'How many times to say the text; 0 repeats it until the call ends',
		},
		{
			name: 'voice',
			displayName: 'Voice',
			// MAN and WOMAN, or an Amazon Polly voice such as Polly.Joanna typed as an expression.
			kind: {
				type: 'options',
				options: [
					{ name: 'Man', value: 'MAN' },
					{ name: 'Woman', value: 'WOMAN' },
				],
				// Plivo's SSML voices; the Node SDK checks the form Polly.<Name>.
				alsoMatching: /^Polly\.[A-Za-z]+(-Neural)?$/,
				alsoRule: 'an Amazon Polly voice such as Polly.Joanna',
			},
			default: 'WOMAN',
			description:
				'Whether a man’s or a woman’s voice speaks the text (some languages have only one). An Amazon Polly voice such as Polly.Joanna can be given as an expression.',
		},
	],
};

export const PLAY: ElementSpec = {
	verb: 'Play',
	key: 'play',
	displayName: 'Play Audio',
	description: 'Play an audio file (MP3 or WAV) from a URL',
	content: {
		field: 'playUrl',
		displayName: 'Audio URL',
		kind: URL,
		description: 'Where the MP3 or WAV file is',
		placeholder: 'https://example.com/welcome.mp3',
	},
	attributes: [
		{
			name: 'loop',
			displayName: 'Repeat',
			kind: NOT_NEGATIVE,
			default: 1,
			description: 'How many times to play the file; 0 repeats it until the call ends',
		},
	],
};

/** Wait: the SDKs also accept `min_silence`; Plivo's reference names only `minSilence`. */
export const WAIT: ElementSpec = {
	verb: 'Wait',
	key: 'wait',
	displayName: 'Wait',
	description: 'Pause for some seconds',
	attributes: [
		flag(
			'beep',
			'Wait for Voicemail Beep',
			false,
			'Whether to wait until a voicemail machine beeps, to leave a message after it',
		),
		{
			name: 'length',
			displayName: 'Seconds',
			kind: POSITIVE,
			default: 1,
			description: 'How many seconds to wait',
		},
		{
			name: 'minSilence',
			displayName: 'Silence Length (Ms)',
			kind: POSITIVE,
			default: 2000,
			description: 'With “End on Silence”, how many milliseconds of silence count as silence',
		},
		flag(
			'silence',
			'End on Silence',
			false,
			'Whether to stop waiting early once the line has been silent',
		),
	],
};

export const PROMPT_ELEMENTS = [SPEAK, PLAY, WAIT];

/** GetInput: Plivo's reference and both SDKs agree on the attributes. */
export const GET_INPUT: ElementSpec = {
	verb: 'GetInput',
	key: 'getInput',
	displayName: 'Get Input',
	description: 'Ask the caller something and collect keypad digits or speech',
	required: [
		{
			name: 'action',
			displayName: 'Action URL',
			kind: URL,
			default: '',
			description:
				'Where Plivo sends what the caller entered or said; its answer says how the call continues',
			placeholder: 'https://example.com/menu',
		},
		{
			name: 'inputType',
			displayName: 'Input Type',
			kind: {
				type: 'options',
				options: [
					{ name: 'Keypad Digits', value: 'dtmf' },
					{ name: 'Keypad Digits or Speech', value: 'dtmf speech' },
					{ name: 'Speech', value: 'speech' },
				],
			},
			default: 'dtmf',
			description: 'What the caller may answer with',
		},
	],
	attributes: [
		{
			name: 'digitEndTimeout',
			displayName: 'Seconds Between Digits',
			kind: { type: 'integer', min: 2, max: 10 },
			default: 5,
			description:
				'How long to wait for the next digit (2 to 10). Left out, Plivo decides automatically.',
		},
		{
			name: 'executionTimeout',
			displayName: 'Time Limit (Seconds)',
			kind: { type: 'integer', min: 5, max: 60 },
			default: 15,
			description: 'How long to listen for an answer after the prompts end (5 to 60)',
		},
		{
			name: 'finishOnKey',
			displayName: 'Finish On Key',
			kind: { type: 'options', options: keyOptions },
			default: '#',
			description: 'The key the caller presses to say they are done',
		},
		{
			name: 'hints',
			displayName: 'Hints',
			kind: { type: 'text', check: hintsProblem },
			default: '',
			description:
				'Words or phrases the caller is likely to say, separated by commas (at most 500 phrases of 100 characters, 10,000 characters in all)',
			placeholder: 'sales, support, billing',
		},
		method(
			'interimSpeechResultsCallbackMethod',
			'Interim Results Method',
			'the interim results URL',
		),
		url(
			'interimSpeechResultsCallback',
			'Interim Results URL',
			'Where Plivo sends partial transcriptions while the caller is still speaking',
		),
		{
			name: 'language',
			displayName: 'Speech Language',
			kind: { type: 'text', pattern: LANGUAGE_TAG, rule: 'a language code such as en-US' },
			default: 'en-US',
			description: 'The language the caller speaks, as a code such as en-US or es-ES',
		},
		flag(
			'log',
			'Log Input',
			true,
			'Whether Plivo keeps the input in its logs; turn off for PINs and other secrets',
		),
		method('method', 'Action Method', 'the action URL'),
		{
			name: 'numDigits',
			displayName: 'Max Digits',
			kind: { type: 'integer', min: 1, max: 32 },
			default: 32,
			description: 'The most digits to collect (1 to 32)',
		},
		flag(
			'profanityFilter',
			'Filter Profanity',
			false,
			'Whether to mask profanities in the transcribed speech',
		),
		flag(
			'redirect',
			'Continue With Action URL',
			true,
			'Whether the call continues with the instructions the action URL returns; off, the next instruction here follows',
		),
		{
			name: 'speechEndTimeout',
			displayName: 'Seconds of Silence to End Speech',
			kind: { type: 'integer', min: 2, max: 10 },
			default: 2,
			description:
				'How long a pause ends the caller’s answer (2 to 10). Left out, Plivo decides automatically.',
		},
		{
			name: 'speechModel',
			displayName: 'Speech Model',
			kind: {
				type: 'options',
				options: [
					{ name: 'Command and Search (Short Phrases)', value: 'command_and_search' },
					{ name: 'Default', value: 'default' },
					{ name: 'Phone Call (Conversations)', value: 'phone_call' },
				],
			},
			default: 'default',
			description: 'The speech recognition model that suits the expected answers',
		},
	],
	nesting: 'prompts',
};

/** GetDigits: Plivo's reference and both SDKs agree on the attributes. */
export const GET_DIGITS: ElementSpec = {
	verb: 'GetDigits',
	key: 'getDigits',
	displayName: 'Get Digits',
	description: 'Collect keypad digits (Get Input is the newer way)',
	attributes: [
		url(
			'action',
			'Action URL',
			'Where Plivo sends the digits; its answer says how the call continues',
		),
		{
			name: 'digitTimeout',
			displayName: 'Seconds Between Digits',
			kind: POSITIVE,
			default: 2,
			description: 'How long to wait for the next digit',
		},
		{
			name: 'finishOnKey',
			displayName: 'Finish On Key',
			kind: { type: 'options', options: keyOptions },
			default: '#',
			description: 'The key the caller presses to say they are done',
		},
		url(
			'invalidDigitsSound',
			'Invalid Digit Sound URL',
			'An audio file played when the caller presses a key not in “Valid Digits”',
		),
		flag(
			'log',
			'Log Digits',
			true,
			'Whether Plivo keeps the digits in its logs; turn off for PINs and other secrets',
		),
		method('method', 'Action Method', 'the action URL'),
		{
			name: 'numDigits',
			displayName: 'Max Digits',
			kind: POSITIVE,
			default: 99,
			description: 'The most digits to collect',
		},
		flag('playBeep', 'Play Beep', false, 'Whether to beep after the prompts'),
		flag(
			'redirect',
			'Continue With Action URL',
			true,
			'Whether the call continues with the instructions the action URL returns',
		),
		{
			name: 'retries',
			displayName: 'Tries',
			kind: POSITIVE,
			default: 1,
			description: 'How many times to ask when nothing is entered',
		},
		{
			name: 'timeout',
			displayName: 'Seconds for First Digit',
			kind: POSITIVE,
			default: 5,
			description: 'How long to wait for the first digit',
		},
		{
			name: 'validDigits',
			displayName: 'Valid Digits',
			kind: { type: 'text', pattern: KEYS, rule: 'only the keys 0–9, * and #' },
			default: '1234567890*#',
			description: 'The keys the caller may press',
		},
	],
	nesting: 'prompts',
};

/**
 * Record: `recordChannelType` follows Plivo's reference and the Node SDK; the Python SDK's
 * `transcriptionReportType` is not documented and left out.
 */
export const RECORD: ElementSpec = {
	verb: 'Record',
	key: 'record',
	displayName: 'Record',
	description: 'Record the caller (voicemail) or the whole call',
	attributes: [
		url(
			'action',
			'Action URL',
			'Where Plivo sends the recording’s details when recording ends; its answer says how the call continues',
		),
		method('callbackMethod', 'Callback Method', 'the callback URL'),
		url('callbackUrl', 'Callback URL', 'Called when the recording file is ready'),
		{
			name: 'fileFormat',
			displayName: 'File Format',
			kind: { type: 'options', options: fileFormatOptions },
			default: 'mp3',
			description: 'The recording’s file format',
		},
		{
			name: 'finishOnKey',
			displayName: 'Finish On Keys',
			kind: { type: 'text', pattern: KEYS, rule: 'only the keys 0–9, * and #' },
			default: '#',
			description: 'Keys that stop the recording when pressed',
		},
		{
			name: 'maxLength',
			displayName: 'Max Length (Seconds)',
			kind: { type: 'integer', min: 2 },
			default: 60,
			description: 'The longest the recording may be (more than 1 second)',
		},
		method('method', 'Action Method', 'the action URL'),
		flag('playBeep', 'Play Beep', true, 'Whether to beep before recording'),
		{
			name: 'recordChannelType',
			displayName: 'Channels',
			kind: {
				type: 'options',
				options: [
					{ name: 'Mono (Both Parties on One Channel)', value: 'mono' },
					{ name: 'Stereo (Each Party on Its Own Channel)', value: 'stereo' },
				],
			},
			default: 'stereo',
			description: 'Whether the parties are recorded on one channel or on separate ones',
		},
		flag(
			'recordSession',
			'Record Whole Call',
			false,
			'Whether to record the rest of the call in the background (no beep) while the next instructions run',
		),
		flag(
			'redirect',
			'Continue With Action URL',
			true,
			'Whether the call continues with the instructions the action URL returns',
		),
		flag(
			'startOnDialAnswer',
			'Start When Dialed Party Answers',
			false,
			'Whether to record the conversation of a following Dial, from when the other party answers',
		),
		{
			name: 'timeout',
			displayName: 'Seconds of Silence to Stop',
			kind: POSITIVE,
			default: 15,
			description: 'How long a silence ends the recording',
		},
		method('transcriptionMethod', 'Transcription Method', 'the transcription URL'),
		{
			name: 'transcriptionType',
			displayName: 'Transcription',
			kind: { type: 'options', options: [{ name: 'Automatic', value: 'auto' }] },
			default: 'auto',
			description: 'Add to get a machine transcription of the recording (English only)',
		},
		url('transcriptionUrl', 'Transcription URL', 'Where Plivo sends the transcription'),
	],
};

/**
 * Number and User, inside Dial. The Node SDK also accepts `sendDigitsMode`, `callerId` and
 * `callerName` here; Plivo's reference does not document them, so they are left out.
 */
export const NUMBER: ElementSpec = {
	verb: 'Number',
	key: 'number',
	displayName: 'Phone Number',
	description: 'Ring a phone number',
	content: {
		field: 'numberValue',
		displayName: 'Phone Number',
		kind: {
			type: 'text',
			pattern: /^\+?[0-9]+$/,
			rule: 'digits with the country code, optionally after a +',
		},
		description: 'The number to ring, with its country code',
		placeholder: '+14155551234',
	},
	attributes: [
		{
			name: 'sendDigits',
			displayName: 'Send Digits',
			kind: {
				type: 'text',
				pattern: DIGITS_TO_SEND,
				rule: 'keys 0–9, * and #, w for a half-second pause and W for a second',
			},
			default: '',
			description:
				'Keys to press once the call is answered, e.g. an extension; w pauses half a second',
			placeholder: 'ww123',
		},
		flag(
			'sendOnPreanswer',
			'Send Before Answer',
			false,
			'Whether to send the digits while the call is still ringing (early media)',
		),
	],
};

export const USER: ElementSpec = {
	verb: 'User',
	key: 'user',
	displayName: 'SIP Endpoint',
	description: 'Ring a SIP endpoint',
	content: {
		field: 'userValue',
		displayName: 'SIP URI',
		kind: { type: 'text', pattern: /^sips?:\S+$/, rule: 'a SIP address starting with sip:' },
		description: 'The SIP endpoint to ring',
		placeholder: 'sip:alice123@phone.plivo.com',
	},
	attributes: [...NUMBER.attributes, SIP_HEADERS],
};

export const DESTINATION_ELEMENTS = [NUMBER, USER];

/** Dial: `confirmTimeout` is in Plivo's reference and the Node SDK (not the Python one). */
export const DIAL: ElementSpec = {
	verb: 'Dial',
	key: 'dial',
	displayName: 'Dial',
	description: 'Connect the caller to phone numbers or SIP endpoints',
	attributes: [
		url(
			'action',
			'Action URL',
			'Called when the dialed call ends; its answer says how the call continues',
		),
		method('callbackMethod', 'Callback Method', 'the callback URL'),
		url('callbackUrl', 'Callback URL', 'Called as the dialed call rings, is answered and ends'),
		{
			name: 'callerId',
			displayName: 'Caller ID',
			kind: { type: 'text' },
			default: '',
			description: 'The number the dialed party sees; by default the caller’s',
		},
		{
			name: 'callerName',
			displayName: 'Caller Name',
			kind: { type: 'text', maxLength: 50 },
			default: '',
			description: 'The name the dialed party sees (SIP calls, at most 50 characters)',
		},
		{
			name: 'confirmKey',
			displayName: 'Confirm Key',
			kind: { type: 'text', pattern: KEY, rule: 'one key: 0–9, * or #' },
			default: '',
			description:
				'The key the dialed party must press to take the call; use with “Confirm Sound URL”',
		},
		url(
			'confirmSound',
			'Confirm Sound URL',
			'A URL returning Play, Speak or Wait XML, played to the dialed party when they answer',
		),
		{
			name: 'confirmTimeout',
			displayName: 'Confirm Timeout (Seconds)',
			kind: POSITIVE,
			default: 120,
			description: 'How long the dialed party has to press the confirm key',
		},
		{
			name: 'dialMusic',
			displayName: 'Dial Music',
			kind: { type: 'url', keywords: ['real'] },
			default: '',
			description:
				'A URL returning Play, Speak or Wait XML, played to the caller while ringing; “real” plays the real ringing tone',
		},
		{
			name: 'digitsMatch',
			displayName: 'Digits to Report (Caller)',
			kind: { type: 'text', pattern: DIGIT_PATTERNS, rule: 'digit sequences separated by commas' },
			default: '',
			description:
				'Key sequences the caller may press that are reported to the callback URL, separated by commas',
		},
		{
			name: 'digitsMatchBLeg',
			displayName: 'Digits to Report (Dialed Party)',
			kind: { type: 'text', pattern: DIGIT_PATTERNS, rule: 'digit sequences separated by commas' },
			default: '',
			description: 'Key sequences the dialed party may press that are reported to the callback URL',
		},
		flag(
			'hangupOnStar',
			'Hang Up On Star',
			false,
			'Whether the caller can press * to hang up on the dialed party and carry on',
		),
		method('method', 'Action Method', 'the action URL'),
		flag(
			'redirect',
			'Continue With Action URL',
			true,
			'Whether the call continues with the instructions the action URL returns',
		),
		SIP_HEADERS,
		{
			name: 'timeLimit',
			displayName: 'Time Limit (Seconds)',
			kind: POSITIVE,
			default: 14400,
			description: 'The longest the connected call may last',
		},
		{
			name: 'timeout',
			displayName: 'Ring Timeout (Seconds)',
			kind: POSITIVE,
			default: 30,
			description: 'How long the dialed party has to answer',
		},
	],
	nesting: 'destinations',
	nestingRequired: true,
};

const conferenceSound = (name: string, displayName: string, when: string): AttributeSpec => ({
	name,
	displayName,
	kind: { type: 'url', keywords: ['beep:1', 'beep:2'] },
	default: '',
	description: `Played when a member ${when}: beep:1 (one beep), beep:2 (two beeps) or a URL returning Play, Speak or Wait XML`,
});

/**
 * Conference: as Plivo's reference. The Node SDK also lists `beep` and `recordWhenAlone`, and the
 * Python SDK `sendDigits`; none is documented, so they are left out.
 */
export const CONFERENCE: ElementSpec = {
	verb: 'Conference',
	key: 'conference',
	displayName: 'Join Conference',
	description: 'Put the caller in a conference room (up to 20 members)',
	content: {
		field: 'conferenceName',
		displayName: 'Room Name',
		kind: { type: 'text' },
		description: 'Callers who join the same room name talk together',
		placeholder: 'team-standup',
	},
	attributes: [
		url(
			'action',
			'Action URL',
			'Called when the member leaves; its answer says how the call continues',
		),
		method('callbackMethod', 'Callback Method', 'the callback URL'),
		url(
			'callbackUrl',
			'Callback URL',
			'Called on conference events (member joins, leaves, presses digits…)',
		),
		{
			name: 'digitsMatch',
			displayName: 'Digits to Report',
			kind: { type: 'text', pattern: DIGIT_PATTERNS, rule: 'digit sequences separated by commas' },
			default: '',
			description:
				'Key sequences a member may press that are reported to the callback URL, separated by commas',
		},
		flag(
			'endConferenceOnExit',
			'End When This Member Leaves',
			false,
			'Whether the conference ends for everyone when this member leaves',
		),
		conferenceSound('enterSound', 'Enter Sound', 'joins'),
		conferenceSound('exitSound', 'Exit Sound', 'leaves'),
		flag(
			'floorEvent',
			'Report Floor Holder',
			false,
			'Whether the callback URL is told when this member starts speaking',
		),
		flag(
			'hangupOnStar',
			'Leave On Star',
			false,
			'Whether the member can press * to leave the conference',
		),
		{
			name: 'maxMembers',
			displayName: 'Max Members',
			kind: { type: 'integer', min: 1, max: 20 },
			default: 20,
			description: 'The most members the room holds (1 to 20)',
		},
		method('method', 'Action Method', 'the action URL'),
		flag('muted', 'Muted', false, 'Whether the member joins muted (they can still listen)'),
		flag('record', 'Record', false, 'Whether to record the conference'),
		{
			name: 'recordFileFormat',
			displayName: 'Recording Format',
			kind: { type: 'options', options: fileFormatOptions },
			default: 'mp3',
			description: 'The recording’s file format',
		},
		flag(
			'redirect',
			'Continue With Action URL',
			true,
			'Whether the call continues with the instructions the action URL returns',
		),
		flag(
			'relayDTMF',
			'Relay Keypresses',
			true,
			'Whether keys a member presses are heard by the other members',
		),
		flag(
			'startConferenceOnEnter',
			'Start When This Member Joins',
			true,
			'Whether the conference starts when this member joins; off, they wait with music for a member who starts it',
		),
		flag(
			'stayAlone',
			'Stay Alone',
			true,
			'Whether the member stays in the room while alone; off, the conference ends when only one member is left',
		),
		{
			name: 'timeLimit',
			displayName: 'Time Limit (Seconds)',
			kind: POSITIVE,
			default: 86400,
			description: 'The longest the member may stay',
		},
		method('transcriptionMethod', 'Transcription Method', 'the transcription URL'),
		{
			name: 'transcriptionType',
			displayName: 'Transcription',
			kind: { type: 'options', options: [{ name: 'Automatic', value: 'auto' }] },
			default: 'auto',
			description: 'Add to get a machine transcription of the recording (English only)',
		},
		url('transcriptionUrl', 'Transcription URL', 'Where Plivo sends the transcription'),
		url(
			'waitSound',
			'Wait Sound URL',
			'A URL returning Play, Speak or Wait XML, played while waiting for the conference to start',
		),
	],
};

const mpcSound = (
	name: string,
	displayName: string,
	when: string,
	documented: string,
): AttributeSpec => ({
	name,
	displayName,
	kind: { type: 'url', keywords: ['beep:1', 'beep:2', 'none'] },
	default: documented,
	description: `Played when a participant ${when}: beep:1, beep:2, none, or a URL to an audio file or to Play/Speak XML`,
});

/**
 * MultiPartyCall: attributes and ranges as the Node SDK's builder checks them (Plivo's reference
 * and the Python SDK agree); the SDK's defaults are Plivo's documented ones.
 */
export const MULTI_PARTY_CALL: ElementSpec = {
	verb: 'MultiPartyCall',
	key: 'multiPartyCall',
	displayName: 'Join Multiparty Call',
	description: 'Put the caller in a multiparty call as agent, customer or supervisor',
	content: {
		field: 'multiPartyCallName',
		displayName: 'Call Name',
		kind: { type: 'text' },
		description: 'Callers who join the same name are in the same multiparty call',
		placeholder: 'support-call-1234',
	},
	required: [
		{
			name: 'role',
			displayName: 'Role',
			kind: {
				type: 'options',
				options: [
					{ name: 'Agent', value: 'Agent' },
					{ name: 'Customer', value: 'Customer' },
					{ name: 'Supervisor', value: 'Supervisor' },
				],
			},
			default: 'Customer',
			description: 'The caller’s role: supervisors can coach agents without customers hearing',
		},
	],
	attributes: [
		method('agentHoldMusicMethod', 'Agent Hold Music Method', 'the agent hold music URL', 'GET'),
		url('agentHoldMusicUrl', 'Agent Hold Music URL', 'Played to agents on hold'),
		flag(
			'coachMode',
			'Coach Mode',
			true,
			'Whether a supervisor is heard by agents only (not by customers)',
		),
		method(
			'customerHoldMusicMethod',
			'Customer Hold Music Method',
			'the customer hold music URL',
			'GET',
		),
		url('customerHoldMusicUrl', 'Customer Hold Music URL', 'Played to customers on hold'),
		flag(
			'endMpcOnExit',
			'End When This Participant Leaves',
			false,
			'Whether the call ends for everyone when this participant leaves',
		),
		mpcSound('enterSound', 'Enter Sound', 'joins', 'beep:1'),
		method('enterSoundMethod', 'Enter Sound Method', 'the enter sound URL', 'GET'),
		mpcSound('exitSound', 'Exit Sound', 'leaves', 'beep:2'),
		method('exitSoundMethod', 'Exit Sound Method', 'the exit sound URL', 'GET'),
		flag('hold', 'On Hold', false, 'Whether the participant joins on hold'),
		{
			name: 'maxDuration',
			displayName: 'Max Duration (Seconds)',
			kind: { type: 'integer', min: 300, max: 28800 },
			default: 14400,
			description: 'The longest the call may last (300 to 28,800)',
		},
		{
			name: 'maxParticipants',
			displayName: 'Max Participants',
			kind: { type: 'integer', min: 2, max: 10 },
			default: 10,
			description: 'The most participants the call holds (2 to 10)',
		},
		flag('mute', 'Muted', false, 'Whether the participant joins muted'),
		method('onExitActionMethod', 'On Exit Method', 'the on exit URL'),
		url(
			'onExitActionUrl',
			'On Exit URL',
			'Called when the participant leaves; its answer says how their call continues',
		),
		flag('record', 'Record', false, 'Whether to record the call'),
		{
			name: 'recordFileFormat',
			displayName: 'Recording Format',
			kind: { type: 'options', options: fileFormatOptions },
			default: 'mp3',
			description: 'The recording’s file format',
		},
		method(
			'recordingCallbackMethod',
			'Recording Callback Method',
			'the recording callback URL',
			'GET',
		),
		url('recordingCallbackUrl', 'Recording Callback URL', 'Called with the recording’s details'),
		{
			name: 'recordMinMemberCount',
			displayName: 'Record From Participants',
			kind: { type: 'integer', min: 1, max: 2 },
			default: 1,
			description: 'How many participants (1 or 2) must be present before recording starts',
		},
		flag(
			'recordParticipantTrack',
			'Record Participant Track',
			false,
			'Whether to also record this participant’s own audio separately',
		),
		flag(
			'relayDTMFInputs',
			'Relay Keypresses',
			false,
			'Whether keys the participant presses are heard by the others',
		),
		flag(
			'startMpcOnEnter',
			'Start When This Participant Joins',
			true,
			'Whether the call starts when this participant joins',
		),
		url(
			'startRecordingAudio',
			'Start Recording Audio URL',
			'Played to everyone when recording starts',
		),
		method(
			'startRecordingAudioMethod',
			'Start Recording Audio Method',
			'the start recording audio URL',
			'GET',
		),
		{
			name: 'statusCallbackEvents',
			displayName: 'Status Callback Events',
			kind: {
				type: 'multiOptions',
				options: [
					{ name: 'Add Participant API Events', value: 'add-participant-api-events' },
					{ name: 'MPC State Changes', value: 'mpc-state-changes' },
					{ name: 'Participant Digit Input Events', value: 'participant-digit-input-events' },
					{ name: 'Participant Speak Events', value: 'participant-speak-events' },
					{ name: 'Participant State Changes', value: 'participant-state-changes' },
				],
			},
			default: 'mpc-state-changes,participant-state-changes',
			description: 'Which events are reported to the status callback URL',
		},
		method('statusCallbackMethod', 'Status Callback Method', 'the status callback URL'),
		url(
			'statusCallbackUrl',
			'Status Callback URL',
			'Called on the events chosen in “Status Callback Events”',
		),
		flag(
			'stayAlone',
			'Stay Alone',
			false,
			'Whether the call goes on while this participant is alone in it',
		),
		url(
			'stopRecordingAudio',
			'Stop Recording Audio URL',
			'Played to everyone when recording stops',
		),
		method(
			'stopRecordingAudioMethod',
			'Stop Recording Audio Method',
			'the stop recording audio URL',
			'GET',
		),
		url('waitMusicUrl', 'Wait Music URL', 'Played while waiting for the call to start'),
		method('waitMusicMethod', 'Wait Music Method', 'the wait music URL', 'GET'),
	],
};

export const REDIRECT: ElementSpec = {
	verb: 'Redirect',
	key: 'redirect',
	displayName: 'Redirect',
	description: 'Continue with the instructions another URL returns',
	content: {
		field: 'redirectUrl',
		displayName: 'URL',
		kind: URL,
		description: 'The URL that returns the next Plivo XML',
		placeholder: 'https://example.com/next',
	},
	attributes: [method('method', 'Method', 'the URL')],
};

export const HANGUP: ElementSpec = {
	verb: 'Hangup',
	key: 'hangup',
	displayName: 'Hang Up',
	description: 'End the call, now or after some seconds',
	attributes: [
		{
			name: 'reason',
			displayName: 'Reason',
			kind: {
				type: 'options',
				options: [
					{ name: 'Busy', value: 'busy' },
					{ name: 'Rejected', value: 'rejected' },
				],
			},
			default: 'rejected',
			description: 'What an unanswered caller is told: the line is busy, or the call was rejected',
		},
		{
			name: 'schedule',
			displayName: 'After Seconds',
			kind: POSITIVE,
			default: 60,
			description:
				'Hang up this many seconds from now while the next instructions run (e.g. a Speak)',
		},
	],
};

/**
 * PreAnswer: Plivo's reference allows Speak, Play and Wait inside; both SDKs also accept
 * GetDigits, Redirect, Message and DTMF. The reference is followed.
 */
export const PRE_ANSWER: ElementSpec = {
	verb: 'PreAnswer',
	key: 'preAnswer',
	displayName: 'Pre-Answer',
	description: 'Play prompts before the call is answered (early media, not billed)',
	attributes: [],
	nesting: 'prompts',
	nestingRequired: true,
};

/** DTMF: the Node SDK also lists a `digits` attribute; Plivo's reference puts the digits in the text. */
export const DTMF: ElementSpec = {
	verb: 'DTMF',
	key: 'dtmf',
	displayName: 'Send Digits (DTMF)',
	description: 'Press keys on the line, e.g. to answer another phone menu',
	content: {
		field: 'dtmfDigits',
		displayName: 'Digits',
		kind: {
			type: 'text',
			pattern: DIGITS_TO_SEND,
			rule: 'keys 0–9, * and #, w for a half-second pause and W for a second',
		},
		description: 'The keys to press; w pauses half a second, W a second',
		placeholder: '1w2w3#',
	},
	attributes: [
		flag(
			'async',
			'In Background',
			true,
			'Whether the next instructions start while the digits are still being sent',
		),
	],
};

export const STREAM: ElementSpec = {
	verb: 'Stream',
	key: 'stream',
	displayName: 'Stream Audio',
	description: 'Send the call’s audio to a WebSocket server, e.g. an AI voice agent',
	content: {
		field: 'streamUrl',
		displayName: 'WebSocket URL',
		kind: { type: 'url', schemes: ['wss:', 'ws:'] },
		description: 'The WebSocket server that receives the audio',
		placeholder: 'wss://example.com/audio',
	},
	attributes: [
		{
			name: 'audioTrack',
			displayName: 'Audio Track',
			kind: {
				type: 'options',
				options: [
					{ name: 'Both', value: 'both' },
					{ name: 'Inbound (What the Caller Says)', value: 'inbound' },
					{ name: 'Outbound (What the Caller Hears)', value: 'outbound' },
				],
			},
			default: 'inbound',
			description: 'Which audio is streamed; a two-way stream can only send inbound audio',
		},
		flag(
			'bidirectional',
			'Two-Way',
			false,
			'Whether the server may also send audio back into the call',
		),
		{
			name: 'contentType',
			displayName: 'Audio Format',
			kind: {
				type: 'options',
				options: [
					{ name: 'Linear 16-Bit, 16 kHz', value: 'audio/x-l16;rate=16000' },
					{ name: 'Linear 16-Bit, 8 kHz', value: 'audio/x-l16;rate=8000' },
					{ name: 'Mu-Law, 8 kHz', value: 'audio/x-mulaw;rate=8000' },
				],
			},
			default: 'audio/x-l16;rate=8000',
			description: 'The codec and sample rate of the streamed audio',
		},
		{
			name: 'extraHeaders',
			displayName: 'Extra Headers',
			kind: {
				type: 'text',
				pattern: HEADERS,
				rule: 'key=value pairs separated by commas, letters and digits only',
				maxBytes: 512,
			},
			default: '',
			description:
				'Values sent to the server with the stream, as key=value pairs separated by commas (at most 512 bytes)',
			placeholder: 'customer=1234,campaign=spring',
		},
		flag(
			'keepCallAlive',
			'Keep Call on Stream',
			false,
			'Whether the next instructions wait until the stream ends',
		),
		method('statusCallbackMethod', 'Status Callback Method', 'the status callback URL'),
		url(
			'statusCallbackUrl',
			'Status Callback URL',
			'Called when the stream connects, stops or fails',
		),
		{
			name: 'streamTimeout',
			displayName: 'Time Limit (Seconds)',
			kind: POSITIVE,
			default: 86400,
			description: 'The longest the stream may last',
		},
	],
};

/** Everything that may stand directly under `<Response>`, as the instruction types. */
export const INSTRUCTION_ELEMENTS: ElementSpec[] = [
	SPEAK,
	PLAY,
	WAIT,
	GET_INPUT,
	GET_DIGITS,
	RECORD,
	DIAL,
	CONFERENCE,
	MULTI_PARTY_CALL,
	REDIRECT,
	HANGUP,
	PRE_ANSWER,
	DTMF,
	STREAM,
];

export const NESTED_ELEMENTS: Record<Nesting, ElementSpec[]> = {
	prompts: PROMPT_ELEMENTS,
	destinations: DESTINATION_ELEMENTS,
};
