/**
 * The Call resource, from the reference's "Call" section: make, transfer, hang up, record,
 * play, speak, DTMF, CDRs, live and queued calls, and the SDK's queued-call cancel.
 */
import { ApiError } from '../core.mts';
import type { FakeServer, Handler, Reply } from '../core.mts';
import type { Args } from './arguments.mts';
import {
	badRequest,
	boolean,
	callbackTarget,
	destinations,
	httpMethod,
	integer,
	keyValueList,
	notFound,
	onlyKnown,
	oneOf,
	optionalString,
	phoneNumber,
	queryArgs,
	required,
	requiredString,
	requiredUrl,
	url,
} from './arguments.mts';
import type { PlayedElement, XmlFetch } from './callFlow.mts';
import { comparisonNames, integerComparison, timeComparison, timeWindow } from './filters.mts';
import { paginate } from './pagination.mts';
import type { PlivoState } from './index.mts';
import type { RecordingStore } from './recordings.mts';
import { RECORD_ARGUMENTS } from './recordings.mts';
import type { PlivoCore } from './state.mts';
import { apiReply, newUuid, plivoTime, sessionTime } from './state.mts';

export type CallStatus = 'queued' | 'in-progress' | 'completed';

export interface CallRecord {
	call_uuid: string;
	request_uuid: string;
	direction: 'inbound' | 'outbound';
	from: string;
	to: string;
	caller_name: string;
	status: CallStatus;
	/** The arguments the call was made with (URLs, methods, options). */
	options: Args;
	parent_call_uuid: string | null;
	initiated_at: Date;
	answered_at?: Date;
	ended_at?: Date;
	hangup_cause_name?: string;
	hangup_cause_code?: number;
	hangup_source?: string;
	/** Whether audio is playing / text is being spoken, and what DTMF was sent. */
	playing?: Args;
	speaking?: Args;
	digitsSent: Array<{ digits: string; leg: string }>;
	transfers: Args[];
	/** Set for calls the sandbox made up (CDR history), to bill them. */
	bill_duration?: number;
	stir_verification: 'Verified' | 'Not Verified' | 'Not Applicable';
	subaccount: string | null;
	feedback: Args[];
	/** XML fetched from the answer URL (then the fallback URL), and from the action URL of keys pressed, and what Plivo made of it (callFlow.mts). */
	xmlFetches?: XmlFetch[];
	/** The elements of its XML that Plivo ran, in order, and what they did (callFlow.mts). */
	xmlPlayed?: PlayedElement[];
}

/** Languages and the voices they offer, for the Speak API on calls (reference "Speak text on calls"). */
const SPEAK_VOICES: Record<string, Array<'MAN' | 'WOMAN'>> = {
	arb: ['WOMAN'],
	'cmn-CN': ['WOMAN'],
	'da-DK': ['WOMAN', 'MAN'],
	'nl-NL': ['WOMAN', 'MAN'],
	'en-AU': ['WOMAN', 'MAN'],
	'en-IN': ['WOMAN'],
	'en-GB': ['WOMAN', 'MAN'],
	'en-US': ['WOMAN', 'MAN'],
	'en-GB-WLS': ['MAN'],
	'fr-CA': ['WOMAN'],
	'fr-FR': ['WOMAN', 'MAN'],
	'de-DE': ['WOMAN', 'MAN'],
	'hi-IN': ['WOMAN'],
	'is-IS': ['WOMAN', 'MAN'],
	'it-IT': ['WOMAN', 'MAN'],
	'ja-JP': ['WOMAN', 'MAN'],
	'ko-KR': ['WOMAN'],
	'nb-NO': ['WOMAN'],
	'pl-PL': ['WOMAN', 'MAN'],
	'pt-BR': ['WOMAN', 'MAN'],
	'pt-PT': ['WOMAN', 'MAN'],
	'ro-RO': ['WOMAN'],
	'ru-RU': ['WOMAN', 'MAN'],
	'es-MX': ['WOMAN'],
	'es-ES': ['WOMAN', 'MAN'],
	'es-US': ['WOMAN', 'MAN'],
	'sv-SE': ['WOMAN'],
	'tr-TR': ['WOMAN'],
	'cy-GB': ['WOMAN'],
};

