/**
 * A small HTTP server core for API fakes: routing with path parameters, a log of every request,
 * and knobs to inject faults and latency. Provider-specific behaviour (auth, body format, error
 * shape) is supplied by the fake built on it (see ./plivo).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';

export type Query = Record<string, string | string[]>;

/** Everything the server received, kept for assertions. */
export interface RecordedRequest {
	id: string;
	method: string;
	/** Path without the query string, as sent (not decoded). */
	path: string;
	/** The raw query string, without `?`. */
	rawQuery: string;
	query: Query;
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** The parsed body (JSON or form), or undefined when empty or unparseable. */
	body: unknown;
	/** HTTP Basic credentials, if any. */
	auth?: { username: string; password: string };
	receivedAt: number;
	/** Status the server answered with (set once answered). */
	status?: number;
	/** The body the server answered with (set once answered). */
	responseBody?: unknown;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Close the connection instead of answering (a network error for the client). */
	resetConnection?: boolean;
}

/**
 * A request the fake refuses: it answers `status` with its provider's error body for `message`
 * (`SandboxHooks.errorBody`), so that checks can be shared by fakes whose error bodies differ.
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

export function badRequest(message: string): ApiError {
	return new ApiError(400, message);
}

export function notFound(message: string): ApiError {
	return new ApiError(404, message);
}

/** 429 with `Retry-After` in whole seconds (at least 1), rounded up so that waiting it is enough. */
export function tooManyRequests(message: string, retryAfterMs: number): ApiError {
	return new ApiError(429, message, {
		'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
	});
}

/** The sandbox's clock. Tests may move time; everything in a sandbox reads it from here. */
export class SandboxClock {
	clockOffsetMs = 0;
	/**
	 * When set, time stands still at this instant (plus `clockOffsetMs`): tests of rates then
	 * depend on the offsets they set, never on how fast the machine sends requests.
	 */
	frozenAtMs: number | undefined = undefined;

	now(): Date {
		return new Date((this.frozenAtMs ?? Date.now()) + this.clockOffsetMs);
	}

	/** Stops time at the current instant (or the one given); `clockOffsetMs` still moves it. */
	freeze(at: Date = new Date()): void {
		this.frozenAtMs = at.getTime();
		this.clockOffsetMs = 0;
	}
}

/** At most `limit` requests in any span of `windowMs` milliseconds. */
export interface RateLimit {
	limit: number;
	windowMs: number;
}

/**
 * A rate limit per key (an account), as a token bucket: each key starts with `limit` requests
 * and earns them back at `limit` per `windowMs` (300 per 5 s: a burst of 300, then 60 a second).
 *
 * Plivo documents "300 API requests per 5 seconds" without saying how it counts them. A bucket
 * is the reading under which that is a sustained rate (60 a second) after a burst, the reading
 * the node's scheduler paces to; a fixed or sliding window would refuse part of what a bucket
 * accepts right after a burst, and a client that slows down on 429 (as the node does) gets
 * through either way. Refused requests are not counted: a client that waits as told
 * (`Retry-After`) gets through.
 */
export class TokenBucketLimiter {
	private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

	/** `undefined`: no limit. */
	constructor(public limit: RateLimit | undefined) {}

	/**
	 * Counts a request for `key` at `nowMs`. Returns 0 when it is accepted, otherwise how many
	 * milliseconds until one would be.
	 */
	take(key: string, nowMs: number): number {
		const limit = this.limit;
		if (!limit) return 0;
		const perMs = limit.limit / limit.windowMs;
		const bucket = this.buckets.get(key) ?? { tokens: limit.limit, atMs: nowMs };
		const tokens = Math.min(limit.limit, bucket.tokens + Math.max(0, nowMs - bucket.atMs) * perMs);
		const accepted = tokens >= 1;
		this.buckets.set(key, {
			tokens: accepted ? tokens - 1 : tokens,
			atMs: Math.max(bucket.atMs, nowMs),
		});
		return accepted ? 0 : Math.ceil((1 - tokens) / perMs);
	}

	/** Forgets what was counted: every key has its whole budget again. */
	reset(): void {
		this.buckets.clear();
	}
}

/**
 * A limit as written on a command line or in an environment variable: `300/5s`, `300/5000ms`,
 * `2` (per second), or `off` / `false` / `none` for no limit. Throws on anything else.
 */
export function parseRateLimit(text: string, name: string): RateLimit | false {
	const trimmed = text.trim().toLowerCase();
	if (['off', 'false', 'none', 'unlimited'].includes(trimmed)) return false;
	const match = /^(\d+)(?:\s*\/\s*(\d+(?:\.\d+)?)\s*(ms|s)?)?$/.exec(trimmed);
	const limit = match ? Number(match[1]) : NaN;
	if (!match || !(limit > 0))
		throw new Error(`${name} must be like 300/5s, 2 (per second) or off, not "${text}"`);
	const span = match[2] === undefined ? 1 : Number(match[2]);
	const windowMs = match[3] === 'ms' ? span : span * 1000;
	if (!(windowMs > 0)) throw new Error(`${name} needs a window longer than 0, not "${text}"`);
	return { limit, windowMs };
}

