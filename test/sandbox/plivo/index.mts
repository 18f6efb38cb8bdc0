/**
 * A local fake of Plivo's Voice API, written from Plivo's API reference
 * (shared/seeds/004_…, the MPC pages 000–002) so that tests and first workflows run with no
 * account and no network. See test/sandbox/README.md.
 */
import { EventEmitter } from 'node:events';

import type { RateLimit, RecordedRequest, RouteContext } from '../core.mts';
import { ApiError, FakeServer, badRequest, parseRateLimit, tooManyRequests } from '../core.mts';
import { ApplicationStore, registerApplicationRoutes } from './applications.mts';
import type { XmlFetch } from './callFlow.mts';
import { CallFlow } from './callFlow.mts';
import { CallbackDispatcher } from './callbacks.mts';
import type { CallRecord } from './calls.mts';
import { CallStore, PLIVO_CALLS_PER_SECOND, registerCallRoutes } from './calls.mts';
import { ConferenceStore, registerConferenceRoutes } from './conferences.mts';
import { registerControlRoutes } from './controls.mts';
import { registerMediaRoutes } from './media.mts';
import { EndpointStore, registerEndpointRoutes } from './endpoints.mts';
import { plivoError } from './errors.mts';
import { MpcStore, registerMpcRoutes } from './mpc.mts';
import { RecordingStore, registerRecordingRoutes } from './recordings.mts';
import type { PlivoAccount } from './state.mts';
import { PlivoCore, newUuid } from './state.mts';
import { StreamStore, registerStreamRoutes } from './streams.mts';
import { VerifiedCallerIdStore, registerVerifiedCallerIdRoutes } from './verifiedCallerIds.mts';

export interface PlivoState {
	core: PlivoCore;
	calls: CallStore;
	recordings: RecordingStore;
	/** Audio streams of calls. */
	streams: StreamStore;
	/** Verifications in progress (with their OTPs) and verified numbers. */
	verifiedCallerIds: VerifiedCallerIdStore;
	/** SIP endpoints. */
	endpoints: EndpointStore;
	/** Multiparty calls and their participants. */
	mpcs: MpcStore;
	/** Conferences and their members. */
	conferences: ConferenceStore;
	/** Applications: the answer and hangup URLs that numbers and SIP endpoints point at. */
	applications: ApplicationStore;
	/** What happened (call.created, call.ended, …), for whoever wants to react to it. */
	events: EventEmitter;
	/** Signed callbacks to the URLs given in requests (recording, status, answer, …). */
	callbacks: CallbackDispatcher;
}

/**
 * Plivo's API request limit: "By default, Plivo limits all accounts to 300 API requests per five
 * seconds" (account limits guide), answered beyond with 429 Too Many Requests. The guide once
 * excluded "initiate a call" from this count; its current version says it applies to "both call
 * and non-call APIs", so Make Call counts here too (a client pacing to that also passes the older
 * rule).
 */
export const PLIVO_REQUEST_LIMIT: RateLimit = { limit: 300, windowMs: 5000 };

/** Plivo's limits, each settable or switched off (`false`). */
export interface PlivoLimits {
	/** API requests per account in any window (default 300 per 5 s); `false`: unlimited. */
	requests?: RateLimit | false;
	/** Outbound API calls placed per second before the rest are queued (default 2); `false`: none queued. */
	callsPerSecond?: number | false;
}

export interface PlivoSandboxOptions {
	port?: number;
	host?: string;
	account?: Partial<PlivoAccount>;
	/**
	 * Plivo's limits (default: Plivo's own, or `PLIVO_SANDBOX_RATE_LIMIT` / `PLIVO_SANDBOX_CPS`
	 * when set); `false` switches both off.
	 */
	limits?: PlivoLimits | false;
}

/**
 * The limits a sandbox runs with: those given, else those of the environment
 * (`PLIVO_SANDBOX_RATE_LIMIT=300/5s|off`, `PLIVO_SANDBOX_CPS=2|off`), else Plivo's.
 */
