/**
 * What Plivo does with a call's URLs, from the reference's "Callbacks" section (parameters sent
 * to ring_url, answer_url and fallback_url, hangup_url) and plivo-facts.md: it notifies the ring
 * URL, fetches Plivo XML from the answer URL (the fallback URL when that fails), and notifies the
 * hangup URL when the call ends. Every request is signed (V3) by the callback dispatcher and sent
 * in the background, never on the API request that made the call.
 *
 * Of the XML itself, the sandbox plays one step: keys the caller presses while a GetDigits (or a
 * GetInput listening for DTMF) runs are sent to its action URL, whose XML is then run
 * (`enterDigits`). Plivo's XML reference ("Parameters sent to the action URL"): `Digits`, the
 * keys pressed without the finishOnKey key, with GetInput's `InputType`; Plivo's own examples read
 * the call's `CallUUID` there too.
 */
import { parser } from 'sax';

import type { Args } from './arguments';
import type { CallRecord } from './calls';
import type { CallbackParams, DeliveredCallback } from './callbacks';
import type { PlivoState } from './index';
import { plivoTime, sessionTime } from './state';

/** Elements Plivo accepts directly under `<Response>` (plivo-facts.md). */
const PLIVO_ELEMENTS = [
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

const MAX_XML_BYTES = 100 * 1024;

/** One fetch of Plivo XML for a call, and whether Plivo could run what came back. */
export interface XmlFetch {
	/** The answer URL, the fallback URL, or the action URL of the element that gathered keys. */
	kind: 'answer' | 'fallback' | 'input';
	url: string;
	method: 'GET' | 'POST';
	status?: number;
	contentType?: string;
	/** What the URL answered. */
	body?: string;
	/** The document Plivo runs, when it was accepted. */
	xml?: string;
	/** Why Plivo would not run it. */
	problem?: string;
}

/**
 * Well-formed XML (sax, strict) with a single `<Response>` root holding only Plivo's elements.
 * sax lets a repeated attribute pass (it keeps the first), so the sandbox does too.
 */
function xmlProblem(document: string): string | undefined {
	const xml = parser(true);
	let problem: string | undefined;
	let depth = 0;
	let roots = 0;
	const refuse = (message: string) => {
		problem ??= message;
		throw new Error(message);
	};
	xml.onerror = (error) => refuse(error.message.split('\n')[0]);
	xml.onopentag = ({ name }) => {
		if (depth === 0 && ++roots > 1) refuse('more than one root element');
		if (depth === 0 && name !== 'Response') refuse(`root element is <${name}>, not <Response>`);
		if (depth === 1 && !PLIVO_ELEMENTS.includes(name))
			refuse(`<${name}> is not allowed in <Response>`);
		depth++;
	};
	xml.onclosetag = () => {
		depth--;
	};
	try {
		xml.write(document).close();
	} catch (error) {
		problem ??= error instanceof Error ? error.message : String(error);
	}
	if (!problem && roots === 0) problem = 'no root element';
	return problem;
}

/** The element of a call's XML that gathers the keys a caller presses. */
interface Gather {
	element: 'GetDigits' | 'GetInput';
	action: string;
	method: 'GET' | 'POST';
	/** Keys beyond this many are ignored (numDigits). */
	numDigits?: number;
	/** Whether Plivo runs the action URL's XML (the default) or only notifies it and goes on. */
	redirect: boolean;
}

/**
 * The first GetDigits, or GetInput whose inputType includes dtmf, directly under `<Response>`
 * (the XML was checked when it was accepted). Defaults from Plivo's XML reference: method POST,
 * redirect true.
 */
function gatherIn(document: string): Gather | undefined {
	const xml = parser(true);
	let depth = 0;
	let gather: Gather | undefined;
	xml.onopentag = ({ name, attributes }) => {
		const attribute = (key: string) => {
			const value = attributes[key];
			return typeof value === 'string' ? value : value?.value;
		};
		const listensForKeys =
			name === 'GetDigits' ||
			(name === 'GetInput' && (attribute('inputType') ?? '').split(/\s+/).includes('dtmf'));
		if (depth === 1 && !gather && listensForKeys) {
			const numDigits = Number(attribute('numDigits'));
			gather = {
				element: name as Gather['element'],
				action: attribute('action') ?? '',
				method: attribute('method')?.toUpperCase() === 'GET' ? 'GET' : 'POST',
				numDigits: Number.isInteger(numDigits) && numDigits > 0 ? numDigits : undefined,
				redirect: attribute('redirect') !== 'false',
			};
		}
		depth++;
	};
	xml.onclosetag = () => {
		depth--;
	};
	xml.write(document).close();
	return gather;
}

/** Why Plivo would not run what an answer or fallback URL returned, if it would not. */
function answerProblem(delivered: DeliveredCallback): string | undefined {
	if (delivered.status === undefined) return `not reachable: ${delivered.error ?? 'no answer'}`;
	// "Plivo requests the fallback_answer_url when the answer_url returns a non 200 HTTP status code."
	if (delivered.status !== 200) return `HTTP ${delivered.status}`;
	const type = (delivered.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/xml' && type !== 'text/xml')
		return `content type ${delivered.contentType || 'missing'}, not application/xml or text/xml`;
	const body = delivered.responseBody ?? '';
	if (Buffer.byteLength(body) > MAX_XML_BYTES) return 'XML larger than 100 KB';
	return xmlProblem(body);
}

function methodOf(options: Args, name: string): 'GET' | 'POST' {
	return options[name] === 'GET' ? 'GET' : 'POST';
}

/**
 * Parameters every call callback carries (reference: ring_url list). `Event` names the callback
 * (StartApp, Ring, Hangup); the reference gives it no value for an action URL, which gets none.
 */
function callParams(call: CallRecord, callStatus: string, event?: string): CallbackParams {
	const params: CallbackParams = {
		From: call.from,
		To: call.to,
		CallUUID: call.call_uuid,
		Direction: call.direction,
		...(event === undefined ? {} : { Event: event }),
		CallStatus: callStatus,
		SessionStart: sessionTime(call.answered_at ?? call.initiated_at),
		STIRAttestation: 'Not Applicable',
	};
	if (call.direction === 'outbound') {
		params.RequestUUID = call.request_uuid;
		params.ALegRequestUUID = call.request_uuid;
	}
	return params;
}

/** answer_url and fallback_url, and (with times and cause) hangup_url, add these. */
function answeredCallParams(call: CallRecord, callStatus: string, event?: string): CallbackParams {
	return {
		...callParams(call, callStatus, event),
		ALegUUID: call.call_uuid,
		stir_verification: call.stir_verification,
	};
}

function hangupParams(call: CallRecord): CallbackParams {
	const duration =
		call.answered_at && call.ended_at
			? Math.round((call.ended_at.getTime() - call.answered_at.getTime()) / 1000)
			: 0;
	const time = (date: Date | undefined) => plivoTime(date)?.slice(0, 19) ?? '';
	return {
		...answeredCallParams(call, 'completed', 'Hangup'),
		StartTime: time(call.initiated_at),
		AnswerTime: time(call.answered_at),
		EndTime: time(call.ended_at),
		Duration: String(duration),
		BillDuration: String(call.bill_duration ?? 0),
		HangupCause: call.answered_at ? 'NORMAL_CLEARING' : 'ORIGINATOR_CANCEL',
		HangupCauseName: call.hangup_cause_name ?? '',
		HangupCauseCode: String(call.hangup_cause_code ?? ''),
		HangupSource: call.hangup_source ?? '',
	};
}

export class CallFlow {
	constructor(private readonly state: PlivoState) {
		state.events.on('call.created', (calls: CallRecord[]) => {
			// Queued calls ring once Plivo places them ('call.placed'), not when they are made.
			for (const call of calls)
				if (call.status === 'in-progress') state.callbacks.track(this.outbound(call));
		});
		state.events.on('call.placed', (calls: CallRecord[]) => {
			for (const call of calls) state.callbacks.track(this.outbound(call));
		});
		state.events.on('call.ended', (call: CallRecord) => {
			const url = call.options.hangup_url;
			if (typeof url === 'string')
				state.callbacks.send(url, methodOf(call.options, 'hangup_method'), hangupParams(call));
		});
	}

	/**
	 * A call reaching a number or endpoint that points at the application: Plivo fetches the
	 * application's answer URL (its fallback URL when that fails) and later notifies its hangup
	 * URL. The call's `options` hold the application's URLs under the names a made call uses.
	 */
	receiveInboundCall({ from, to, appId }: { from: string; to: string; appId: string }): CallRecord {
		const application = this.state.applications.applications.get(appId);
		if (!application) throw new Error(`The sandbox has no application ${appId}`);
		const now = this.state.core.now();
		const call = this.state.calls.create({
			from,
			to,
			direction: 'inbound',
			status: 'in-progress',
			answered_at: now,
			options: {
				app_id: application.app_id,
				answer_url: application.answer_url,
				answer_method: application.answer_method,
				hangup_url: application.hangup_url || undefined,
				hangup_method: application.hangup_method,
				fallback_url: application.fallback_answer_url || undefined,
				fallback_method: application.fallback_method,
			},
		});
		this.state.callbacks.track(this.answer(call));
		return call;
	}

	private async outbound(call: CallRecord): Promise<void> {
		const ringUrl = call.options.ring_url;
		if (typeof ringUrl === 'string') {
			await this.state.callbacks.send(
				ringUrl,
				methodOf(call.options, 'ring_method'),
				callParams(call, 'ringing', 'Ring'),
			);
		}
		await this.answer(call);
	}

	/**
	 * The caller presses keys while the call's XML gathers them: Plivo sends them to the
	 * gathering element's action URL and runs the XML that comes back. Refused (an Error, not an
	 * API answer) when the call is over, when the XML it runs gathers no keys, or for keys a phone
	 * does not have. Resolves once the action URL has answered.
	 */
	async enterDigits(call: CallRecord, digits: string): Promise<XmlFetch> {
		if (call.status !== 'in-progress') throw new Error(`Call ${call.call_uuid} is not in progress`);
		if (!/^[0-9*#]+$/.test(digits))
			throw new Error(`‘${digits}’ are not keys of a phone: use 0-9, * and #`);
		const running = call.xmlFetches?.filter((fetch) => fetch.xml !== undefined).at(-1)?.xml;
		const gather = running === undefined ? undefined : gatherIn(running);
		if (!gather) {
			throw new Error(
				`The XML call ${call.call_uuid} runs gathers no keys: it has no GetDigits, nor GetInput with inputType dtmf`,
			);
		}
		if (!gather.action)
			throw new Error(
				`The ${gather.element} that call ${call.call_uuid} runs has no action URL to send the keys to`,
			);
		// Plivo then only requests the URL and goes on with the next element: not modelled.
		if (!gather.redirect)
			throw new Error(
				`The sandbox plays only a ${gather.element} that redirects to its action URL (redirect="true", the default)`,
			);
		const params: CallbackParams = {
			...callParams(call, 'in-progress'),
			Digits: gather.numDigits === undefined ? digits : digits.slice(0, gather.numDigits),
			...(gather.element === 'GetInput' ? { InputType: 'dtmf' } : {}),
		};
		return await this.state.callbacks.track(
			this.fetchXml(call, 'input', gather.action, gather.method, params),
		);
	}

	/** Fetches XML from the answer URL, then from the fallback URL if Plivo could not run it. */
	private async answer(call: CallRecord): Promise<void> {
		const params = answeredCallParams(call, 'in-progress', 'StartApp');
		const attempts: Array<{ kind: XmlFetch['kind']; url: unknown; method: 'GET' | 'POST' }> = [
			{
				kind: 'answer',
				url: call.options.answer_url,
				method: methodOf(call.options, 'answer_method'),
			},
			{
				kind: 'fallback',
				url: call.options.fallback_url,
				method: methodOf(call.options, 'fallback_method'),
			},
		];
		for (const { kind, url, method } of attempts) {
			if (typeof url !== 'string') return;
			const { problem } = await this.fetchXml(call, kind, url, method, params);
			if (!problem) return;
		}
	}

	/** Asks a URL for XML, signed, and keeps what came back on the call. */
	private async fetchXml(
		call: CallRecord,
		kind: XmlFetch['kind'],
		url: string,
		method: 'GET' | 'POST',
		params: CallbackParams,
	): Promise<XmlFetch> {
		const delivered = await this.state.callbacks.send(url, method, params);
		const problem = answerProblem(delivered);
		const fetched: XmlFetch = {
			kind,
			url,
			method,
			status: delivered.status,
			contentType: delivered.contentType,
			body: delivered.responseBody,
			...(problem ? { problem } : { xml: delivered.responseBody }),
		};
		(call.xmlFetches ??= []).push(fetched);
		return fetched;
	}
}
