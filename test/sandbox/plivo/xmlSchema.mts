/**
 * What Plivo accepts as call XML, element by element: the attributes each element takes and
 * what it may hold. From Plivo's XML reference and the official SDK's XML builder, which refuses
 * the same things (plivo-node 4.79, lib/utils/plivoxml.js: each element's `valid_attributes` and
 * `nestables`; `Message` is SMS XML and is left out of call XML). Anything else is refused as
 * Plivo refuses it: the call hangs up with `Invalid Answer XML` (hangup cause 8011, source Error,
 * as the reference's CDR examples show).
 */
// sax is CommonJS whose exports Node cannot list for a named import (the sandbox runs under tsx too).
import sax from 'sax';

interface ElementRule {
	attributes: string[];
	/** Elements it may hold; none: it is empty or holds text only. */
	children: string[];
	/** Whether it holds text (what to say, a URL, a number, a room's name…). */
	text: boolean;
}

const PROMPTS = ['Speak', 'Play', 'Wait'];
/** SSML inside Speak (plivo-node's Speak nestables, and theirs). */
const SSML = ['break', 'emphasis', 'lang', 'p', 'phoneme', 'prosody', 's', 'say-as', 'sub', 'w'];
const SSML_INLINE = ['break', 'emphasis', 'lang', 'phoneme', 'prosody', 'say-as', 'sub', 'w'];

export const RESPONSE_ELEMENTS = [
	'Speak',
	'Play',
	'GetDigits',
	'GetInput',
	'Record',
	'Dial',
	'Redirect',
	'Wait',
	'Hangup',
	'PreAnswer',
	'Conference',
	'MultiPartyCall',
	'DTMF',
	'Stream',
];

export const ELEMENT_RULES: Record<string, ElementRule> = {
	Response: { attributes: [], children: RESPONSE_ELEMENTS, text: false },
	Speak: { attributes: ['voice', 'language', 'loop'], children: SSML, text: true },
	Play: { attributes: ['loop'], children: [], text: true },
	Wait: {
		attributes: ['length', 'silence', 'min_silence', 'minSilence', 'beep'],
		children: [],
		text: false,
	},
	GetDigits: {
		attributes: [
			'action',
			'method',
			'timeout',
			'digitTimeout',
			'finishOnKey',
			'numDigits',
			'retries',
			'invalidDigitsSound',
			'validDigits',
			'playBeep',
			'redirect',
			'log',
		],
		children: PROMPTS,
		text: false,
	},
	GetInput: {
		attributes: [
			'action',
			'method',
			'inputType',
			'executionTimeout',
			'digitEndTimeout',
			'speechEndTimeout',
			'finishOnKey',
			'numDigits',
			'speechModel',
			'hints',
			'language',
			'interimSpeechResultsCallback',
			'interimSpeechResultsCallbackMethod',
			'log',
			'redirect',
			'profanityFilter',
		],
		children: PROMPTS,
		text: false,
	},
	Record: {
		attributes: [
			'action',
			'method',
			'timeout',
			'finishOnKey',
			'maxLength',
			'playBeep',
			'recordSession',
			'startOnDialAnswer',
			'redirect',
			'fileFormat',
			'callbackUrl',
			'callbackMethod',
			'transcriptionType',
			'transcriptionUrl',
			'transcriptionMethod',
			'recordChannelType',
		],
		children: [],
		text: false,
	},
	Dial: {
		attributes: [
			'action',
			'method',
			'timeout',
			'hangupOnStar',
			'timeLimit',
			'callerId',
			'callerName',
			'confirmSound',
			'dialMusic',
			'confirmKey',
			'redirect',
			'callbackUrl',
			'callbackMethod',
			'digitsMatch',
			'digitsMatchBLeg',
			'sipHeaders',
			'confirmTimeout',
		],
		children: ['Number', 'User'],
		text: false,
	},
	Number: {
		attributes: ['sendDigits', 'sendOnPreanswer', 'sendDigitsMode', 'callerId', 'callerName'],
		children: [],
		text: true,
	},
	User: {
		attributes: ['sendDigits', 'sendOnPreanswer', 'sipHeaders', 'callerId', 'callerName'],
		children: [],
		text: true,
	},
	Redirect: { attributes: ['method'], children: [], text: true },
	Hangup: { attributes: ['schedule', 'reason'], children: [], text: false },
	PreAnswer: {
		attributes: [],
		children: ['Play', 'Speak', 'GetDigits', 'Wait', 'Redirect', 'DTMF'],
		text: false,
	},
	Conference: {
		attributes: [
			'muted',
			'beep',
			'startConferenceOnEnter',
			'endConferenceOnExit',
			'waitSound',
			'enterSound',
			'exitSound',
			'timeLimit',
			'hangupOnStar',
			'maxMembers',
			'record',
			'recordWhenAlone',
			'recordFileFormat',
			'action',
			'method',
			'redirect',
			'digitsMatch',
			'callbackUrl',
			'callbackMethod',
			'stayAlone',
			'floorEvent',
			'transcriptionType',
			'transcriptionUrl',
			'transcriptionMethod',
			'relayDTMF',
		],
		children: [],
		text: true,
	},
	MultiPartyCall: {
		attributes: [
			'role',
			'maxDuration',
			'maxParticipants',
			'recordMinMemberCount',
			'waitMusicUrl',
			'waitMusicMethod',
			'agentHoldMusicUrl',
			'agentHoldMusicMethod',
			'customerHoldMusicUrl',
			'customerHoldMusicMethod',
			'record',
			'recordFileFormat',
			'recordingCallbackUrl',
			'recordingCallbackMethod',
			'statusCallbackEvents',
			'statusCallbackUrl',
			'statusCallbackMethod',
			'stayAlone',
			'coachMode',
			'mute',
			'hold',
			'startMpcOnEnter',
			'endMpcOnExit',
			'enterSound',
			'enterSoundMethod',
			'exitSound',
			'exitSoundMethod',
			'onExitActionUrl',
			'onExitActionMethod',
			'relayDTMFInputs',
			'startRecordingAudio',
			'startRecordingAudioMethod',
			'stopRecordingAudio',
			'stopRecordingAudioMethod',
			'recordParticipantTrack',
		],
		children: [],
		text: true,
	},
	DTMF: { attributes: ['digits', 'async'], children: [], text: true },
	Stream: {
		attributes: [
			'bidirectional',
			'audioTrack',
			'streamTimeout',
			'statusCallbackUrl',
			'statusCallbackMethod',
			'contentType',
			'extraHeaders',
			'keepCallAlive',
		],
		children: [],
		text: true,
	},
	break: { attributes: ['strength', 'time'], children: [], text: false },
	emphasis: { attributes: ['level'], children: SSML_INLINE, text: true },
	lang: { attributes: ['xml:lang'], children: SSML, text: true },
	p: { attributes: [], children: SSML.filter((name) => name !== 'p'), text: true },
	phoneme: { attributes: ['alphabet', 'ph'], children: [], text: true },
	prosody: { attributes: ['pitch', 'rate', 'volume'], children: SSML, text: true },
	s: { attributes: [], children: SSML_INLINE, text: true },
	'say-as': { attributes: ['interpret-as', 'format'], children: [], text: true },
	sub: { attributes: ['alias'], children: [], text: true },
	w: {
		attributes: ['role'],
		children: ['break', 'emphasis', 'phoneme', 'prosody', 'say-as', 'sub'],
		text: true,
	},
};

