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
import type { Args } from './arguments.mts';
import type { CallRecord } from './calls.mts';
import type { CallbackParams, DeliveredCallback } from './callbacks.mts';
import type { PlivoState } from './index.mts';
import type { ParticipantRole } from './mpc.mts';
import type { RecordingRecord } from './recordings.mts';
import { plivoTime, sessionTime } from './state.mts';
import type { XmlNode } from './xmlSchema.mts';
import { readPlivoXml } from './xmlSchema.mts';

const MAX_XML_BYTES = 100 * 1024;

/** One fetch of Plivo XML for a call, and whether Plivo could run what came back. */
export interface XmlFetch {
	/**
	 * The answer URL, the fallback URL, the action URL of the element that gathered keys or
	 * speech (input) or recorded (record), or a Redirect's URL.
	 */
	kind: 'answer' | 'fallback' | 'input' | 'record' | 'redirect';
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

/** What an element of the call's XML did, in the order Plivo ran them (`call.xmlPlayed`). */
export interface PlayedElement {
	element: string;
	attributes: Record<string, string>;
	/** Its text: what was said, the URL played, the number dialled, the room joined… */
	text?: string;
	/** Speak, Play and Wait elements a GetDigits or GetInput played as its prompts. */
	prompts?: PlayedElement[];
	/** Calls a Dial placed; the recording a Record made; the conference or MPC joined. */
	dialled?: string[];
	recordingId?: string;
	joined?: string;
}

/** Where a call stands in its XML: what is left to run, and the element it waits at. */
interface Position {
	queue: XmlNode[];
	waiting?: XmlNode;
	/** The recording a Record element is making, while it waits. */
	recording?: RecordingRecord;
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
	const read = readPlivoXml(body);
	return 'problem' in read ? read.problem : undefined;
}

/** A problem of the document itself, not of reaching the URL: Plivo hangs up with Invalid Answer XML. */
function isXmlProblem(problem: string): boolean {
	return !/^(HTTP \d|not reachable|content type)/.test(problem);
}

function methodOf(options: Args, name: string): 'GET' | 'POST' {
	return options[name] === 'GET' ? 'GET' : 'POST';
}

/** An element's method attribute: POST unless it says GET (Plivo's default everywhere). */
function methodAttribute(element: XmlNode, name: string): 'GET' | 'POST' {
	return element.attributes[name]?.toUpperCase() === 'GET' ? 'GET' : 'POST';
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
	private readonly positions = new WeakMap<CallRecord, Position>();

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
	 * The caller presses keys while the call's XML gathers them (a GetDigits, or a GetInput
	 * listening for dtmf): Plivo sends them to the element's action URL and runs the XML that
	 * comes back (or, with redirect="false", only notifies it and goes on). Refused (an Error, not
	 * an API answer) when the call is over, when its XML is not gathering keys, or for keys a
	 * phone does not have. Resolves once the action URL has answered.
	 */
	async enterDigits(call: CallRecord, digits: string): Promise<XmlFetch | undefined> {
		if (!/^[0-9*#]+$/.test(digits) && call.status === 'in-progress')
			throw new Error(`‘${digits}’ are not keys of a phone: use 0-9, * and #`);
		const gather = this.gathering(call, 'dtmf');
		const numDigits = Number(gather.attributes.numDigits);
		return await this.input(call, gather, {
			Digits: Number.isInteger(numDigits) && numDigits > 0 ? digits.slice(0, numDigits) : digits,
			...(gather.name === 'GetInput' ? { InputType: 'dtmf' } : {}),
		});
	}

	/**
	 * The caller speaks while the call's XML listens for speech (a GetInput whose inputType
	 * includes speech): Plivo sends what it recognised to the action URL (`Speech`, with
	 * `InputType` speech and a confidence score, Plivo's GetInput reference).
	 */
	async speak(call: CallRecord, speech: string): Promise<XmlFetch | undefined> {
		if (speech.trim() === '') throw new Error('Say something: the speech is empty');
		const gather = this.gathering(call, 'speech');
		return await this.input(call, gather, {
			InputType: 'speech',
			Speech: speech,
			SpeechConfidenceScore: '0.9',
		});
	}

	/**
	 * The caller stops talking after `seconds` while a Record element records (or presses its
	 * finishOnKey): the recording is kept (at most maxLength seconds, 60 by default), its
	 * callbackUrl is notified, and the action URL gets the recording and says how the call goes
	 * on; without an action the call goes on with the next element.
	 */
	async finishRecording(call: CallRecord, seconds: number): Promise<XmlFetch | undefined> {
		this.ensureInProgress(call);
		const position = this.positions.get(call);
		const record = position?.waiting;
		if (!position || record?.name !== 'Record' || !position.recording)
			throw new Error(`Call ${call.call_uuid} is not recording: its XML runs no Record now`);
		if (!Number.isFinite(seconds) || seconds <= 0)
			throw new Error('A message lasts a positive number of seconds');
		const maxLength = Number(record.attributes.maxLength ?? 60);
		const recording = position.recording;
		const now = this.state.core.now().getTime();
		recording.recording_start_ms = now - Math.min(seconds, maxLength) * 1000;
		this.state.recordings.stop(recording, now);
		position.waiting = undefined;
		position.recording = undefined;
		const duration = recording.recording_duration_ms ?? 0;
		const params: CallbackParams = {
			...callParams(call, 'in-progress'),
			RecordUrl: recording.recording_url,
			RecordingID: recording.recording_id,
			RecordingDuration: String(Math.round(duration / 1000)),
			RecordingDurationMs: String(duration),
			RecordingStartMs: String(recording.recording_start_ms),
			RecordingEndMs: String(recording.recording_end_ms),
		};
		const callbackUrl = record.attributes.callbackUrl;
		if (callbackUrl)
			this.state.callbacks.track(
				this.state.callbacks.send(callbackUrl, methodAttribute(record, 'callbackMethod'), params),
			);
		return await this.afterAction(call, record, 'record', params);
	}

	/** Hangs up a call from its XML: a Hangup element, the end of the document, or XML Plivo cannot run. */
	private end(call: CallRecord, source: string, cause: { name: string; code: number }): void {
		if (call.status !== 'in-progress') return;
		this.state.calls.hangup(call, source);
		call.hangup_cause_name = cause.name;
		call.hangup_cause_code = cause.code;
		this.positions.delete(call);
		this.state.events.emit('call.ended', call);
	}

	private ensureInProgress(call: CallRecord): void {
		if (call.status !== 'in-progress') throw new Error(`Call ${call.call_uuid} is not in progress`);
	}

	/** The GetDigits or GetInput the call waits at, listening for `input`. */
	private gathering(call: CallRecord, input: 'dtmf' | 'speech'): XmlNode {
		this.ensureInProgress(call);
		const waiting = this.positions.get(call)?.waiting;
		const types =
			waiting?.name === 'GetDigits'
				? ['dtmf']
				: waiting?.name === 'GetInput'
					? (waiting.attributes.inputType ?? '').split(/\s+/)
					: [];
		if (!waiting || !types.includes(input)) {
			throw new Error(
				input === 'dtmf'
					? `The XML call ${call.call_uuid} runs gathers no keys now: it waits at no GetDigits, nor GetInput with inputType dtmf`
					: `The XML call ${call.call_uuid} runs listens for no speech now: it waits at no GetInput with inputType speech`,
			);
		}
		if (!waiting.attributes.action)
			throw new Error(
				`The ${waiting.name} that call ${call.call_uuid} runs has no action URL to send the input to`,
			);
		return waiting;
	}

	private async input(
		call: CallRecord,
		gather: XmlNode,
		input: CallbackParams,
	): Promise<XmlFetch | undefined> {
		this.positions.get(call)!.waiting = undefined;
		return await this.afterAction(call, gather, 'input', {
			...callParams(call, 'in-progress'),
			...input,
		});
	}

	/**
	 * Calls an element's action URL: with redirect (the default), runs the XML it answers; with
	 * redirect="false", only notifies it and goes on with the next element.
	 */
	private async afterAction(
		call: CallRecord,
		element: XmlNode,
		kind: 'input' | 'record',
		params: CallbackParams,
	): Promise<XmlFetch | undefined> {
		const action = element.attributes.action;
		if (!action) {
			await this.proceed(call);
			return undefined;
		}
		const method = methodAttribute(element, 'method');
		if (element.attributes.redirect === 'false') {
			await this.state.callbacks.track(this.state.callbacks.send(action, method, params));
			await this.proceed(call);
			return undefined;
		}
		return await this.state.callbacks.track(this.fetchAndRun(call, kind, action, method, params));
	}

	/** Fetches XML and runs it; XML Plivo cannot run hangs the call up. */
	private async fetchAndRun(
		call: CallRecord,
		kind: XmlFetch['kind'],
		url: string,
		method: 'GET' | 'POST',
		params: CallbackParams,
	): Promise<XmlFetch> {
		const fetched = await this.fetchXml(call, kind, url, method, params);
		if (fetched.xml !== undefined) await this.run(call, fetched.xml);
		else this.refused(call, fetched.problem!);
		return fetched;
	}

	private refused(call: CallRecord, problem: string): void {
		if (isXmlProblem(problem)) this.end(call, 'Error', { name: 'Invalid Answer XML', code: 8011 });
	}

	/** Runs a document Plivo accepted, from its first element. */
	private async run(call: CallRecord, document: string): Promise<void> {
		const read = readPlivoXml(document);
		if ('problem' in read) return this.refused(call, read.problem);
		this.positions.set(call, { queue: [...read.response.children] });
		await this.proceed(call);
	}

	/**
	 * Runs the call's elements in order until one waits (for keys, speech or a message, or while
	 * the call is connected to another party) or the call ends. Plivo hangs up once the last
	 * element has run.
	 */
	private async proceed(call: CallRecord): Promise<void> {
		const position = this.positions.get(call);
		while (position && call.status === 'in-progress') {
			const node = position.queue.shift();
			if (!node) {
				this.end(call, 'Plivo', { name: 'End Of XML Instructions', code: 4010 });
				return;
			}
			const played: PlayedElement = {
				element: node.name,
				attributes: node.attributes,
				...(node.text ? { text: node.text } : {}),
			};
			(call.xmlPlayed ??= []).push(played);
			switch (node.name) {
				case 'GetDigits':
				case 'GetInput':
				case 'PreAnswer':
					played.prompts = node.children.map((child) => ({
						element: child.name,
						attributes: child.attributes,
						...(child.text ? { text: child.text } : {}),
					}));
					if (node.name === 'PreAnswer') break;
					position.waiting = node;
					return;
				case 'Record': {
					const recording = this.state.recordings.start(
						{
							recording_type: 'normal',
							call_uuid: call.call_uuid,
							from_number: call.from,
							to_number: call.to,
						},
						node.attributes.fileFormat === 'wav' ? 'wav' : 'mp3',
					);
					played.recordingId = recording.recording_id;
					// recordSession records the rest of the call in the background.
					if (node.attributes.recordSession === 'true') break;
					position.waiting = node;
					position.recording = recording;
					return;
				}
				case 'Dial': {
					const now = this.state.core.now();
					played.dialled = node.children.map(
						(destination) =>
							this.state.calls.create({
								from: destination.attributes.callerId ?? node.attributes.callerId ?? call.from,
								to: destination.text,
								direction: 'outbound',
								status: 'in-progress',
								answered_at: now,
								parent_call_uuid: call.call_uuid,
							}).call_uuid,
					);
					position.waiting = node;
					return;
				}
				case 'Conference':
					this.state.conferences.join(node.text, { from: call.from, to: call.to, call });
					played.joined = node.text;
					position.waiting = node;
					return;
				case 'MultiPartyCall': {
					const name = node.text;
					const mpc =
						this.state.mpcs.mpcs.find(
							(candidate) => candidate.friendly_name === name && candidate.status !== 'Ended',
						) ?? this.state.mpcs.create(name, {});
					this.state.mpcs.join(
						mpc,
						call,
						node.attributes.role.toLowerCase() as ParticipantRole,
						{},
					);
					played.joined = name;
					position.waiting = node;
					return;
				}
				case 'Redirect':
					await this.fetchAndRun(call, 'redirect', node.text, methodAttribute(node, 'method'), {
						...callParams(call, 'in-progress'),
					});
					return;
				case 'Hangup':
					this.end(call, 'Answer XML', { name: 'Normal Hangup', code: 4000 });
					return;
				case 'Stream':
					if (node.attributes.keepCallAlive === 'true') {
						position.waiting = node;
						return;
					}
					break;
				default:
					// Speak, Play, Wait, DTMF: heard (or sent) and done.
					break;
			}
		}
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
		let problem: string | undefined;
		for (const { kind, url, method } of attempts) {
			if (typeof url !== 'string') break;
			const fetched = await this.fetchXml(call, kind, url, method, params);
			if (fetched.xml !== undefined) return await this.run(call, fetched.xml);
			problem = fetched.problem;
		}
		if (problem !== undefined) this.refused(call, problem);
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
