/**
 * What Plivo does with a call's URLs, from the reference's "Callbacks" section (parameters sent
 * to ring_url, answer_url and fallback_url, hangup_url) and plivo-facts.md: it notifies the ring
 * URL, fetches Plivo XML from the answer URL (the fallback URL when that fails), and notifies the
 * hangup URL when the call ends. Every request is signed (V3) by the callback dispatcher and sent
 * in the background, never on the API request that made the call.
 */
import { parser } from 'sax';

import type { Args } from './arguments';
import type { CallRecord } from './calls';
import type { CallbackParams, DeliveredCallback } from './callbacks';
import type { PlivoState } from './index';
import { plivoTime, sessionTime } from './state';

/** Elements Plivo accepts directly under `<Response>` (plivo-facts.md). */
const PLIVO_ELEMENTS = [
	'Speak', 'Play', 'GetDigits', 'GetInput', 'Record', 'Dial', 'Redirect', 'Wait', 'Hangup', 'PreAnswer',
	'Conference', 'MultiPartyCall', 'DTMF', 'Stream',
];

const MAX_XML_BYTES = 100 * 1024;

/** One fetch of Plivo XML for a call, and whether Plivo could run what came back. */
export interface XmlFetch {
	kind: 'answer' | 'fallback';
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
		if (depth === 1 && !PLIVO_ELEMENTS.includes(name)) refuse(`<${name}> is not allowed in <Response>`);
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

/** Why Plivo would not run what an answer or fallback URL returned, if it would not. */
function answerProblem(delivered: DeliveredCallback): string | undefined {
	if (delivered.status === undefined) return `not reachable: ${delivered.error ?? 'no answer'}`;
	// "Plivo requests the fallback_answer_url when the answer_url returns a non 200 HTTP status code."
	if (delivered.status !== 200) return `HTTP ${delivered.status}`;
	const type = (delivered.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/xml' && type !== 'text/xml') return `content type ${delivered.contentType || 'missing'}, not application/xml or text/xml`;
	const body = delivered.responseBody ?? '';
	if (Buffer.byteLength(body) > MAX_XML_BYTES) return 'XML larger than 100 KB';
	return xmlProblem(body);
}

function methodOf(options: Args, name: string): 'GET' | 'POST' {
	return options[name] === 'GET' ? 'GET' : 'POST';
}

/** Parameters every call callback carries (reference: ring_url list). */
function callParams(call: CallRecord, event: string, callStatus: string): CallbackParams {
	const params: CallbackParams = {
		From: call.from,
		To: call.to,
		CallUUID: call.call_uuid,
		Direction: call.direction,
		Event: event,
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
function answeredCallParams(call: CallRecord, event: string, callStatus: string): CallbackParams {
	return { ...callParams(call, event, callStatus), ALegUUID: call.call_uuid, stir_verification: call.stir_verification };
}

function hangupParams(call: CallRecord): CallbackParams {
	const duration = call.answered_at && call.ended_at ? Math.round((call.ended_at.getTime() - call.answered_at.getTime()) / 1000) : 0;
	const time = (date: Date | undefined) => plivoTime(date)?.slice(0, 19) ?? '';
	return {
		...answeredCallParams(call, 'Hangup', 'completed'),
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
			// Queued calls ring once Plivo places them; the sandbox only plays the flow of calls
			// placed at once.
			for (const call of calls) if (call.status === 'in-progress') state.callbacks.track(this.outbound(call));
		});
		state.events.on('call.ended', (call: CallRecord) => {
			const url = call.options.hangup_url;
			if (typeof url === 'string') state.callbacks.send(url, methodOf(call.options, 'hangup_method'), hangupParams(call));
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
			await this.state.callbacks.send(ringUrl, methodOf(call.options, 'ring_method'), callParams(call, 'Ring', 'ringing'));
		}
		await this.answer(call);
	}

	/** Fetches XML from the answer URL, then from the fallback URL if Plivo could not run it. */
	private async answer(call: CallRecord): Promise<void> {
		call.xmlFetches ??= [];
		const params = answeredCallParams(call, 'StartApp', 'in-progress');
		const attempts: Array<{ kind: XmlFetch['kind']; url: unknown; method: 'GET' | 'POST' }> = [
			{ kind: 'answer', url: call.options.answer_url, method: methodOf(call.options, 'answer_method') },
			{ kind: 'fallback', url: call.options.fallback_url, method: methodOf(call.options, 'fallback_method') },
		];
		for (const { kind, url, method } of attempts) {
			if (typeof url !== 'string') return;
			const delivered = await this.state.callbacks.send(url, method, params);
			const problem = answerProblem(delivered);
			call.xmlFetches.push({
				kind,
				url,
				method,
				status: delivered.status,
				contentType: delivered.contentType,
				body: delivered.responseBody,
				...(problem ? { problem } : { xml: delivered.responseBody }),
			});
			if (!problem) return;
		}
	}
}
