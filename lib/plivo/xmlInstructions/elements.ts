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
import { CALL_SPEAK_LANGUAGES, languageOptions, VOICE_OPTIONS } from '../speech';

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
	/** The field's name in the editor and in saved workflows (unique across elements). */
	name: string;
	displayName: string;
	kind: AttributeKind;
	description: string;
	placeholder?: string;
	multiline?: boolean;
}

export type Nesting = 'prompts' | 'destinations';

export interface ElementSpec {
	verb: string;
	/** The name of the "Options" field of the element's optional attributes, e.g. `getInputOptions`. */
	optionsName?: string;
	displayName: string;
	description: string;
	content?: ContentSpec;
	/**
	 * Attributes Plivo requires: shown as fields of their own, named as saved workflows have them
	 * (`fieldName`, e.g. `getInputAction`).
	 */
	required?: Array<AttributeSpec & { fieldName: string }>;
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

type TextKind = Extract<AttributeKind, { type: 'text' }>;

const KEY = /^[0-9*#]$/;
const KEYS: TextKind = { type: 'text', pattern: /^[0-9*#]+$/, rule: 'only the keys 0–9, * and #' };
/** DTMF digits to send: keys plus `w` (half a second's pause) and `W` (one second). */
const DIGITS_TO_SEND: TextKind = {
	type: 'text',
	pattern: /^[0-9*#wW]+$/,
	rule: 'keys 0–9, * and #, w for a half-second pause and W for a second',
};
/** `key=value,key2=value2`, letters and digits only (Plivo's rule for SIP and stream headers). */
const HEADERS: TextKind = {
	type: 'text',
	pattern: /^[A-Za-z0-9]+=[A-Za-z0-9]+(,[A-Za-z0-9]+=[A-Za-z0-9]+)*$/,
	rule: 'key=value pairs separated by commas, letters and digits only',
};
const DIGIT_PATTERNS: TextKind = {
	type: 'text',
	pattern: /^[0-9*#]+(,[0-9*#]+)*$/,
	rule: 'digit sequences separated by commas',
};

const SIP_HEADERS: AttributeSpec = {
	name: 'sipHeaders',
	displayName: 'SIP Headers',
	kind: HEADERS,
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

/** An HTTP method attribute: `what` is the URL it is used for; POST unless Plivo documents another. */
function method(options: {
	name: string;
	displayName: string;
	what: string;
	default?: string;
}): AttributeSpec {
	const { name, displayName, what, default: documented = 'POST' } = options;
	return {
		name,
		displayName,
		kind: METHOD,
		default: documented,
		description: `The HTTP method used to call ${what}`,
	};
}

function url(options: { name: string; displayName: string; description: string }): AttributeSpec {
	const { name, displayName, description } = options;
	return {
		name,
		displayName,
		kind: URL,
		default: '',
		description,
		placeholder: 'https://example.com/…',
	};
}

function flag(options: {
	name: string;
	displayName: string;
	/** Plivo's documented default. */
	default: boolean;
	description: string;
}): AttributeSpec {
	return { ...options, kind: BOOLEAN };
}

// Attributes several elements have, with the same meaning.
const ACTION_METHOD = method({
	name: 'method',
	displayName: 'Action Method',
	what: 'the action URL',
});
const CALLBACK_METHOD = method({
	name: 'callbackMethod',
	displayName: 'Callback Method',
	what: 'the callback URL',
});
const STATUS_CALLBACK_METHOD = method({
	name: 'statusCallbackMethod',
	displayName: 'Status Callback Method',
	what: 'the status callback URL',
});
const CONTINUE_WITH_ACTION = flag({
	name: 'redirect',
	displayName: 'Continue With Action URL',
	default: true,
	description: 'Whether the call continues with the instructions the action URL returns',
});
const FINISH_ON_KEY: AttributeSpec = {
	name: 'finishOnKey',
	displayName: 'Finish On Key',
	kind: { type: 'options', options: keyOptions },
	default: '#',
	description: 'The key the caller presses to say they are done',
};
const RECORDING_FORMAT: AttributeSpec = {
	name: 'recordFileFormat',
	displayName: 'Recording Format',
	kind: { type: 'options', options: fileFormatOptions },
	default: 'mp3',
	description: 'The recording’s file format',
};

/** The transcription of a recording, the same on Record and Conference. */
function transcriptionAttributes(): AttributeSpec[] {
	return [
		method({
			name: 'transcriptionMethod',
			displayName: 'Transcription Method',
			what: 'the transcription URL',
		}),
		{
			name: 'transcriptionType',
			displayName: 'Transcription',
			kind: { type: 'options', options: [{ name: 'Automatic', value: 'auto' }] },
			default: 'auto',
			description: 'Add to get a machine transcription of the recording (English only)',
		},
		url({
			name: 'transcriptionUrl',
			displayName: 'Transcription URL',
			description: 'Where Plivo sends the transcription',
		}),
	];
}

/** Speak: voice and language come from the Plivo Voice node's text-to-speech list. */
export const SPEAK: ElementSpec = {
	verb: 'Speak',
	optionsName: 'speakOptions',
	displayName: 'Speak',
	description: 'Read text aloud to the caller',
	content: {
		name: 'speakText',
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
				options: languageOptions(CALL_SPEAK_LANGUAGES),
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
				options: VOICE_OPTIONS,
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

const PLAY: ElementSpec = {
	verb: 'Play',
	optionsName: 'playOptions',
	displayName: 'Play Audio',
	description: 'Play an audio file (MP3 or WAV) from a URL',
	content: {
		name: 'playUrl',
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
const WAIT: ElementSpec = {
	verb: 'Wait',
	optionsName: 'waitOptions',
	displayName: 'Wait',
	description: 'Pause for some seconds',
	attributes: [
		flag({
			name: 'beep',
			displayName: 'Wait for Voicemail Beep',
			default: false,
			description: 'Whether to wait until a voicemail machine beeps, to leave a message after it',
		}),
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
		flag({
			name: 'silence',
			displayName: 'End on Silence',
			default: false,
			description: 'Whether to stop waiting early once the line has been silent',
		}),
	],
};

export const PROMPT_ELEMENTS = [SPEAK, PLAY, WAIT];

/** GetInput: Plivo's reference and both SDKs agree on the attributes. */
const GET_INPUT: ElementSpec = {
	verb: 'GetInput',
	optionsName: 'getInputOptions',
	displayName: 'Get Input',
	description: 'Ask the caller something and collect keypad digits or speech',
	required: [
		{
			name: 'action',
			fieldName: 'getInputAction',
			displayName: 'Action URL',
			kind: URL,
			default: '',
			description:
				'Where Plivo sends what the caller entered or said; its answer says how the call continues',
			placeholder: 'https://example.com/menu',
		},
		{
			name: 'inputType',
			fieldName: 'getInputInputType',
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
		FINISH_ON_KEY,
		{
			name: 'hints',
			displayName: 'Hints',
			kind: { type: 'text', check: hintsProblem },
			default: '',
			description:
				'Words or phrases the caller is likely to say, separated by commas (at most 500 phrases of 100 characters, 10,000 characters in all)',
			placeholder: 'sales, support, billing',
		},
		method({
			name: 'interimSpeechResultsCallbackMethod',
			displayName: 'Interim Results Method',
			what: 'the interim results URL',
		}),
		url({
			name: 'interimSpeechResultsCallback',
			displayName: 'Interim Results URL',
			description: 'Where Plivo sends partial transcriptions while the caller is still speaking',
		}),
		{
			name: 'language',
			displayName: 'Speech Language',
			kind: { type: 'text', pattern: LANGUAGE_TAG, rule: 'a language code such as en-US' },
			default: 'en-US',
			description: 'The language the caller speaks, as a code such as en-US or es-ES',
		},
		flag({
			name: 'log',
			displayName: 'Log Input',
			default: true,
			description: 'Whether Plivo keeps the input in its logs; turn off for PINs and other secrets',
		}),
		ACTION_METHOD,
		{
			name: 'numDigits',
			displayName: 'Max Digits',
			kind: { type: 'integer', min: 1, max: 32 },
			default: 32,
			description: 'The most digits to collect (1 to 32)',
		},
		flag({
			name: 'profanityFilter',
			displayName: 'Filter Profanity',
			default: false,
			description: 'Whether to mask profanities in the transcribed speech',
		}),
		flag({
			name: 'redirect',
			displayName: 'Continue With Action URL',
			default: true,
			description:
				'Whether the call continues with the instructions the action URL returns; off, the next instruction here follows',
		}),
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
const GET_DIGITS: ElementSpec = {
	verb: 'GetDigits',
	optionsName: 'getDigitsOptions',
	displayName: 'Get Digits',
	description: 'Collect keypad digits (Get Input is the newer way)',
	attributes: [
		url({
			name: 'action',
			displayName: 'Action URL',
			description: 'Where Plivo sends the digits; its answer says how the call continues',
		}),
		{
			name: 'digitTimeout',
			displayName: 'Seconds Between Digits',
			kind: POSITIVE,
			default: 2,
			description: 'How long to wait for the next digit',
		},
		FINISH_ON_KEY,
		url({
			name: 'invalidDigitsSound',
			displayName: 'Invalid Digit Sound URL',
			description: 'An audio file played when the caller presses a key not in “Valid Digits”',
		}),
		flag({
			name: 'log',
			displayName: 'Log Digits',
			default: true,
			description:
				'Whether Plivo keeps the digits in its logs; turn off for PINs and other secrets',
		}),
		ACTION_METHOD,
		{
			name: 'numDigits',
			displayName: 'Max Digits',
			kind: POSITIVE,
			default: 99,
			description: 'The most digits to collect',
		},
		flag({
			name: 'playBeep',
			displayName: 'Play Beep',
			default: false,
			description: 'Whether to beep after the prompts',
		}),
		CONTINUE_WITH_ACTION,
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
			kind: KEYS,
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
const RECORD: ElementSpec = {
	verb: 'Record',
	optionsName: 'recordOptions',
	displayName: 'Record',
	description: 'Record the caller (voicemail) or the whole call',
	attributes: [
		url({
			name: 'action',
			displayName: 'Action URL',
			description:
				'Where Plivo sends the recording’s details when recording ends; its answer says how the call continues',
		}),
		CALLBACK_METHOD,
		url({
			name: 'callbackUrl',
			displayName: 'Callback URL',
			description: 'Called when the recording file is ready',
		}),
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
			kind: KEYS,
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
		ACTION_METHOD,
		flag({
			name: 'playBeep',
			displayName: 'Play Beep',
			default: true,
			description: 'Whether to beep before recording',
		}),
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
		flag({
			name: 'recordSession',
			displayName: 'Record Whole Call',
			default: false,
			description:
				'Whether to record the rest of the call in the background (no beep) while the next instructions run',
		}),
		CONTINUE_WITH_ACTION,
		flag({
			name: 'startOnDialAnswer',
			displayName: 'Start When Dialed Party Answers',
			default: false,
			description:
				'Whether to record the conversation of a following Dial, from when the other party answers',
		}),
		{
			name: 'timeout',
			displayName: 'Seconds of Silence to Stop',
			kind: POSITIVE,
			default: 15,
			description: 'How long a silence ends the recording',
		},
		...transcriptionAttributes(),
	],
};

/**
 * Number and User, inside Dial. The Node SDK also accepts `sendDigitsMode`, `callerId` and
 * `callerName` here; Plivo's reference does not document them, so they are left out.
 */
const NUMBER: ElementSpec = {
	verb: 'Number',
	optionsName: 'numberOptions',
	displayName: 'Phone Number',
	description: 'Ring a phone number',
	content: {
		name: 'numberValue',
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
			kind: DIGITS_TO_SEND,
			default: '',
			description:
				'Keys to press once the call is answered, e.g. an extension; w pauses half a second',
			placeholder: 'ww123',
		},
		flag({
			name: 'sendOnPreanswer',
			displayName: 'Send Before Answer',
			default: false,
			description: 'Whether to send the digits while the call is still ringing (early media)',
		}),
	],
};

const USER: ElementSpec = {
	verb: 'User',
	optionsName: 'userOptions',
	displayName: 'SIP Endpoint',
	description: 'Ring a SIP endpoint',
	content: {
		name: 'userValue',
		displayName: 'SIP URI',
		kind: { type: 'text', pattern: /^sips?:\S+$/, rule: 'a SIP address starting with sip:' },
		description: 'The SIP endpoint to ring',
		placeholder: 'sip:alice123@phone.plivo.com',
	},
	attributes: [...NUMBER.attributes, SIP_HEADERS],
};

export const DESTINATION_ELEMENTS = [NUMBER, USER];

/** Dial: `confirmTimeout` is in Plivo's reference and the Node SDK (not the Python one). */
const DIAL: ElementSpec = {
	verb: 'Dial',
	optionsName: 'dialOptions',
	displayName: 'Dial',
	description: 'Connect the caller to phone numbers or SIP endpoints',
	attributes: [
		url({
			name: 'action',
			displayName: 'Action URL',
			description: 'Called when the dialed call ends; its answer says how the call continues',
		}),
		CALLBACK_METHOD,
		url({
			name: 'callbackUrl',
			displayName: 'Callback URL',
			description: 'Called as the dialed call rings, is answered and ends',
		}),
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
		url({
			name: 'confirmSound',
			displayName: 'Confirm Sound URL',
			description:
				'A URL returning Play, Speak or Wait XML, played to the dialed party when they answer',
		}),
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
			kind: DIGIT_PATTERNS,
			default: '',
			description:
				'Key sequences the caller may press that are reported to the callback URL, separated by commas',
		},
		{
			name: 'digitsMatchBLeg',
			displayName: 'Digits to Report (Dialed Party)',
			kind: DIGIT_PATTERNS,
			default: '',
			description: 'Key sequences the dialed party may press that are reported to the callback URL',
		},
		flag({
			name: 'hangupOnStar',
			displayName: 'Hang Up On Star',
			default: false,
			description: 'Whether the caller can press * to hang up on the dialed party and carry on',
		}),
		ACTION_METHOD,
		CONTINUE_WITH_ACTION,
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
const CONFERENCE: ElementSpec = {
	verb: 'Conference',
	optionsName: 'conferenceOptions',
	displayName: 'Join Conference',
	description: 'Put the caller in a conference room (up to 20 members)',
	content: {
		name: 'conferenceName',
		displayName: 'Room Name',
		kind: { type: 'text' },
		description: 'Callers who join the same room name talk together',
		placeholder: 'team-standup',
	},
	attributes: [
		url({
			name: 'action',
			displayName: 'Action URL',
			description: 'Called when the member leaves; its answer says how the call continues',
		}),
		CALLBACK_METHOD,
		url({
			name: 'callbackUrl',
			displayName: 'Callback URL',
			description: 'Called on conference events (member joins, leaves, presses digits…)',
		}),
		{
			name: 'digitsMatch',
			displayName: 'Digits to Report',
			kind: DIGIT_PATTERNS,
			default: '',
			description:
				'Key sequences a member may press that are reported to the callback URL, separated by commas',
		},
		flag({
			name: 'endConferenceOnExit',
			displayName: 'End When This Member Leaves',
			default: false,
			description: 'Whether the conference ends for everyone when this member leaves',
		}),
		conferenceSound('enterSound', 'Enter Sound', 'joins'),
		conferenceSound('exitSound', 'Exit Sound', 'leaves'),
		flag({
			name: 'floorEvent',
			displayName: 'Report Floor Holder',
			default: false,
			description: 'Whether the callback URL is told when this member starts speaking',
		}),
		flag({
			name: 'hangupOnStar',
			displayName: 'Leave On Star',
			default: false,
			description: 'Whether the member can press * to leave the conference',
		}),
		{
			name: 'maxMembers',
			displayName: 'Max Members',
			kind: { type: 'integer', min: 1, max: 20 },
			default: 20,
			description: 'The most members the room holds (1 to 20)',
		},
		ACTION_METHOD,
		flag({
			name: 'muted',
			displayName: 'Muted',
			default: false,
			description: 'Whether the member joins muted (they can still listen)',
		}),
		flag({
			name: 'record',
			displayName: 'Record',
			default: false,
			description: 'Whether to record the conference',
		}),
		RECORDING_FORMAT,
		CONTINUE_WITH_ACTION,
		flag({
			name: 'relayDTMF',
			displayName: 'Relay Keypresses',
			default: true,
			description: 'Whether keys a member presses are heard by the other members',
		}),
		flag({
			name: 'startConferenceOnEnter',
			displayName: 'Start When This Member Joins',
			default: true,
			description:
				'Whether the conference starts when this member joins; off, they wait with music for a member who starts it',
		}),
		flag({
			name: 'stayAlone',
			displayName: 'Stay Alone',
			default: true,
			description:
				'Whether the member stays in the room while alone; off, the conference ends when only one member is left',
		}),
		{
			name: 'timeLimit',
			displayName: 'Time Limit (Seconds)',
			kind: POSITIVE,
			default: 86400,
			description: 'The longest the member may stay',
		},
		...transcriptionAttributes(),
		url({
			name: 'waitSound',
			displayName: 'Wait Sound URL',
			description:
				'A URL returning Play, Speak or Wait XML, played while waiting for the conference to start',
		}),
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
const MULTI_PARTY_CALL: ElementSpec = {
	verb: 'MultiPartyCall',
	optionsName: 'multiPartyCallOptions',
	displayName: 'Join Multiparty Call',
	description: 'Put the caller in a multiparty call as agent, customer or supervisor',
	content: {
		name: 'multiPartyCallName',
		displayName: 'Call Name',
		kind: { type: 'text' },
		description: 'Callers who join the same name are in the same multiparty call',
		placeholder: 'support-call-1234',
	},
	required: [
		{
			name: 'role',
			fieldName: 'multiPartyCallRole',
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
		method({
			name: 'agentHoldMusicMethod',
			displayName: 'Agent Hold Music Method',
			what: 'the agent hold music URL',
			default: 'GET',
		}),
		url({
			name: 'agentHoldMusicUrl',
			displayName: 'Agent Hold Music URL',
			description: 'Played to agents on hold',
		}),
		flag({
			name: 'coachMode',
			displayName: 'Coach Mode',
			default: true,
			description: 'Whether a supervisor is heard by agents only (not by customers)',
		}),
		method({
			name: 'customerHoldMusicMethod',
			displayName: 'Customer Hold Music Method',
			what: 'the customer hold music URL',
			default: 'GET',
		}),
		url({
			name: 'customerHoldMusicUrl',
			displayName: 'Customer Hold Music URL',
			description: 'Played to customers on hold',
		}),
		flag({
			name: 'endMpcOnExit',
			displayName: 'End When This Participant Leaves',
			default: false,
			description: 'Whether the call ends for everyone when this participant leaves',
		}),
		mpcSound('enterSound', 'Enter Sound', 'joins', 'beep:1'),
		method({
			name: 'enterSoundMethod',
			displayName: 'Enter Sound Method',
			what: 'the enter sound URL',
			default: 'GET',
		}),
		mpcSound('exitSound', 'Exit Sound', 'leaves', 'beep:2'),
		method({
			name: 'exitSoundMethod',
			displayName: 'Exit Sound Method',
			what: 'the exit sound URL',
			default: 'GET',
		}),
		flag({
			name: 'hold',
			displayName: 'On Hold',
			default: false,
			description: 'Whether the participant joins on hold',
		}),
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
		flag({
			name: 'mute',
			displayName: 'Muted',
			default: false,
			description: 'Whether the participant joins muted',
		}),
		method({ name: 'onExitActionMethod', displayName: 'On Exit Method', what: 'the on exit URL' }),
		url({
			name: 'onExitActionUrl',
			displayName: 'On Exit URL',
			description: 'Called when the participant leaves; its answer says how their call continues',
		}),
		flag({
			name: 'record',
			displayName: 'Record',
			default: false,
			description: 'Whether to record the call',
		}),
		RECORDING_FORMAT,
		method({
			name: 'recordingCallbackMethod',
			displayName: 'Recording Callback Method',
			what: 'the recording callback URL',
			default: 'GET',
		}),
		url({
			name: 'recordingCallbackUrl',
			displayName: 'Recording Callback URL',
			description: 'Called with the recording’s details',
		}),
		{
			name: 'recordMinMemberCount',
			displayName: 'Record From Participants',
			kind: { type: 'integer', min: 1, max: 2 },
			default: 1,
			description: 'How many participants (1 or 2) must be present before recording starts',
		},
		flag({
			name: 'recordParticipantTrack',
			displayName: 'Record Participant Track',
			default: false,
			description: 'Whether to also record this participant’s own audio separately',
		}),
		flag({
			name: 'relayDTMFInputs',
			displayName: 'Relay Keypresses',
			default: false,
			description: 'Whether keys the participant presses are heard by the others',
		}),
		flag({
			name: 'startMpcOnEnter',
			displayName: 'Start When This Participant Joins',
			default: true,
			description: 'Whether the call starts when this participant joins',
		}),
		url({
			name: 'startRecordingAudio',
			displayName: 'Start Recording Audio URL',
			description: 'Played to everyone when recording starts',
		}),
		method({
			name: 'startRecordingAudioMethod',
			displayName: 'Start Recording Audio Method',
			what: 'the start recording audio URL',
			default: 'GET',
		}),
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
		STATUS_CALLBACK_METHOD,
		url({
			name: 'statusCallbackUrl',
			displayName: 'Status Callback URL',
			description: 'Called on the events chosen in “Status Callback Events”',
		}),
		flag({
			name: 'stayAlone',
			displayName: 'Stay Alone',
			default: false,
			description: 'Whether the call goes on while this participant is alone in it',
		}),
		url({
			name: 'stopRecordingAudio',
			displayName: 'Stop Recording Audio URL',
			description: 'Played to everyone when recording stops',
		}),
		method({
			name: 'stopRecordingAudioMethod',
			displayName: 'Stop Recording Audio Method',
			what: 'the stop recording audio URL',
			default: 'GET',
		}),
		url({
			name: 'waitMusicUrl',
			displayName: 'Wait Music URL',
			description: 'Played while waiting for the call to start',
		}),
		method({
			name: 'waitMusicMethod',
			displayName: 'Wait Music Method',
			what: 'the wait music URL',
			default: 'GET',
		}),
	],
};

const REDIRECT: ElementSpec = {
	verb: 'Redirect',
	optionsName: 'redirectOptions',
	displayName: 'Redirect',
	description: 'Continue with the instructions another URL returns',
	content: {
		name: 'redirectUrl',
		displayName: 'URL',
		kind: URL,
		description: 'The URL that returns the next Plivo XML',
		placeholder: 'https://example.com/next',
	},
	attributes: [method({ name: 'method', displayName: 'Method', what: 'the URL' })],
};

const HANGUP: ElementSpec = {
	verb: 'Hangup',
	optionsName: 'hangupOptions',
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
const PRE_ANSWER: ElementSpec = {
	verb: 'PreAnswer',
	displayName: 'Pre-Answer',
	description: 'Play prompts before the call is answered (early media, not billed)',
	attributes: [],
	nesting: 'prompts',
	nestingRequired: true,
};

/** DTMF: the Node SDK also lists a `digits` attribute; Plivo's reference puts the digits in the text. */
const DTMF: ElementSpec = {
	verb: 'DTMF',
	optionsName: 'dtmfOptions',
	displayName: 'Send Digits (DTMF)',
	description: 'Press keys on the line, e.g. to answer another phone menu',
	content: {
		name: 'dtmfDigits',
		displayName: 'Digits',
		kind: DIGITS_TO_SEND,
		description: 'The keys to press; w pauses half a second, W a second',
		placeholder: '1w2w3#',
	},
	attributes: [
		flag({
			name: 'async',
			displayName: 'In Background',
			default: true,
			description: 'Whether the next instructions start while the digits are still being sent',
		}),
	],
};

export const STREAM: ElementSpec = {
	verb: 'Stream',
	optionsName: 'streamOptions',
	displayName: 'Stream Audio',
	description: 'Send the call’s audio to a WebSocket server, e.g. an AI voice agent',
	content: {
		name: 'streamUrl',
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
		flag({
			name: 'bidirectional',
			displayName: 'Two-Way',
			default: false,
			description: 'Whether the server may also send audio back into the call',
		}),
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
			kind: { ...HEADERS, maxBytes: 512 },
			default: '',
			description:
				'Values sent to the server with the stream, as key=value pairs separated by commas (at most 512 bytes)',
			placeholder: 'customer=1234,campaign=spring',
		},
		flag({
			name: 'keepCallAlive',
			displayName: 'Keep Call on Stream',
			default: false,
			description: 'Whether the next instructions wait until the stream ends',
		}),
		STATUS_CALLBACK_METHOD,
		url({
			name: 'statusCallbackUrl',
			displayName: 'Status Callback URL',
			description: 'Called when the stream connects, stops or fails',
		}),
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

/** What each nesting holds, and the names its list is saved under (`prompts.prompt[]`…). */
export const NESTINGS: Record<
	Nesting,
	{ elements: ElementSpec[]; listName: string; entryName: string; entryDisplayName: string }
> = {
	prompts: {
		elements: PROMPT_ELEMENTS,
		listName: 'prompts',
		entryName: 'prompt',
		entryDisplayName: 'Prompt',
	},
	destinations: {
		elements: DESTINATION_ELEMENTS,
		listName: 'destinations',
		entryName: 'destination',
		entryDisplayName: 'Number or Endpoint',
	},
};