export function plivoLimits(
	given: PlivoLimits | false = {},
	env: NodeJS.ProcessEnv = process.env,
): Required<PlivoLimits> {
	if (given === false) return { requests: false, callsPerSecond: false };
	const fromEnv = (name: string) => (env[name] ? parseRateLimit(env[name], name) : undefined);
	const envRequests = fromEnv('PLIVO_SANDBOX_RATE_LIMIT');
	const envCps = fromEnv('PLIVO_SANDBOX_CPS');
	return {
		requests: given.requests ?? envRequests ?? PLIVO_REQUEST_LIMIT,
		callsPerSecond:
			given.callsPerSecond ??
			(envCps === undefined
				? PLIVO_CALLS_PER_SECOND
				: envCps && (envCps.limit * 1000) / envCps.windowMs),
	};
}

const DEFAULT_ACCOUNT: PlivoAccount = {
	authId: 'MASANDBOX0000000001',
	authToken: 'sandbox-auth-token-0123456789abcdef',
	name: 'Sandbox Account',
};

function unauthorized(): ApiError {
	return new ApiError(401, 'Authentication failed: check the Auth ID and Auth Token', {
		'WWW-Authenticate': 'Basic realm="Plivo API"',
	});
}

/** `/v1/Account/{auth_id}` and what follows it (the SDKs send paths with and without a final slash). */
const ACCOUNT_PATH = /^\/v[12]\/Account\/([^/]+)(?:\/|$)/;

/**
 * Every request authenticates with HTTP Basic as the account; on account paths the Auth ID in
 * the path must be the one authenticating.
 */
function authenticate(request: RecordedRequest, state: PlivoState): void {
	const { account } = state.core;
	const accountPath = ACCOUNT_PATH.exec(request.path);
	if (!accountPath && !request.path.startsWith('/v1/Call/')) return; // unknown paths answer 404
	if (
		!request.auth ||
		request.auth.username !== account.authId ||
		request.auth.password !== account.authToken
	) {
		throw unauthorized();
	}
	if (accountPath && decodeURIComponent(accountPath[1]) !== account.authId) throw unauthorized();
	const placed = state.calls.tick();
	if (placed.length > 0) state.events.emit('call.placed', placed);
}

/**
 * Requests to Plivo's API count against their account's limit; the sandbox's own controls
 * (`/_sandbox/…`) and unknown paths do not. Runs once the request has authenticated.
 */
function rateLimitKey(request: RecordedRequest, state: PlivoState): string | undefined {
	const isApi = ACCOUNT_PATH.test(request.path) || request.path.startsWith('/v1/Call/');
	return isApi ? state.core.account.authId : undefined;
}

/**
 * Plivo's 429: the reference lists "429 Too many requests, rate limited" and gives every error
 * the body `{api_id, error}`; neither it nor the SDKs (which have no 429 handling) quote the
 * text, so the status line's words are used. Plivo documents no Retry-After either: the sandbox
 * sends one (whole seconds until a request’s worth has refilled) so that clients can be tested against it.
 */
function rateLimited(retryAfterMs: number): ApiError {
	return tooManyRequests('Too many requests', retryAfterMs);
}

/**
 * "Plivo only accepts input of the type application/json. All POST request arguments must be
 * passed as text in JSON format"; GET arguments go in the query string. DELETE arguments go in
 * the query string by the reference, but every official SDK sends them as a JSON body (plivo-node
 * and plivo-python, `{}` when there are none; plivo-go for the participant-recording stop): both
 * are accepted (`normalize` moves body arguments of a DELETE to the query).
 */