export interface RouteContext<State = unknown> {
	request: RecordedRequest;
	params: Record<string, string>;
	query: Query;
	/** The parsed body as an object (empty when there was none). */
	body: Record<string, unknown>;
	state: State;
}

export type Handler<State = unknown> = (context: RouteContext<State>) => Reply | Promise<Reply>;

interface Route<State> {
	method: string;
	pattern: RegExp;
	keys: string[];
	/** Matches only when every listed query argument has the listed value (e.g. status=live). */
	queryMatch?: Record<string, string>;
	handler: Handler<State>;
}

export interface Fault {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** How many requests it hits before it is used up (default 1). */
	times?: number;
	method?: string;
	/** Only requests whose path contains this text. */
	pathIncludes?: string;
	/**
	 * `before` answers without handling the request (the API refused it); `after` handles it,
	 * changing state, and then answers with the fault instead (the answer got lost).
	 */
	when?: 'before' | 'after';
}

export interface SandboxHooks<State> {
	/** Runs before routing; throw ApiError to refuse (auth, …). */
	authenticate?: (request: RecordedRequest, state: State) => void;
	/** Parses the body; throw ApiError for a malformed one. */
	parseBody: (request: RecordedRequest) => Record<string, unknown>;
	/** The provider's error body for a status and message. */
	errorBody: (status: number, message: string) => unknown;
	/**
	 * The budget an authenticated request is counted against (the account), or undefined for a
	 * request that is not rate limited. Runs after `authenticate`.
	 */
	rateLimitKey?: (request: RecordedRequest, state: State) => string | undefined;
	/** The refusal of a request beyond the rate limit (429 with Retry-After). */
	rateLimited?: (retryAfterMs: number) => ApiError;
	/** The sandbox's time, for the rate limit (default: the real time). */
	now?: () => Date;
	/** Every route matches with and without a final slash. */
	optionalTrailingSlash?: boolean;
	/** Adjusts a routed request's arguments before its handler runs (what a provider tolerates). */
	normalize?: (context: RouteContext<State>) => void;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `/Call/:callUuid/` or, with a literal suffix after a parameter, `/Conferences/:sid.json`.
 * With `optionalSlash`, a path matches with and without a final `/`.
 */
function compile(path: string, optionalSlash = false): { pattern: RegExp; keys: string[] } {
	const keys: string[] = [];
	const source = path
		.split('/')
		.map((segment) => {
			const parameter = /^:(\w+)(.*)$/.exec(segment);
			if (!parameter) return escapeRegExp(segment);
			keys.push(parameter[1]);
			return parameter[2] ? `([^/]+?)${escapeRegExp(parameter[2])}` : '([^/]+)';
		})
		.join('/');
	const ending = optionalSlash ? `${source.replace(/\/$/, '')}/?` : source;
	return { pattern: new RegExp(`^${ending}$`), keys };
}

export function parseQuery(raw: string): Query {
	const query: Query = {};
	for (const [key, value] of new URLSearchParams(raw)) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

function basicAuth(header: string | undefined): RecordedRequest['auth'] {
	if (!header?.startsWith('Basic ')) return undefined;
	const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Best-effort parse for the log: JSON or form, whatever the provider accepts. */
function readableBody(raw: string, contentType: string | undefined): unknown {
	if (raw === '') return undefined;
	if (contentType?.includes('application/x-www-form-urlencoded')) return parseQuery(raw);
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return undefined;
	}
}

/** Stops a server at once: open connections are closed, not waited for. */
/** A host as a URL writes it: an IPv6 address in brackets. */
export function urlHost(host: string): string {
	return isIPv6(host) ? `[${host}]` : host;
}

export async function closeServer(server: Server): Promise<void> {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export class FakeServer<State> {
	readonly requests: RecordedRequest[] = [];
	readonly faults: Fault[] = [];
	/** Added to every answer, in milliseconds. */
	latencyMs = 0;
	/** The API's request rate limit, per `SandboxHooks.rateLimitKey`; none until the fake sets one. */
	readonly rateLimiter = new TokenBucketLimiter(undefined);
	private readonly routes: Array<Route<State>> = [];
	private server?: Server;
	private host = '127.0.0.1';

	constructor(
		readonly state: State,
		private readonly hooks: SandboxHooks<State>,
	) {}

	route(
		method: string,
		path: string,
		handler: Handler<State>,
		queryMatch?: Record<string, string>,
	): this {
		this.routes.push({
			method,
			...compile(path, this.hooks.optionalTrailingSlash),
			handler,
			queryMatch,
		});
		return this;
	}

	/** Adds a fault that hits the next matching request(s). */
	injectFault(fault: Fault): this {
		this.faults.push({ times: 1, when: 'before', ...fault });
		return this;
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	/**
	 * Forgets the requests, the faults not yet used, the latency and the requests counted against
	 * the rate limit (not the limit itself): the server as it started.
	 */
	reset(): void {
		this.clearRequests();
		this.faults.length = 0;
		this.latencyMs = 0;
		this.rateLimiter.reset();
	}

	/** Requests whose path contains the text (and that used the method, if given). */
	requestsTo(pathIncludes: string, method?: string): RecordedRequest[] {
		return this.requests.filter(
			(request) => request.path.includes(pathIncludes) && (!method || request.method === method),
		);
	}

	/** Where it listens: the address it was given (an IPv6 one in brackets), else 127.0.0.1. */
	get url(): string {
		const address = this.server?.address() as AddressInfo | null;
		if (!address) throw new Error('The sandbox is not listening');
		return `http://${urlHost(this.host)}:${address.port}`;
	}

	async listen(port = 0, host = '127.0.0.1'): Promise<string> {
		// A wildcard address listens everywhere; callers reach it on the loopback interface.
		this.host = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
		this.server = createServer((request, response) => {
			void this.handle(request, response);
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, host, () => resolve());
		});
		return this.url;
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		await closeServer(server);
	}

	private takeFault(request: RecordedRequest): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method === request.method) &&
				(!fault.pathIncludes || request.path.includes(fault.pathIncludes)),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private faultReply(fault: Fault): Reply {
		return {
			status: fault.status,
			body: fault.body ?? this.hooks.errorBody(fault.status, `injected ${fault.status}`),
			headers: fault.headers,
		};
	}

	private countAgainstRateLimit(request: RecordedRequest): void {
		const key = this.hooks.rateLimitKey?.(request, this.state);
		if (key === undefined) return;
		const waitMs = this.rateLimiter.take(key, (this.hooks.now?.() ?? new Date()).getTime());
		if (waitMs > 0)
			throw this.hooks.rateLimited?.(waitMs) ?? tooManyRequests('Too many requests', waitMs);
	}

	private async dispatch(request: RecordedRequest): Promise<Reply> {
		const fault = this.takeFault(request);
		if (fault?.when === 'before') return this.faultReply(fault);
		try {
			this.hooks.authenticate?.(request, this.state);
			this.countAgainstRateLimit(request);
			const candidates = this.routes.filter((route) => route.pattern.test(request.path));
			if (candidates.length === 0) throw notFound('Resource not found');
			const byMethod = candidates.filter((route) => route.method === request.method);
			if (byMethod.length === 0) throw new ApiError(405, 'Method not allowed');
			const route =
				byMethod.find(
					(candidate) =>
						candidate.queryMatch &&
						Object.entries(candidate.queryMatch).every(
							([key, value]) => request.query[key] === value,
						),
				) ?? byMethod.find((candidate) => !candidate.queryMatch);
			if (!route) throw notFound('Resource not found');
			const match = route.pattern.exec(request.path)!;
			const params = Object.fromEntries(
				route.keys.map((key, index) => [key, decodeURIComponent(match[index + 1])]),
			);
			const body = this.hooks.parseBody(request);
			const context = { request, params, query: { ...request.query }, body, state: this.state };
			this.hooks.normalize?.(context);
			const reply = await route.handler(context);
			return fault ? this.faultReply(fault) : reply;
		} catch (error) {
			if (fault) return this.faultReply(fault);
			if (error instanceof ApiError) {
				return {
					status: error.status,
					body: this.hooks.errorBody(error.status, error.message),
					headers: error.headers,
				};
			}
			const message = error instanceof Error ? error.message : String(error);
			return { status: 500, body: this.hooks.errorBody(500, `sandbox failure: ${message}`) };
		}
	}

	private async handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
		const rawUrl = incoming.url ?? '/';
		const queryStart = rawUrl.indexOf('?');
		const rawBody = await readBody(incoming);
		const request: RecordedRequest = {
			id: randomUUID(),
			method: (incoming.method ?? 'GET').toUpperCase(),
			path: queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart),
			rawQuery: queryStart < 0 ? '' : rawUrl.slice(queryStart + 1),
			query: {},
			headers: incoming.headers,
			rawBody,
			body: undefined,
			auth: basicAuth(incoming.headers.authorization),
			receivedAt: Date.now(),
		};
		request.query = parseQuery(request.rawQuery);
		request.body = readableBody(rawBody, incoming.headers['content-type']);
		this.requests.push(request);
		const reply = await this.dispatch(request);
		if (reply.resetConnection) {
			incoming.socket.destroy();
			return;
		}
		if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
		request.status = reply.status;
		request.responseBody = reply.body;
		const hasBody = reply.body !== undefined && reply.status !== 204;
		const payload = hasBody
			? typeof reply.body === 'string' || Buffer.isBuffer(reply.body)
				? reply.body
				: JSON.stringify(reply.body)
			: '';
		response.writeHead(reply.status, {
			...(hasBody
				? {
						'Content-Type': Buffer.isBuffer(reply.body)
							? 'application/octet-stream'
							: typeof reply.body === 'string'
								? 'text/plain'
								: 'application/json',
					}
				: {}),
			...reply.headers,
		});
		response.end(payload);
	}
}
