/**
 * A local fake of SignalWire's compatibility ("LaML") API for conferences and their
 * participants, written from SignalWire's reference (the seed page shared/seeds/003_…, and
 * shared/notes/signalwire-facts.md for the rest) so that tests and first workflows run with no
 * SignalWire space and no network. See test/sandbox/README.md.
 */
import type { RateLimit, RecordedRequest } from '../../../test/sandbox/core.mts';
import { ApiError, FakeServer, badRequest, parseRateLimit } from '../../../test/sandbox/core.mts';
import { queryArgs } from '../../../test/sandbox/arguments.mts';
import { ConferenceStore, registerConferenceRoutes } from './conferences.mts';
import { signalWireError } from './errors.mts';
import type { SignalWireProject } from './state.mts';
import { API_ROOT, SignalWireCore } from './state.mts';

export interface SignalWireState {
	core: SignalWireCore;
	conferences: ConferenceStore;
}

const DEFAULT_PROJECT: SignalWireProject = {
	projectId: 'a1b2c3d4-0000-4000-8000-5a4db0c5e001',
	apiToken: 'PTsandbox0123456789abcdef0123456789abcdef',
};

/**
 * SignalWire's API limits (its "Rate limits" guide): "POST PUT PATCH: 13800 requests per 10
 * seconds", "GET DELETE: Effectively unlimited", for all API requests of a space. Its 1 call per
 * second does not apply: this sandbox makes no calls. Beyond, 429 with SignalWire's error body
 * (code 20429, the Twilio numbering the API keeps) and Retry-After (the guide names neither; it
 * mentions "X-Header"s with the limit, whose names it does not give, so none are sent).
 */
export const SIGNALWIRE_WRITE_LIMIT: RateLimit = { limit: 13_800, windowMs: 10_000 };

export interface SignalWireLimits {
	/** POST requests per project in any window (default 13800 per 10 s); `false`: unlimited. */
	writes?: RateLimit | false;
}

export interface SignalWireSandboxOptions {
	port?: number;
	host?: string;
	project?: Partial<SignalWireProject>;
	/** SignalWire's limits (default: SignalWire's own, or `SIGNALWIRE_SANDBOX_RATE_LIMIT`); `false`: none. */
	limits?: SignalWireLimits | false;
}

/** The write limit a sandbox runs with: the one given, else `SIGNALWIRE_SANDBOX_RATE_LIMIT`, else SignalWire's. */
export function signalWireWriteLimit(
	given: SignalWireLimits | false = {},
	env: NodeJS.ProcessEnv = process.env,
): RateLimit | false {
	if (given === false) return false;
	const fromEnv = env.SIGNALWIRE_SANDBOX_RATE_LIMIT;
	return (
		given.writes ??
		(fromEnv ? parseRateLimit(fromEnv, 'SIGNALWIRE_SANDBOX_RATE_LIMIT') : SIGNALWIRE_WRITE_LIMIT)
	);
}

/** Writes under the project count against its limit; reads and deletes are not limited. */
function rateLimitKey(request: RecordedRequest, state: SignalWireState): string | undefined {
	if (!['POST', 'PUT', 'PATCH'].includes(request.method) || !ACCOUNT_IN_PATH.test(request.path))
		return undefined;
	return state.core.project.projectId;
}

function unauthorized(): ApiError {
	return new ApiError(401, 'Authentication failed', {
		'WWW-Authenticate': 'Basic realm="SignalWire"',
	});
}

/**
 * Every request under an account authenticates with HTTP Basic: the Project ID as user name, the
 * API token as password; the AccountSid in the path must be that project.
 */
const ACCOUNT_IN_PATH = new RegExp(`^${API_ROOT}/([^/]+?)(?:\\.json)?(?:/|$)`);

function authenticate(request: RecordedRequest, state: SignalWireState): void {
	const account = ACCOUNT_IN_PATH.exec(request.path);
	if (!account) return; // unknown paths answer 404
	const { projectId, apiToken } = state.core.project;
	if (request.auth?.username !== projectId || request.auth.password !== apiToken)
		throw unauthorized();
	if (decodeURIComponent(account[1]) !== projectId) throw unauthorized();
}

/**
 * POST arguments are form-encoded (`application/x-www-form-urlencoded`), with the API's
 * PascalCase names; GET and DELETE arguments go in the query string.
 */
function parseBody(request: RecordedRequest): Record<string, unknown> {
	const raw = request.rawBody.trim();
	if (request.method !== 'POST') {
		if (raw !== '')
			throw badRequest(`${request.method} arguments must be passed in the query string`);
		return {};
	}
	if (request.rawQuery !== '')
		throw badRequest(
			'POST arguments must be passed in the form-encoded body, not in the query string',
		);
	if (raw === '') return {};
	const contentType = (request.headers['content-type'] ?? '').toLowerCase();
	if (!contentType.startsWith('application/x-www-form-urlencoded')) {
		throw badRequest(
			'POST arguments must be form-encoded (Content-Type: application/x-www-form-urlencoded)',
		);
	}
	return queryArgs(request.body as Record<string, string | string[]>);
}

export class SignalWireSandbox {
	readonly server: FakeServer<SignalWireState>;

	constructor(project: Partial<SignalWireProject> = {}, limits: SignalWireLimits | false = {}) {
		const core = new SignalWireCore({ ...DEFAULT_PROJECT, ...project });
		this.server = new FakeServer<SignalWireState>(
			{ core, conferences: new ConferenceStore(core) },
			{ authenticate, parseBody, errorBody: signalWireError, rateLimitKey, now: () => core.now() },
		);
		this.server.rateLimiter.limit = signalWireWriteLimit(limits) || undefined;
		registerConferenceRoutes(this.server);
	}

	static async start(options: SignalWireSandboxOptions = {}): Promise<SignalWireSandbox> {
		const sandbox = new SignalWireSandbox(options.project, options.limits);
		await sandbox.server.listen(options.port ?? 0, options.host);
		return sandbox;
	}

	get state(): SignalWireState {
		return this.server.state;
	}

	get project(): SignalWireProject {
		return this.state.core.project;
	}

	/** What to enter as the credential's Space URL: the sandbox's full address. */
	get url(): string {
		return this.server.url;
	}

	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	/** Forgets every conference, request and fault: a fresh project, same address. */
	reset(): void {
		this.state.conferences.reset();
		this.state.core.clockOffsetMs = 0;
		this.state.core.frozenAtMs = undefined;
		this.server.reset();
	}

	async close(): Promise<void> {
		await this.server.close();
	}
}