const FEEDBACK_ISSUES = [
	'AUDIO_LAG',
	'BROKEN_AUDIO',
	'CALL_DROPPED',
	'CALLERID_ISSUE',
	'DIGITS_NOT_CAPTURED',
	'ECHO',
	'HIGH_CONNECT_TIME',
	'LOW_AUDIO_LEVEL',
	'ONE_WAY_AUDIO',
	'OTHERS',
	'ROBOTIC_AUDIO',
];

const MAKE_CALL_ARGS = [
	'from',
	'to',
	'answer_url',
	'answer_method',
	'ring_url',
	'ring_method',
	'hangup_url',
	'hangup_method',
	'fallback_url',
	'fallback_method',
	'caller_name',
	'send_digits',
	'send_on_preanswer',
	'time_limit',
	'hangup_on_ring',
	'machine_detection',
	'machine_detection_time',
	'machine_detection_url',
	'machine_detection_method',
	'machine_detection_maximum_speech_length',
	'machine_detection_initial_silence',
	'machine_detection_maximum_words',
	'machine_detection_initial_greeting',
	'machine_detection_silence',
	'sip_headers',
	'ring_timeout',
	'parent_call_uuid',
	'error_if_parent_not_found',
];

const DAY_MS = 86_400_000;

/** Plivo's default outbound calls per second ("By default, all accounts come with a limit of two calls per second"). */
export const PLIVO_CALLS_PER_SECOND = 2;

export class CallStore {
	readonly calls = new Map<string, CallRecord>();
	/**
	 * Outbound calls Plivo places per second through the API (its default CPS is 2); beyond,
	 * calls are accepted and queued ("call queued"), then placed as the rate allows.
	 * `Infinity`: every call is placed at once.
	 */
	callsPerSecond = PLIVO_CALLS_PER_SECOND;
	/** Keep queued calls queued (tests of queued calls); otherwise they are placed in their turn. */
	holdQueue = false;
	/** When each queued call is placed (Plivo dequeues them per CPS). */
	private readonly placeAt = new Map<string, number>();
	/** How many API calls are placed in each second (`floor(ms / 1000)`). */
	private readonly placementsPerSecond = new Map<number, number>();

	constructor(
		private readonly core: PlivoCore,
		private readonly recordings: RecordingStore,
		/** The CPS `reset()` returns to (the sandbox's setting). */
		private readonly defaultCallsPerSecond = PLIVO_CALLS_PER_SECOND,
	) {
		this.callsPerSecond = defaultCallsPerSecond;
	}

	reset(): void {
		this.calls.clear();
		this.placeAt.clear();
		this.placementsPerSecond.clear();
		this.holdQueue = false;
		this.callsPerSecond = this.defaultCallsPerSecond;
	}

	/** Places the queued calls whose turn has come; returns them (they now ring, as Plivo places them). */
	tick(): CallRecord[] {
		if (this.holdQueue) return [];
		const now = this.core.now().getTime();
		const placed: CallRecord[] = [];
		for (const call of this.calls.values()) {
			if (call.status !== 'queued') continue;
			const turn = this.placeAt.get(call.call_uuid) ?? call.initiated_at.getTime();
			if (turn > now) continue;
			this.placeAt.delete(call.call_uuid);
			call.status = 'in-progress';
			call.answered_at = new Date(turn);
			placed.push(call);
		}
		return placed;
	}

	/**
	 * The time a call made through the API at `nowMs` is placed: Plivo places `callsPerSecond`
	 * calls in a second and the rest in the following seconds, in order ("the first 10 calls
	 * would be dequeued and processed instantly. The remaining 5 calls would be dequeued and
	 * processed with a delay of one second", Plivo's support article on call queueing). Seconds
	 * are whole clock seconds, as in that example.
	 */
	private nextPlacement(nowMs: number): number {
		if (!Number.isFinite(this.callsPerSecond)) return nowMs;
		let second = Math.floor(nowMs / 1000);
		while ((this.placementsPerSecond.get(second) ?? 0) >= this.callsPerSecond) second++;
		this.placementsPerSecond.set(second, (this.placementsPerSecond.get(second) ?? 0) + 1);
		for (const past of this.placementsPerSecond.keys())
			if (past < Math.floor(nowMs / 1000) - 60) this.placementsPerSecond.delete(past);
		return second === Math.floor(nowMs / 1000) ? nowMs : second * 1000;
	}

