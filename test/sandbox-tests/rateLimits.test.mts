/**
 * The sandboxes limit requests as the providers do, so that a client's pacing can be tested
 * against them: Plivo's 300 API requests per 5 s per account (429 beyond) and 2 outbound calls
 * placed per second (the rest queued, then placed). Time is
 * the sandbox's own (frozen, moved by offsets): nothing here depends on the machine's speed.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { basicAuth } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { TokenBucketLimiter, parseRateLimit } from '../sandbox/core.mts';
import { PLIVO_REQUEST_LIMIT, PlivoSandbox, plivoLimits } from '../sandbox/plivo/index.mts';
import { PLIVO_CALLS_PER_SECOND } from '../sandbox/plivo/calls.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

interface Answer {
	status: number;
	retryAfter: string | null;
	body: Record<string, unknown>;
}

/** A request to a Plivo sandbox's account, as the given account (default: the sandbox's own). */
async function plivo(
	target: PlivoSandbox,
	method: string,
	path: string,
	body?: unknown,
): Promise<Answer> {
	const { authId, authToken } = target.account;
	const response = await fetch(`${target.url}/v1/Account/${authId}${path}`, {
		method,
		headers: {
			Authorization: basicAuth(authId, authToken),
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		retryAfter: response.headers.get('retry-after'),
		body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
	};
}

/** `count` cheap API requests (Get Account), sent in parallel batches; their statuses. */
async function burst(target: PlivoSandbox, count: number): Promise<number[]> {
	const statuses: number[] = [];
	for (let sent = 0; sent < count; sent += 50) {
		const batch = Array.from({ length: Math.min(50, count - sent) }, () =>
			plivo(target, 'GET', '/'),
		);
		statuses.push(...(await Promise.all(batch)).map((answer) => answer.status));
	}
	return statuses;
}

const makeCall = (to: string) => ({
	from: '14155550100',
	to,
	answer_url: 'http://127.0.0.1:9/answer',
});

/** Freezes the sandbox's clock 100 ms into a whole second, so that calls made now share that second. */
function freezeInSecond(target: PlivoSandbox): void {
	target.state.core.freeze(new Date(Math.floor(Date.now() / 1000) * 1000 + 100));
}

describe('Plivo: 300 API requests per 5 seconds per account', () => {
	it('runs with Plivo’s limits unless told otherwise', () => {
		expect(plivoLimits({}, {})).toEqual({
			requests: { limit: 300, windowMs: 5000 },
			callsPerSecond: 2,
		});
		expect(sandbox.server.rateLimiter.limit).toEqual(PLIVO_REQUEST_LIMIT);
		expect(sandbox.state.calls.callsPerSecond).toBe(PLIVO_CALLS_PER_SECOND);
	});

	it('answers the 301st request of a burst with 429, Retry-After and Plivo’s error body; once a request’s worth has refilled it succeeds', async () => {
		sandbox.state.core.freeze();
		expect(new Set(await burst(sandbox, 300))).toEqual(new Set([200]));

		const refused = await plivo(sandbox, 'GET', '/');
		expect(refused).toEqual({
			status: 429,
			retryAfter: '1',
			body: { api_id: expect.any(String), error: 'Too many requests' },
		});
		// Making a call counts too (Plivo's current account-limits guide), and is refused before it acts.
		expect((await plivo(sandbox, 'POST', '/Call/', makeCall('14155550101'))).status).toBe(429);
		expect(sandbox.state.calls.calls.size).toBe(0);

		// 60 a second: one request's worth takes 16.7 ms.
		sandbox.state.core.clockOffsetMs = 16;
		expect((await plivo(sandbox, 'GET', '/')).status).toBe(429);
		sandbox.state.core.clockOffsetMs = 17;
		expect(await plivo(sandbox, 'GET', '/')).toMatchObject({ status: 200, retryAfter: null });
	});

	it('counts with a bucket: a burst of 300, then 60 a second, and never more than 300 saved up', async () => {
		sandbox.state.core.freeze();
		expect(new Set(await burst(sandbox, 300))).toEqual(new Set([200]));
		const accepted = (statuses: number[]) => statuses.filter((status) => status === 200).length;
		// A second later, 60 more (a window-based count would take none, or 300).
		sandbox.state.core.clockOffsetMs = 1_000;
		expect(accepted(await burst(sandbox, 61))).toBe(60);
		// Four seconds more: 240.
		sandbox.state.core.clockOffsetMs = 5_000;
		expect(accepted(await burst(sandbox, 241))).toBe(240);
		// However long the account stays idle, the next burst is at most 300.
		sandbox.state.core.clockOffsetMs = 600_000;
		expect(accepted(await burst(sandbox, 301))).toBe(300);
	});

	it('keeps a budget per account: another account is not slowed down', async () => {
		const other = await PlivoSandbox.start({
			account: { authId: 'MAOTHERACCOUNT000002', authToken: 'other-token' },
		});
		try {
			sandbox.state.core.freeze();
			other.state.core.freeze();
			await burst(sandbox, 300);
			expect((await plivo(sandbox, 'GET', '/')).status).toBe(429);
			expect((await plivo(other, 'GET', '/')).status).toBe(200);
		} finally {
			await other.close();
		}
		// The limiter itself counts each key apart.
		const limiter = new TokenBucketLimiter({ limit: 1, windowMs: 5000 });
		expect([limiter.take('MAONE', 0), limiter.take('MATWO', 0), limiter.take('MAONE', 10)]).toEqual(
			[0, 0, 4990],
		);
	});

	it('does not limit the sandbox’s own controls, nor count requests that fail to authenticate', async () => {
		sandbox.state.core.freeze();
		const wrong = await Promise.all(
			Array.from({ length: 20 }, () =>
				fetch(`${sandbox.url}/v1/Account/${sandbox.account.authId}/`, {
					headers: { Authorization: basicAuth(sandbox.account.authId, 'wrong') },
				}),
			),
		);
		expect(new Set(wrong.map((response) => response.status))).toEqual(new Set([401]));
		expect(new Set(await burst(sandbox, 300))).toEqual(new Set([200]));
		const control = await fetch(`${sandbox.url}/_sandbox/digits?digits=1`, { method: 'POST' });
		expect(control.status).not.toBe(429);
		expect((await plivo(sandbox, 'GET', '/')).status).toBe(429);
	});
});

describe('Plivo: 2 outbound calls placed per second, the rest queued', () => {
	it('accepts every call, answers those beyond 2 a second as queued, and places them as the rate allows', async () => {
		freezeInSecond(sandbox);
		const answers = await Promise.all(
			['01', '02', '03', '04', '05'].map((end) =>
				plivo(sandbox, 'POST', '/Call/', makeCall(`141555501${end}`)),
			),
		);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
		expect(answers.map((answer) => answer.body.message).sort()).toEqual([
			'call fired',
			'call fired',
			'call queued',
			'call queued',
			'call queued',
		]);
		for (const answer of answers)
			expect(answer.body).toEqual({
				api_id: expect.any(String),
				message: answer.body.message,
				request_uuid: expect.any(String),
			});

		const queuedIds = async () =>
			((await plivo(sandbox, 'GET', '/Call/?status=queued')).body.calls as string[]).length;
		const liveIds = async () =>
			((await plivo(sandbox, 'GET', '/Call/?status=live')).body.calls as string[]).length;
		expect([await liveIds(), await queuedIds()]).toEqual([2, 3]);

		// A queued call, as the reference shows one: its request_uuid and call_status "queued".
		const queued = [...sandbox.state.calls.calls.values()].find(
			(call) => call.status === 'queued',
		)!;
		const detail = await plivo(sandbox, 'GET', `/Call/${queued.call_uuid}/?status=queued`);
		expect(detail.body).toMatchObject({
			call_status: 'queued',
			call_uuid: queued.call_uuid,
			request_uuid: queued.request_uuid,
		});
		expect((await plivo(sandbox, 'GET', `/Call/${queued.call_uuid}/?status=live`)).status).toBe(
			404,
		);

		// Two more are placed at the start of each following second, in order (the clock stands 100 ms into a second).
		sandbox.state.core.clockOffsetMs = 899;
		expect([await liveIds(), await queuedIds()]).toEqual([2, 3]);
		sandbox.state.core.clockOffsetMs = 900;
		expect([await liveIds(), await queuedIds()]).toEqual([4, 1]);
		sandbox.state.core.clockOffsetMs = 1_900;
		expect([await liveIds(), await queuedIds()]).toEqual([5, 0]);
		expect(
			(await plivo(sandbox, 'GET', `/Call/${queued.call_uuid}/?status=live`)).body,
		).toMatchObject({ call_status: 'in-progress', request_uuid: queued.request_uuid });
	});

	it('rings a queued call once it is placed: its answer URL is fetched then, not before', async () => {
		freezeInSecond(sandbox);
		for (const end of ['01', '02', '03'])
			await plivo(sandbox, 'POST', '/Call/', makeCall(`141555501${end}`));
		await sandbox.state.callbacks.idle();
		const third = [...sandbox.state.calls.calls.values()].find((call) => call.status === 'queued')!;
		expect(third.xmlFetches).toBeUndefined();
		sandbox.state.core.clockOffsetMs = 900;
		await plivo(sandbox, 'GET', '/Call/?status=live');
		await sandbox.state.callbacks.idle();
		expect(third.status).toBe('in-progress');
		expect(third.xmlFetches?.[0]).toMatchObject({ url: 'http://127.0.0.1:9/answer' });
	});

	it('can be cancelled while queued (DELETE Request/{request_uuid}/), and is then never placed', async () => {
		freezeInSecond(sandbox);
		const answers = [];
		for (const end of ['01', '02', '03'])
			answers.push(await plivo(sandbox, 'POST', '/Call/', makeCall(`141555501${end}`)));
		expect(answers[2].body.message).toBe('call queued');
		expect(
			(await plivo(sandbox, 'DELETE', `/Request/${String(answers[2].body.request_uuid)}/`)).status,
		).toBe(204);
		sandbox.state.core.clockOffsetMs = 900;
		expect(
			((await plivo(sandbox, 'GET', '/Call/?status=live')).body.calls as string[]).length,
		).toBe(2);
	});
});

describe('switching the limits', () => {
	afterEach(() => {
		vi.unstubAllEnvs();
	});

	async function withSandbox(
		options: Parameters<typeof PlivoSandbox.start>[0],
		check: (target: PlivoSandbox) => Promise<void>,
	): Promise<void> {
		const target = await PlivoSandbox.start(options);
		try {
			freezeInSecond(target);
			await check(target);
		} finally {
			await target.close();
		}
	}

	const unlimited = async (target: PlivoSandbox) => {
		expect(new Set(await burst(target, 301))).toEqual(new Set([200]));
		const messages = [];
		for (const end of ['01', '02', '03'])
			messages.push(
				(await plivo(target, 'POST', '/Call/', makeCall(`141555501${end}`))).body.message,
			);
		expect(messages).toEqual(['call fired', 'call fired', 'call fired']);
	};

	it('by constructor option: off, or other values', async () => {
		await withSandbox({ limits: false }, unlimited);
		await withSandbox({ limits: { requests: false, callsPerSecond: false } }, unlimited);
		await withSandbox(
			{ limits: { requests: { limit: 2, windowMs: 1000 }, callsPerSecond: 1 } },
			async (target) => {
				expect((await plivo(target, 'POST', '/Call/', makeCall('14155550101'))).body.message).toBe(
					'call fired',
				);
				expect((await plivo(target, 'POST', '/Call/', makeCall('14155550102'))).body.message).toBe(
					'call queued',
				);
				expect(await plivo(target, 'GET', '/')).toMatchObject({ status: 429, retryAfter: '1' });
			},
		);
	});

	it('by environment variable', async () => {
		vi.stubEnv('PLIVO_SANDBOX_RATE_LIMIT', 'off');
		vi.stubEnv('PLIVO_SANDBOX_CPS', 'off');
		await withSandbox({}, unlimited);
		vi.stubEnv('PLIVO_SANDBOX_RATE_LIMIT', '3/10s');
		vi.stubEnv('PLIVO_SANDBOX_CPS', '5');
		expect(plivoLimits()).toEqual({ requests: { limit: 3, windowMs: 10_000 }, callsPerSecond: 5 });
		// An option given wins over the environment.
		expect(plivoLimits({ requests: false })).toEqual({ requests: false, callsPerSecond: 5 });
		vi.stubEnv('PLIVO_SANDBOX_CPS', 'fast');
		expect(() => plivoLimits()).toThrow(
			'PLIVO_SANDBOX_CPS must be like 300/5s, 2 (per second) or off, not "fast"',
		);
	});

	it('parses the written forms', () => {
		expect(parseRateLimit('300/5s', 'x')).toEqual({ limit: 300, windowMs: 5000 });
		expect(parseRateLimit('300/5000ms', 'x')).toEqual({ limit: 300, windowMs: 5000 });
		expect(parseRateLimit('2', 'x')).toEqual({ limit: 2, windowMs: 1000 });
		expect(parseRateLimit('OFF', 'x')).toBe(false);
		expect(() => parseRateLimit('0/5s', 'x')).toThrow();
		expect(() => parseRateLimit('300/0s', 'x')).toThrow();
	});

	it('by `npm run sandbox` flag', async () => {
		const port = await freePort();
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'test/sandbox/cli.mts', '--rate-limit=2/60s', '--cps=off'],
			{
				env: {
					...process.env,
					PORT: String(port),
					PLIVO_SANDBOX_RATE_LIMIT: '',
					PLIVO_SANDBOX_CPS: '',
				},
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		try {
			let output = '';
			child.stdout.setEncoding('utf8');
			child.stdout.on('data', (chunk: string) => (output += chunk));
			while (!output.includes('Press Ctrl-C')) await once(child.stdout, 'data');
			expect(output).toContain('Limits: 2 API requests per 60 s; no call queueing.');
			const target = {
				url: `http://127.0.0.1:${port}`,
				account: {
					authId: 'MASANDBOX0000000001',
					authToken: 'sandbox-auth-token-0123456789abcdef',
				},
			} as PlivoSandbox;
			expect((await plivo(target, 'POST', '/Call/', makeCall('14155550101'))).body.message).toBe(
				'call fired',
			);
			expect((await plivo(target, 'POST', '/Call/', makeCall('14155550102'))).body.message).toBe(
				'call fired',
			);
			// 2 per 60 s: one request's worth refills every 30 s.
			expect(await plivo(target, 'GET', '/')).toMatchObject({
				status: 429,
				retryAfter: expect.stringMatching(/^(29|30)$/),
			});
		} finally {
			child.kill('SIGTERM');
			await once(child, 'exit');
		}
	});
});

async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}
