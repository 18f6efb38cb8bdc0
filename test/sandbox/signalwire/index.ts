/**
 * A local fake of SignalWire's compatibility ("LaML") API for conferences and their
 * participants, written from SignalWire's reference (the seed page shared/seeds/003_…, and
 * shared/notes/signalwire-facts.md for the rest) so that tests and first workflows run with no
 * SignalWire space and no network. See test/sandbox/README.md.
 */
import type { RecordedRequest } from '../core';
import { ApiError, FakeServer, badRequest } from '../core';
import { queryArgs } from '../arguments';
import { ConferenceStore, registerConferenceRoutes } from './conferences';
import { signalWireError } from './errors';
import type { SignalWireProject } from './state';
import { API_ROOT, SignalWireCore } from './state';

export interface SignalWireState {
	core: SignalWireCore;
	conferences: ConferenceStore;
}

const DEFAULT_PROJECT: SignalWireProject = {
	projectId: 'a1b2c3d4-0000-4000-8000-5a4db0c5e001',
	apiToken: 'PTsandbox0123456789abcdef0123456789abcdef',
};

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
	if (request.auth?.username !== projectId || request.auth.password !== apiToken) throw unauthorized();
	if (decodeURIComponent(account[1]) !== projectId) throw unauthorized();
}

/**
 * POST arguments are form-encoded (`application/x-www-form-urlencoded`), with the API's
 * PascalCase names; GET and DELETE arguments go in the query string.
 */
function parseBody(request: RecordedRequest): Record<string, unknown> {
	const raw = request.rawBody.trim();
	if (request.method !== 'POST') {
		if (raw !== '') throw badRequest(`${request.method} arguments must be passed in the query string`);
		return {};
	}
	if (request.rawQuery !== '') throw badRequest('POST arguments must be passed in the form-encoded body, not in the query string');
	if (raw === '') return {};
	const contentType = (request.headers['content-type'] ?? '').toLowerCase();
	if (!contentType.startsWith('application/x-www-form-urlencoded')) {
		throw badRequest('POST arguments must be form-encoded (Content-Type: application/x-www-form-urlencoded)');
	}
	return queryArgs(request.body as Record<string, string | string[]>);
}

export class SignalWireSandbox {
	readonly server: FakeServer<SignalWireState>;

	constructor(project: Partial<SignalWireProject> = {}) {
		const core = new SignalWireCore({ ...DEFAULT_PROJECT, ...project });
		this.server = new FakeServer<SignalWireState>(
			{ core, conferences: new ConferenceStore(core) },
			{ authenticate, parseBody, errorBody: signalWireError },
		);
		registerConferenceRoutes(this.server);
	}

	static async start(options: { port?: number; host?: string; project?: Partial<SignalWireProject> } = {}): Promise<SignalWireSandbox> {
		const sandbox = new SignalWireSandbox(options.project);
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
		this.server.reset();
	}

	async close(): Promise<void> {
		await this.server.close();
	}
}