function parseBody(request: RecordedRequest): Record<string, unknown> {
	const raw = request.rawBody.trim();
	if (request.method === 'GET') {
		if (raw !== '' && raw !== '{}')
			throw badRequest(`${request.method} arguments must be passed in the query string`);
		return {};
	}
	if (raw === '') return {};
	const contentType = request.headers['content-type'] ?? '';
	if (!contentType.toLowerCase().startsWith('application/json')) {
		throw badRequest('Plivo only accepts input of the type application/json');
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw badRequest('the request body is not valid JSON');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw badRequest('the request body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

/**
 * Path values the SDKs repeat among the arguments: plivo-python sends every argument of its
 * method, so `call_uuid`, `conference_name`, `member_id`, `friendly_name`, … come along in the
 * body (or query) of requests whose path already holds them. Plivo ignores them; so does the
 * sandbox, but only when the value is the one in the path (`friendly_name` "x" for `name_x`).
 */
const ECHOED_PATH_VALUES = [
	'call_uuid',
	'conference_name',
	'member_id',
	'participant_id',
	'friendly_name',
	'uuid',
	'phone_number',
	'recording_id',
	'endpoint_id',
	'stream_id',
	'request_uuid',
	'verification_uuid',
];

function normalize({ request, params, query, body }: RouteContext<PlivoState>): void {
	const inPath = new Set(Object.values(params));
	const echoed = (value: unknown) =>
		typeof value === 'string' &&
		(inPath.has(value) || inPath.has(`name_${value}`) || inPath.has(`uuid_${value}`));
	for (const name of ECHOED_PATH_VALUES) {
		if (echoed(query[name])) delete query[name];
		if (echoed(body[name])) delete body[name];
	}
	if (request.method === 'DELETE') {
		for (const [name, value] of Object.entries(body)) {
			if (query[name] !== undefined)
				throw badRequest(`${name} is given both in the query string and in the body`);
			query[name] = typeof value === 'string' ? value : JSON.stringify(value);
			delete body[name];
		}
	}
}

export class PlivoSandbox {
	readonly server: FakeServer<PlivoState>;
	/** Plivo's media host, serving recordings' audio without authentication (media.mts). */
	readonly media: FakeServer<PlivoState>;
	private readonly callFlow: CallFlow;

	constructor(account: Partial<PlivoAccount> = {}, limits: PlivoLimits | false = {}) {
		const { requests, callsPerSecond } = plivoLimits(limits);
		const core = new PlivoCore({ ...DEFAULT_ACCOUNT, ...account });
		const callbacks = new CallbackDispatcher(core);
		const events = new EventEmitter();
		const recordings = new RecordingStore(core, callbacks);
		const calls = new CallStore(
			core,
			recordings,
			callsPerSecond === false ? Infinity : callsPerSecond,
		);
		const state: PlivoState = {
			core,
			recordings,
			calls,
			streams: new StreamStore(core, calls, callbacks),
			verifiedCallerIds: new VerifiedCallerIdStore(core),
			endpoints: new EndpointStore(core),
			mpcs: new MpcStore({ core, calls, recordings, callbacks, events }),
			conferences: new ConferenceStore(core, calls, recordings, events),
			applications: new ApplicationStore(core),
			events,
			callbacks,
		};
		// A call that ends stops its streams (and their StopStream callbacks go out) at once.
		state.events.on('call.ended', () => state.streams.settle());
		this.server = new FakeServer(state, {
			authenticate,
			parseBody,
			errorBody: (_status, message) => plivoError(message),
			rateLimitKey,
			rateLimited,
			now: () => core.now(),
			// plivo-go sends every path without its final slash, plivo-python every path with one,
			// plivo-node some of each (live and queued call get, stream get and stop, MPC get and
			// OTP verification without): Plivo answers both, whatever its reference writes.
			optionalTrailingSlash: true,
			normalize,
		});
		this.server.rateLimiter.limit = requests || undefined;
		this.server.route('GET', '/v1/Account/:authId/', ({ state: { core: current } }) => ({
			status: 200,
			body: {
				api_id: newUuid(),
				account_type: 'standard',
				address: '',
				auth_id: current.account.authId,
				auto_recharge: false,
				billing_mode: 'prepaid',
				cash_credits: '100.00000',
				city: '',
				name: current.account.name,
				resource_uri: current.accountPath('/'),
				state: '',
				timezone: 'UTC',
			},
		}));
		registerCallRoutes(this.server);
		registerStreamRoutes(this.server);
		registerVerifiedCallerIdRoutes(this.server);
		registerEndpointRoutes(this.server);
		registerMpcRoutes(this.server);
		registerConferenceRoutes(this.server);
		registerRecordingRoutes(this.server);
		registerApplicationRoutes(this.server);
		this.callFlow = new CallFlow(state);
		registerControlRoutes(this.server, this.callFlow);
		this.media = new FakeServer(state, {
			parseBody: () => ({}),
			errorBody: (_status, message) => plivoError(message),
		});
		registerMediaRoutes(this.media);
	}

	static async start(options: PlivoSandboxOptions = {}): Promise<PlivoSandbox> {
		const sandbox = new PlivoSandbox(options.account, options.limits);
		await sandbox.server.listen(options.port ?? 0, options.host);
		sandbox.state.core.mediaBaseUrl = await sandbox.media.listen(0, options.host);
		return sandbox;
	}

	get state(): PlivoState {
		return this.server.state;
	}

	get account(): PlivoAccount {
		return this.state.core.account;
	}

	get url(): string {
		return this.server.url;
	}

	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	/**
	 * A call comes in on a number or endpoint pointing at the application: Plivo fetches the
	 * application's answer URL (signed), in the background; `state.callbacks.idle()` waits for it.
	 */
	receiveInboundCall(call: { from: string; to: string; appId: string }): CallRecord {
		return this.callFlow.receiveInboundCall(call);
	}

	/**
	 * The caller of a call in progress presses keys while its XML gathers them (GetDigits, or
	 * GetInput for DTMF): Plivo sends them, signed, to the element's action URL and runs the XML
	 * that comes back. Resolves with that fetch, also kept in `call.xmlFetches`.
	 */
	async enterDigits(callUuid: string, digits: string): Promise<XmlFetch | undefined> {
		return await this.callFlow.enterDigits(this.call(callUuid), digits);
	}

	/**
	 * The caller of a call in progress speaks while its XML listens (GetInput with inputType
	 * speech): Plivo sends the words, signed, to the element's action URL and runs its XML.
	 */
	async speak(callUuid: string, speech: string): Promise<XmlFetch | undefined> {
		return await this.callFlow.speak(this.call(callUuid), speech);
	}

	/**
	 * The caller of a call whose XML runs a Record leaves a message of `seconds`: the recording is
	 * kept, its callback notified, and the Record's action URL asked how the call goes on.
	 */
	async finishRecording(callUuid: string, seconds: number): Promise<XmlFetch | undefined> {
		return await this.callFlow.finishRecording(this.call(callUuid), seconds);
	}

	private call(callUuid: string): CallRecord {
		const call = this.state.calls.calls.get(callUuid);
		if (!call) throw new Error(`The sandbox has no call ${callUuid}`);
		return call;
	}

	/** Forgets every call, recording, application, request and fault: a fresh account, same address. */
	reset(): void {
		this.state.calls.reset();
		this.state.mpcs.reset();
		this.state.conferences.reset();
		this.state.applications.reset();
		this.state.recordings.reset();
		this.state.streams.reset();
		this.state.verifiedCallerIds.reset();
		this.state.endpoints.reset();
		this.state.callbacks.reset();
		this.state.core.clockOffsetMs = 0;
		this.state.core.frozenAtMs = undefined;
		this.server.reset();
		this.media.reset();
	}

	async close(): Promise<void> {
		await this.state.callbacks.idle();
		this.state.events.removeAllListeners();
		await this.server.close();
		await this.media.close();
	}
}