	/**
	 * A new outbound call. Through the API (`throttled`), calls beyond the per-second rate are
	 * queued, as Plivo does; tests that set a scene create calls that are simply in progress.
	 */
	create(
		args: Omit<Partial<CallRecord>, 'options'> & { from: string; to: string; options?: Args },
		{ throttled = false } = {},
	): CallRecord {
		const now = this.core.now();
		const turn = throttled ? this.nextPlacement(now.getTime()) : now.getTime();
		const queued = this.holdQueue || turn > now.getTime();
		const call = this.keep({
			caller_name: args.from,
			status: queued ? 'queued' : 'in-progress',
			initiated_at: now,
			answered_at: queued ? undefined : now,
			...args,
		});
		if (queued) this.placeAt.set(call.call_uuid, turn);
		return call;
	}

	/** Adds a finished call to the history, as if it had happened (CDR tests). */
	addCompleted(
		args: Partial<CallRecord> & { endedAt?: Date; durationSeconds?: number },
	): CallRecord {
		const { endedAt, durationSeconds, ...fields } = args;
		const ended = endedAt ?? this.core.now();
		const duration = durationSeconds ?? 30;
		return this.keep({
			from: '14155550100',
			to: '14155550199',
			caller_name: '14155550100',
			status: 'completed',
			initiated_at: new Date(ended.getTime() - (duration + 5) * 1000),
			answered_at: new Date(ended.getTime() - duration * 1000),
			ended_at: ended,
			hangup_cause_name: 'Normal Hangup',
			hangup_cause_code: 4000,
			hangup_source: 'Caller',
			bill_duration: duration,
			...fields,
		});
	}

	/** A new call record, with what every call starts with, kept in the store. */
	private keep(
		fields: Partial<CallRecord> &
			Pick<CallRecord, 'from' | 'to' | 'caller_name' | 'status' | 'initiated_at'>,
	): CallRecord {
		const uuid = newUuid();
		const call: CallRecord = {
			call_uuid: uuid,
			request_uuid: uuid,
			direction: 'outbound',
			options: {},
			parent_call_uuid: null,
			digitsSent: [],
			transfers: [],
			stir_verification: 'Not Applicable',
			subaccount: null,
			feedback: [],
			...fields,
		};
		this.calls.set(call.call_uuid, call);
		return call;
	}

	live(uuid: string): CallRecord {
		const call = this.calls.get(uuid);
		if (!call || call.status !== 'in-progress') throw notFound('call not found');
		return call;
	}

	hangup(call: CallRecord, source = 'API Request'): void {
		const now = this.core.now();
		call.status = 'completed';
		call.ended_at = now;
		call.hangup_source = source;
		call.hangup_cause_name = call.answered_at ? 'Normal Hangup' : 'Cancelled';
		call.hangup_cause_code = call.answered_at ? 4000 : 1010;
		call.bill_duration = call.answered_at
			? Math.max(1, Math.ceil((now.getTime() - call.answered_at.getTime()) / 1000))
			: 0;
		for (const recording of this.recordings.items) {
			if (recording.call_uuid === call.call_uuid && recording.recording_type === 'normal')
				this.recordings.stop(recording);
		}
	}

	/** The Call object of a CDR (reference, "Retrieve a call"). */
	cdr(call: CallRecord): Record<string, unknown> {
		const duration = call.bill_duration ?? 0;
		return {
			answer_time: plivoTime(call.answered_at),
			bill_duration: duration,
			billed_duration: Math.ceil(duration / 60) * 60,
			call_direction: call.direction,
			call_duration: duration,
			call_state: call.answered_at ? 'ANSWER' : 'NO ANSWER',
			call_uuid: call.call_uuid,
			conference_uuid: null,
			end_time: plivoTime(call.ended_at),
			from_number: call.from,
			hangup_cause_code: call.hangup_cause_code ?? null,
			hangup_cause_name: call.hangup_cause_name ?? null,
			hangup_source: call.hangup_source ?? null,
			initiation_time: plivoTime(call.initiated_at),
			parent_call_uuid: call.parent_call_uuid,
			resource_uri: this.core.accountPath(`/Call/${call.call_uuid}/`),
			stir_verification: call.stir_verification,
			to_number: call.to,
			total_amount: (Math.ceil(duration / 60) * 0.0085).toFixed(5),
			total_rate: '0.00850',
			stir_attestation: 'A',
			voice_network_group: '',
			source_ip: '192.0.2.10',
			// Not in the reference's CDR; every SDK fixture of a CDR has it (an empty string when
			// no CNAM lookup was made: plivo-go callGetResponse.json, plivo-node's CDR mock).
			cnam_lookup: '',
		};
	}