/** Required: MultiPartyCall's role (reference: "role — required"). */
const REQUIRED_ATTRIBUTES: Record<string, string[]> = { MultiPartyCall: ['role'] };

/** One element of a document Plivo accepted. */
export interface XmlNode {
	name: string;
	attributes: Record<string, string>;
	children: XmlNode[];
	/** Its text, children's text left out, trimmed. */
	text: string;
}

/**
 * The document's `<Response>`, checked against the rules above; or why Plivo refuses it. Well
 * formed is checked by sax in strict mode; a repeated attribute passes (sax keeps the first).
 */
export function readPlivoXml(document: string): { response: XmlNode } | { problem: string } {
	const xml = sax.parser(true);
	const stack: XmlNode[] = [];
	let response: XmlNode | undefined;
	let roots = 0;
	let problem: string | undefined;
	const refuse = (message: string) => {
		problem ??= message;
		throw new Error(message);
	};
	xml.onerror = (error) => refuse(error.message.split('\n')[0]);
	xml.onopentag = ({ name, attributes }) => {
		const parent = stack.at(-1);
		if (!parent) {
			if (++roots > 1) refuse('more than one root element');
			if (name !== 'Response') refuse(`root element is <${name}>, not <Response>`);
		} else if (!ELEMENT_RULES[parent.name].children.includes(name)) {
			refuse(
				parent.name === 'Response'
					? `<${name}> is not allowed in <Response>`
					: `<${name}> is not allowed in <${parent.name}>`,
			);
		}
		const rule = ELEMENT_RULES[name];
		const values: Record<string, string> = {};
		for (const [key, value] of Object.entries(attributes)) {
			if (!rule.attributes.includes(key)) refuse(`<${name}> has no attribute ${key}`);
			values[key] = typeof value === 'string' ? value : value.value;
		}
		const node: XmlNode = { name, attributes: values, children: [], text: '' };
		if (parent) parent.children.push(node);
		else response = node;
		stack.push(node);
	};
	xml.ontext = (text) => {
		const current = stack.at(-1);
		if (!current) return;
		if (text.trim() !== '' && !ELEMENT_RULES[current.name].text)
			refuse(`<${current.name}> holds no text`);
		current.text += text;
	};
	xml.oncdata = xml.ontext;
	xml.onclosetag = () => {
		const node = stack.pop()!;
		node.text = node.text.trim();
		for (const required of REQUIRED_ATTRIBUTES[node.name] ?? [])
			if (node.attributes[required] === undefined)
				refuse(`<${node.name}> needs the attribute ${required}`);
		if (node.name === 'Dial' && node.children.length === 0)
			refuse('<Dial> needs a <Number> or <User>');
	};
	try {
		xml.write(document).close();
	} catch (error) {
		problem ??= error instanceof Error ? error.message : String(error);
	}
	if (problem) return { problem };
	if (!response) return { problem: 'no root element' };
	return { response };
}