	/**
	 * A live call's details: the reference's "Retrieve a live call" fields, plus `request_uuid`
	 * and `stir_verification`, which the SDKs' fixtures show (plivo-go liveCallGetResponse.json,
	 * plivo-node's live call mock, plivo-python's request_uuid) and the reference's example omits.
	 */
	liveDetails(call: CallRecord): Record<string, unknown> {
		return {
			direction: call.direction,
			from: call.from,
			call_status: call.status,
			to: call.to,
			caller_name: call.caller_name,
			call_uuid: call.call_uuid,
			request_uuid: call.request_uuid,
			session_start: sessionTime(call.answered_at ?? call.initiated_at),
			stir_verification: call.stir_verification,
			stir_attestation: 'A',
		};
	}

	/** A queued call's details, field for field as the reference's "Retrieve a queued call" example. */
	queuedDetails(call: CallRecord): Record<string, unknown> {
		return {
			direction: call.direction,
			from: call.from,
			call_status: 'queued',
			to: call.to,
			caller_name: call.caller_name,
			call_uuid: call.call_uuid,
			request_uuid: call.request_uuid,
		};
	}
}

/**
 * The ids of the v1 live and queued lists. Their reference sections take no `limit`/`offset`
 * (and say at most 20 come back), but plivo-python sends `limit=20&offset=0` with both: given,
 * they page the ids like any list; not given, every id comes back, as the reference's examples
 * show no paging.
 */
function idPage(calls: CallRecord[], args: Args): string[] {
	const ids = calls.map((call) => call.call_uuid);
	if (args.limit === undefined && args.offset === undefined) return ids;
	const limit = integer(args, 'limit', 1, 20, 20)!;
	const offset = integer(args, 'offset', 0, Number.MAX_SAFE_INTEGER, 0)!;
	return ids.slice(offset, offset + limit);
}

function prefixMatch(value: string, prefix: unknown): boolean {
	return (
		typeof prefix !== 'string' || value.replace(/^\+/, '').startsWith(prefix.replace(/^\+/, ''))
	);
}

/** Checks the time and duration filters of the CDR list and returns the matching predicate. */
function cdrFilter(args: Args, now: Date): (call: CallRecord) => boolean {
	// Without a time filter, Plivo lists the last 7 days; a range spans at most 30 days.
	const inWindow = timeWindow(timeComparison(args, 'end_time'), 'end_time', now);
	const billDuration = integerComparison(args, 'bill_duration');
	return (call) => {
		const end = call.ended_at!.getTime();
		return (
			now.getTime() - end <= 90 * DAY_MS &&
			inWindow(end) &&
			billDuration.matches(call.bill_duration ?? 0)
		);
	};
}

/**
 * Play and Speak: `legs`, `loop` and `mix` say how the audio or text reaches the live call, which
 * then plays it (202).
 */
function startPlayback(
	call: CallRecord,
	body: Args,
	what: 'playing' | 'speaking',
	message: string,
): Reply {
	oneOf(body, 'legs', ['aleg', 'bleg', 'both'] as const);
	boolean(body, 'loop');
	boolean(body, 'mix');
	call[what] = { ...body };
	return apiReply(202, { message });
}

/** Stop Play and Stop Speak: no arguments; 204 whether or not something was playing. */
function stopPlayback(what: 'playing' | 'speaking'): Handler<PlivoState> {
	return ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		state.calls.live(params.callUuid)[what] = undefined;
		return { status: 204 };
	};
}

export function registerCallRoutes(server: FakeServer<PlivoState>): void {
	const base = '/v1/Account/:authId';

	server.route('POST', `${base}/Call/`, ({ body, state }) => {
		onlyKnown(body, MAKE_CALL_ARGS);
		const from = phoneNumber(body, 'from');
		const to = destinations(body, 'to');
		if (new Set(to).size > 1000) throw badRequest('to has more than 1000 unique destinations');
		requiredUrl(body, 'answer_url');
		httpMethod(body, 'answer_method');
		for (const prefix of ['ring', 'hangup', 'fallback', 'machine_detection'])
			callbackTarget(body, prefix);
		const callerName = optionalString(body, 'caller_name');
		if (callerName !== undefined && callerName.length > 50)
			throw badRequest('caller_name cannot be longer than 50 characters');
		optionalString(body, 'send_digits');
		boolean(body, 'send_on_preanswer');
		integer(body, 'time_limit', 1);
		integer(body, 'hangup_on_ring', 1);
		integer(body, 'ring_timeout', 1);
		if (
			body.machine_detection !== undefined &&
			!['true', 'hangup', true].includes(body.machine_detection as string)
		) {
			throw badRequest('machine_detection must be true or hangup');
		}
		integer(body, 'machine_detection_time', 2000, 10000);
		integer(body, 'machine_detection_maximum_speech_length', 1000, 6000);
		integer(body, 'machine_detection_initial_silence', 2000, 10000);
		integer(body, 'machine_detection_maximum_words', 2, 10);
		integer(body, 'machine_detection_initial_greeting', 1000, 5000);
		integer(body, 'machine_detection_silence', 500, 5000);
		keyValueList(body, 'sip_headers');
		const parent = optionalString(body, 'parent_call_uuid');
		const strictParent = boolean(body, 'error_if_parent_not_found', false);
		if (parent !== undefined && to.length > 1)
			throw badRequest('parent_call_uuid cannot be used with bulk calls');
		if (
			parent !== undefined &&
			strictParent &&
			state.calls.calls.get(parent)?.status !== 'in-progress'
		) {
			throw notFound('parent call not found');
		}
		const calls = to.map((destination) =>
			state.calls.create(
				{
					from,
					to: destination,
					caller_name: callerName ?? from,
					options: { ...body },
					parent_call_uuid: parent ?? null,
				},
				{ throttled: true },
			),
		);
		state.events.emit('call.created', calls);
		const queued = calls.some((call) => call.status === 'queued');
		return apiReply(200, {
			message: queued ? 'call queued' : 'call fired',
			request_uuid:
				calls.length === 1 ? calls[0].request_uuid : calls.map((call) => call.request_uuid),
		});
	});

	// GET /Call/ lists CDRs; with status=live or status=queued it lists ongoing or queued calls.
	server.route('GET', `${base}/Call/`, ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnown(args, [
			'subaccount',
			'call_direction',
			'from_number',
			'to_number',
			'parent_call_uuid',
			'hangup_cause_code',
			'hangup_source',
			'stir_verification',
			'limit',
			'offset',
			...comparisonNames('end_time'),
			...comparisonNames('bill_duration'),
		]);
		const direction = oneOf(args, 'call_direction', ['inbound', 'outbound'] as const);
		const source = oneOf(args, 'hangup_source', [
			'Caller',
			'Callee',
			'Plivo',
			'API Request',
			'Answer XML',
			'Error',
			'Unknown',
		] as const);
		const stir = oneOf(args, 'stir_verification', [
			'Verified',
			'Not Verified',
			'Not Applicable',
		] as const);
		const cause = integer(args, 'hangup_cause_code', 0);
		const matches = cdrFilter(args, state.core.now());
		const calls = [...state.calls.calls.values()]
			.filter((call) => call.status === 'completed' && matches(call))
			.filter((call) => !direction || call.direction === direction)
			.filter(
				(call) => prefixMatch(call.from, args.from_number) && prefixMatch(call.to, args.to_number),
			)
			.filter(
				(call) =>
					args.parent_call_uuid === undefined || call.parent_call_uuid === args.parent_call_uuid,
			)
			.filter((call) => args.subaccount === undefined || call.subaccount === args.subaccount)
			.filter((call) => !source || call.hangup_source === source)
			.filter((call) => !stir || call.stir_verification === stir)
			.filter((call) => cause === undefined || call.hangup_cause_code === cause)
			.sort((a, b) => b.ended_at!.getTime() - a.ended_at!.getTime());
		const page = paginate(calls, args, {
			apiId: newUuid(),
			path: state.core.accountPath('/Call/'),
		});
		// Only the page's calls become CDRs: a list of thousands is asked for twenty at a time.
		return {
			status: 200,
			body: { ...page, objects: page.objects.map((call) => state.calls.cdr(call)) },
		};
	});

	server.route(
		'GET',
		`${base}/Call/`,
		({ query, state }) => {
			const args = queryArgs(query);
			onlyKnown(args, ['status', 'call_direction', 'from_number', 'to_number', 'limit', 'offset']);
			const direction = oneOf(args, 'call_direction', ['inbound', 'outbound'] as const);
			const calls = [...state.calls.calls.values()].filter(
				(call) =>
					call.status === 'in-progress' &&
					(!direction || call.direction === direction) &&
					prefixMatch(call.from, args.from_number) &&
					prefixMatch(call.to, args.to_number),
			);
			return apiReply(200, { calls: idPage(calls, args) });
		},
		{ status: 'live' },
	);

	server.route(
		'GET',
		`${base}/Call/`,
		({ query, state }) => {
			const args = queryArgs(query);
			onlyKnown(args, ['status', 'limit', 'offset']);
			const calls = [...state.calls.calls.values()].filter((call) => call.status === 'queued');
			return apiReply(200, { calls: idPage(calls, args) });
		},
		{ status: 'queued' },
	);

	// Retrieve all live calls, v2: the calls with their details, paginated with meta.count.
	server.route(
		'GET',
		'/v2/Account/:authId/Call/',
		({ query, state }) => {
			const args = queryArgs(query);
			onlyKnown(args, ['status', 'call_direction', 'number', 'limit', 'offset']);
			const direction = oneOf(args, 'call_direction', ['inbound', 'outbound'] as const);
			const calls = [...state.calls.calls.values()].filter(
				(call) =>
					call.status === 'in-progress' &&
					(!direction || call.direction === direction) &&
					(prefixMatch(call.from, args.number) || prefixMatch(call.to, args.number)),
			);
			const page = paginate(
				// The reference's v2 example shows stir_attestation "Not Applicable" on both of its calls.
				calls.map((call) => ({
					...state.calls.liveDetails(call),
					stir_attestation: 'Not Applicable',
				})),
				args,
				{
					apiId: newUuid(),
					path: `/v2/Account/${state.core.account.authId}/Call/`,
					countKey: 'count',
					extraQuery: { status: 'live' },
				},
			);
			return { status: 200, body: page };
		},
		{ status: 'live' },
	);

	server.route('GET', `${base}/Call/:callUuid/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const call = state.calls.calls.get(params.callUuid);
		if (!call || call.status !== 'completed') throw notFound('call not found');
		return apiReply(200, state.calls.cdr(call));
	});

	server.route(
		'GET',
		`${base}/Call/:callUuid/`,
		({ params, query, state }) => {
			onlyKnown(queryArgs(query), ['status']);
			return apiReply(200, state.calls.liveDetails(state.calls.live(params.callUuid)));
		},
		{ status: 'live' },
	);

	server.route(
		'GET',
		`${base}/Call/:callUuid/`,
		({ params, query, state }) => {
			onlyKnown(queryArgs(query), ['status']);
			const call = state.calls.calls.get(params.callUuid);
			if (!call || call.status !== 'queued') throw notFound('call not found');
			return apiReply(200, state.calls.queuedDetails(call));
		},
		{ status: 'queued' },
	);

	server.route('POST', `${base}/Call/:callUuid/`, ({ params, body, state }) => {
		onlyKnown(body, ['legs', 'aleg_url', 'aleg_method', 'bleg_url', 'bleg_method']);
		const call = state.calls.live(params.callUuid);
		const legs = oneOf(body, 'legs', ['aleg', 'bleg', 'both'] as const, 'aleg')!;
		if (legs !== 'bleg') requiredUrl(body, 'aleg_url');
		if (legs !== 'aleg') requiredUrl(body, 'bleg_url');
		callbackTarget(body, 'aleg');
		callbackTarget(body, 'bleg');
		call.transfers.push({ ...body });
		return apiReply(202, { message: 'call transferred' });
	});

	server.route('DELETE', `${base}/Call/:callUuid/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const call = state.calls.calls.get(params.callUuid);
		if (!call || call.status === 'completed') throw notFound('call not found');
		state.calls.hangup(call);
		state.events.emit('call.ended', call);
		return { status: 204 };
	});

	server.route('DELETE', `${base}/Request/:requestUuid/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const call = [...state.calls.calls.values()].find(
			(candidate) => candidate.request_uuid === params.requestUuid && candidate.status === 'queued',
		);
		if (!call) throw notFound('request not found');
		state.calls.hangup(call);
		return { status: 204 };
	});

	server.route('POST', `${base}/Call/:callUuid/Record/`, ({ params, body, state }) => {
		onlyKnown(body, ['time_limit', ...RECORD_ARGUMENTS]);
		const call = state.calls.live(params.callUuid);
		integer(body, 'time_limit', 1);
		return state.recordings.startRequested(
			body,
			{
				recording_type: 'normal',
				call_uuid: call.call_uuid,
				from_number: call.from,
				to_number: call.to,
				subaccount: call.subaccount,
			},
			'call recording started',
		);
	});

	server.route('DELETE', `${base}/Call/:callUuid/Record/`, ({ params, query, state }) => {
		const args = queryArgs(query);
		// The reference names it `URL`; plivo-node snake-cases it to `url` (and sends it in the body).
		onlyKnown(args, ['URL', 'url']);
		if (args.URL !== undefined && args.url !== undefined) throw badRequest('give URL once');
		const call = state.calls.live(params.callUuid);
		const only = optionalString(args, 'URL') ?? optionalString(args, 'url');
		const active = state.recordings.items.filter(
			(recording) =>
				recording.call_uuid === call.call_uuid &&
				recording.active &&
				(!only || recording.recording_url === only),
		);
		if (only && active.length === 0) throw notFound('recording not found');
		for (const recording of active) state.recordings.stop(recording);
		return { status: 204 };
	});

	server.route('POST', `${base}/Call/:callUuid/Play/`, ({ params, body, state }) => {
		onlyKnown(body, ['urls', 'length', 'legs', 'loop', 'mix']);
		const call = state.calls.live(params.callUuid);
		const urls = requiredString(body, 'urls').split(',');
		for (const entry of urls) url({ urls: entry.trim() }, 'urls');
		integer(body, 'length', 1);
		return startPlayback(call, body, 'playing', 'play started');
	});

	server.route('DELETE', `${base}/Call/:callUuid/Play/`, stopPlayback('playing'));

	server.route('POST', `${base}/Call/:callUuid/Speak/`, ({ params, body, state }) => {
		onlyKnown(body, ['text', 'voice', 'language', 'legs', 'loop', 'mix']);
		const call = state.calls.live(params.callUuid);
		requiredString(body, 'text');
		const voice = oneOf(body, 'voice', ['MAN', 'WOMAN'] as const, 'WOMAN')!;
		const language = oneOf(body, 'language', Object.keys(SPEAK_VOICES), 'en-US')!;
		if (!SPEAK_VOICES[language].includes(voice))
			throw badRequest(`voice ${voice} is not available for language ${language}`);
		return startPlayback(call, body, 'speaking', 'speak started');
	});

	server.route('DELETE', `${base}/Call/:callUuid/Speak/`, stopPlayback('speaking'));

	server.route('POST', `${base}/Call/:callUuid/DTMF/`, ({ params, body, state }) => {
		onlyKnown(body, ['digits', 'leg']);
		const call = state.calls.live(params.callUuid);
		const digits = requiredString(body, 'digits');
		const leg = oneOf(body, 'leg', ['aleg', 'bleg'] as const, 'aleg')!;
		call.digitsSent.push({ digits, leg });
		return apiReply(202, { message: 'digits sent' });
	});

	// Call-quality feedback lives on the stats host (stats.plivo.com), outside the account path.
	server.route('POST', '/v1/Call/:callUuid/Feedback/', ({ params, body, state }) => {
		onlyKnown(body, ['rating', 'issues', 'notes']);
		const call = state.calls.calls.get(params.callUuid);
		if (!call) throw notFound('call not found');
		const rawRating = required(body, 'rating');
		const rating = typeof rawRating === 'string' ? Number(rawRating) : rawRating;
		if (typeof rating !== 'number' || Number.isNaN(rating) || rating < 1 || rating > 5) {
			throw new ApiError(422, 'rating must be a number between 1 and 5');
		}
		const issues = body.issues;
		if (
			issues !== undefined &&
			(!Array.isArray(issues) || issues.some((issue) => !FEEDBACK_ISSUES.includes(issue as string)))
		) {
			throw new ApiError(422, `issues must be a list of: ${FEEDBACK_ISSUES.join(', ')}`);
		}
		if (rating < 5 && (!Array.isArray(issues) || issues.length === 0)) {
			throw new ApiError(422, 'issues is required when rating is less than 5');
		}
		optionalString(body, 'notes');
		call.feedback.push({ ...body });
		return apiReply(201, { message: 'Feedback has been posted', status: 'success' });
	});
}
