/**
 * The request runner's promises, through n8n-core's real routing against the sandbox: a request
 * that may have acted is never sent twice in one execution, even when n8n's "Retry On Fail" runs
 * the node again; errors say what was and was not sent; Retry-After is read as RFC 9110 says;
 * redirects are not followed; errors carry nothing of the request's configuration.
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { inspect } from 'node:util';

import fc from 'fast-check';
import type { NodeApiError } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { parseRetryAfter } from '../../lib/kit/errors';
import { retryWaitSeconds } from '../../lib/kit/transport';
import { failure } from '../harness/common.mts';
import { basicAuthHeader, liveCall, MAKE_CALL, runPlivoVoice } from '../harness/plivo.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** n8n's "Retry On Fail" at its most: five tries of the node in the same execution. */
const retryOnFail = { maxTries: 5 };

const posts = () => sandbox.requests.filter((request) => request.method === 'POST');

/** Servers a test starts besides the sandbox, closed after it. */
const servers: Server[] = [];
afterEach(async () => {
	await Promise.all(
		servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
	);
});

async function listen(server: Server): Promise<string> {
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Everything an error holds, its causes and every property n8n may store or show (`cause`,
 * `context`, `errorResponse`, …), hidden ones included.
 */
function wholeChain(error: unknown): string {
	return inspect(error, { depth: 12, showHidden: true, breakLength: Infinity });
}

describe('n8n’s Retry On Fail never sends a request that may have acted again', () => {
	it('a call whose answer was a 500 is placed once, and every try fails with the same advice', async () => {
		sandbox.server.injectFault({ status: 500, method: 'POST', when: 'after' });
		let tries = 1;
		const error = await failure(
			runPlivoVoice(sandbox, MAKE_CALL, { retryOnFail, beforeRetry: () => void tries++ }),
		);
		expect(tries).toBe(5);
		expect(posts()).toHaveLength(1);
		expect(sandbox.state.calls.calls.size).toBe(1);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect((error as NodeApiError).description).toMatch(
			/^Plivo answered HTTP 500 \(api_id [^)]+\)\. It was not sent again: Plivo may already have acted on it \(for example, placed the call\)\. Check the call logs/,
		);
	});

	it('a call that timed out is placed once', async () => {
		sandbox.server.latencyMs = 600;
		const error = await failure(
			runPlivoVoice(
				sandbox,
				{ ...MAKE_CALL, requestOptions: { timeout: 150 } },
				{ retryOnFail: { maxTries: 3 } },
			),
		);
		// Let the sandbox finish the call it got.
		await new Promise((resolve) => setTimeout(resolve, 800));
		expect(error.message).toBe('The request to Plivo timed out');
		expect((error as NodeApiError).description).toMatch(
			/It was not sent again: .*Check the call logs/,
		);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.state.calls.calls.size).toBe(1);
	});

	it('a call whose connection was reset is placed once', async () => {
		let connections = 0;
		const resetting = createTcpServer((socket) => {
			connections++;
			socket.once('data', () => socket.resetAndDestroy());
		});
		const baseUrl = await listen(resetting);
		const error = await failure(
			runPlivoVoice(sandbox, MAKE_CALL, { credentials: { baseUrl }, retryOnFail: { maxTries: 3 } }),
		);
		expect(error.message).toBe('Could not reach Plivo');
		expect((error as NodeApiError).description).toMatch(
			/^Network error ECONNRESET\. It was not sent again/,
		);
		expect(connections).toBe(1);
	});

	it('the items that were answered are not sent again when another item’s error makes n8n retry', async () => {
		sandbox.server.injectFault({ status: 503, method: 'POST', when: 'after' });
		const items = [
			{ json: { to: '14155550101' } },
			{ json: { to: '14155550102' } },
			{ json: { to: '14155550103' } },
		];
		const error = await failure(
			runPlivoVoice(
				sandbox,
				{ ...MAKE_CALL, to: '={{ $json.to }}' },
				{ items, retryOnFail: { maxTries: 3 } },
			),
		);
		expect((error as NodeApiError).httpCode).toBe('503');
		// One POST per item across three tries; each item placed its call once.
		expect(posts()).toHaveLength(3);
		expect(sandbox.state.calls.calls.size).toBe(3);
		expect(new Set(posts().map((request) => (request.body as { to: string }).to)).size).toBe(3);
	});

	it('a retry gives the answered items their first answer again (Continue On Fail)', async () => {
		const [first, second] = [liveCall(sandbox).call_uuid, liveCall(sandbox).call_uuid];
		// The first item's request gets a 500 (after Plivo acted); the second is answered.
		sandbox.server.injectFault({
			status: 500,
			method: 'POST',
			pathIncludes: `/Call/${first}/Speak/`,
			when: 'after',
		});
		const items = [{ json: { uuid: first } }, { json: { uuid: second } }];
		const parameters = {
			resource: 'call',
			operation: 'speakText',
			callUuid: '={{ $json.uuid }}',
			text: 'Hello',
		};
		let retries = 0;
		const output = await runPlivoVoice(sandbox, parameters, {
			items,
			continueOnFail: true,
			retryOnFail: { maxTries: 2 },
			beforeRetry: () => void retries++,
		});
		// n8n retried (the first output item was an error item), and nothing was sent again.
		expect(retries).toBe(1);
		expect(posts().map((request) => request.status)).toEqual(expect.arrayContaining([500, 202]));
		expect(posts()).toHaveLength(2);
		expect(output[0].json.description).toMatch(/It was not sent again/);
		expect(output[1].json).toEqual(posts().find((request) => request.status !== 500)!.responseBody);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a request Plivo refused (4xx) did nothing, and is sent again by a retry', async () => {
		sandbox.server.injectFault({ status: 400, method: 'POST', when: 'before' });
		const output = await runPlivoVoice(sandbox, MAKE_CALL, { retryOnFail: { maxTries: 2 } });
		expect(posts().map((request) => request.status)).toEqual([400, 200]);
		expect(output[0].json.message).toBe('call fired');
	});

	it('each call of the node as an agent’s tool places its call, though the calls share the agent’s run', async () => {
		const sharedExecuteData = {};
		await runPlivoVoice(sandbox, MAKE_CALL, { sharedExecuteData, items: [{ json: { call: 1 } }] });
		await runPlivoVoice(sandbox, MAKE_CALL, { sharedExecuteData, items: [{ json: { call: 2 } }] });
		expect(posts()).toHaveLength(2);
		expect(sandbox.state.calls.calls.size).toBe(2);
	});

	it('another execution is another run: the same request is sent again', async () => {
		await runPlivoVoice(sandbox, MAKE_CALL, { retryOnFail });
		await runPlivoVoice(sandbox, MAKE_CALL, { retryOnFail });
		expect(posts()).toHaveLength(2);
		expect(sandbox.state.calls.calls.size).toBe(2);
	});
});

describe('with several items and Continue On Fail off, errors say what was sent', () => {
	it('an item refused before sending says that it was not sent, and that the others were', async () => {
		const items = [
			{ json: { to: '14155550101' } },
			{ json: { to: 'not-a-number' } },
			{ json: { to: '14155550103' } },
		];
		const error = await failure(
			runPlivoVoice(sandbox, { ...MAKE_CALL, to: '={{ $json.to }}' }, { items }),
		);
		expect(error.message).toMatch(/‘not-a-number’ in the ‘To’ field/);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect((error as NodeApiError).description).toMatch(
			/^This item was not sent to Plivo\. The node's other items were still sent .* their results are not shown because the node stopped/,
		);
		expect(posts()).toHaveLength(2);
	});

	it('a single refused item says only that it was not sent', async () => {
		const error = await failure(runPlivoVoice(sandbox, { ...MAKE_CALL, to: 'not-a-number' }));
		expect((error as NodeApiError).description).toBe('This item was not sent to Plivo.');
	});
});

describe('Retry-After', () => {
	it('is read as RFC 9110 says: whole seconds or an HTTP-date in any of its three forms', () => {
		const now = Date.parse('2026-03-01T12:00:00Z');
		expect(parseRetryAfter('0', now)).toBe(0);
		expect(parseRetryAfter(' 120 ', now)).toBe(120);
		expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30);
		expect(parseRetryAfter('Sunday, 01-Mar-26 12:00:30 GMT', now)).toBe(30);
		expect(parseRetryAfter('Sun Mar  1 12:00:30 2026', now)).toBe(30);
		expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter(['7'], now)).toBe(7);
	});

	it.each([
		['-5'],
		['2, 7'],
		['1.5'],
		['soon'],
		['+3'],
		['Sun, 31 Feb 2026 12:00:00 GMT'],
		['2026-03-01T12:00:30Z'],
		[''],
		[['1', '2']],
	])('%j is no instruction: the runner falls back to its backoff', (value) => {
		expect(parseRetryAfter(value)).toBeUndefined();
	});

	it('whole seconds are read exactly, whatever they are', () => {
		fc.assert(fc.property(fc.nat(), (seconds) => parseRetryAfter(String(seconds)) === seconds));
	});

	it('an IMF-fixdate is the time until that date, and never negative', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2090-01-01') }),
				fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2090-01-01') }),
				(at, now) => {
					const date = new Date(at);
					const wholeSeconds = Math.floor(at / 1000) * 1000;
					return (
						parseRetryAfter(date.toUTCString(), now) === Math.max(0, (wholeSeconds - now) / 1000)
					);
				},
			),
		);
	});

	it('negative numbers, fractions and lists are never read as a wait', () => {
		fc.assert(
			fc.property(fc.integer({ max: -1 }), fc.nat(), fc.nat({ max: 99 }), (negative, a, b) =>
				[String(negative), `${a}, ${b}`, `${a},${b}`, `${a}.${b + 1}`].every(
					(value) => parseRetryAfter(value) === undefined,
				),
			),
		);
	});

	it('any text gives a wait of zero or more seconds, or nothing', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const seconds = parseRetryAfter(text);
				return seconds === undefined || (Number.isFinite(seconds) && seconds >= 0);
			}),
		);
	});

	it('the backoff without Retry-After is jittered between half and all of its step, and capped', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10 }), (attempt) => {
				const step = 2 ** attempt;
				const wait = retryWaitSeconds(attempt);
				return wait >= Math.min(step / 2, 30) && wait <= Math.min(step, 30);
			}),
		);
		const waits = new Set(Array.from({ length: 20 }, () => retryWaitSeconds(3)));
		expect(waits.size).toBeGreaterThan(1);
	});

	it('a negative Retry-After is not taken as “now”: the runner waits its backoff', async () => {
		sandbox.server.injectFault({ status: 429, headers: { 'Retry-After': '-5' }, method: 'GET' });
		await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'getLive',
			callUuid: liveCall(sandbox).call_uuid,
		});
		const [refused, answered] = sandbox.requests;
		expect([refused.status, answered.status]).toEqual([429, 200]);
		// The first backoff step is one second, jittered down to half of it at least.
		expect(answered.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(450);
	});
});

describe('a stopped execution stops waiting', () => {
	// After a 429 the run waits in the account's scheduler, whose own test covers a stop there.
	it('ends the wait before the next try after a 5xx at once, and sends nothing more', async () => {
		// Plivo asks for 30 s: a run that did not hear the stop would wait them out, then send again.
		sandbox.server.injectFault({ status: 503, headers: { 'Retry-After': '30' }, method: 'GET' });
		const execution = new AbortController();
		const run = runPlivoVoice(
			sandbox,
			{ resource: 'call', operation: 'getLive', callUuid: liveCall(sandbox).call_uuid },
			{ signal: execution.signal },
		);
		await expect.poll(() => sandbox.requests.length).toBe(1);
		const stopped = new Error('The execution was stopped');
		execution.abort(stopped);
		const settled = await Promise.race([
			run.then(
				() => 'answered',
				(error: unknown) => error,
			),
			new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2000)),
		]);
		expect(settled).toMatchObject({ message: stopped.message });
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('redirects are not followed: the credential stays with Plivo', () => {
	for (const [operation, parameters] of [
		['a call placed (POST)', MAKE_CALL],
		['a call read (GET)', { resource: 'call', operation: 'get', callUuid: 'abc' }],
	] as const) {
		it(`${operation} answered with a 307 to another origin`, async () => {
			const elsewhere: IncomingHttpHeaders[] = [];
			const target = await listen(
				createHttpServer((request, response) => {
					elsewhere.push(request.headers);
					response
						.writeHead(200, { 'Content-Type': 'application/json' })
						.end('{"message":"call fired"}');
				}),
			);
			sandbox.server.injectFault({ status: 307, headers: { Location: `${target}/steal` } });
			const error = await failure(runPlivoVoice(sandbox, parameters));
			expect(elsewhere).toEqual([]);
			expect(error.message).toBe(
				'The API answered with a redirect (HTTP 307), which was not followed',
			);
			expect((error as NodeApiError).description).toContain(`It pointed to ${target}/steal.`);
			expect(wholeChain(error)).not.toContain(sandbox.account.authToken);
		});
	}
});

describe('errors carry nothing of the request: no configuration, headers or credentials', () => {
	const token = () => sandbox.account.authToken;
	const basic = () => basicAuthHeader(sandbox).slice('Basic '.length);

	it.each([
		['an unusable base URL, on a POST', MAKE_CALL, { baseUrl: 'not a url' }],
		[
			'an unusable base URL, on a GET',
			{ resource: 'call', operation: 'getManyQueued', returnAll: true },
			{ baseUrl: 'not a url' },
		],
		['a refused connection', MAKE_CALL, { baseUrl: 'http://127.0.0.1:1' }],
	] as const)('%s', async (_name, parameters, credentials) => {
		const error = await failure(runPlivoVoice(sandbox, parameters, { credentials }));
		const chain = wholeChain(error);
		expect(chain).not.toContain(token());
		expect(chain).not.toContain(basic());
		expect(chain).not.toMatch(/authorization/i);
	});

	it('a TLS failure (an https URL to a plain HTTP server), on a POST and a GET', async () => {
		const baseUrl = sandbox.url.replace(/^http:/, 'https:');
		for (const parameters of [MAKE_CALL, { resource: 'call', operation: 'get', callUuid: 'abc' }]) {
			const error = await failure(runPlivoVoice(sandbox, parameters, { credentials: { baseUrl } }));
			const chain = wholeChain(error);
			expect(chain).not.toContain(token());
			expect(chain).not.toContain(basic());
			expect(chain).not.toMatch(/authorization/i);
		}
	});

	it('a 5xx answer to a POST', async () => {
		sandbox.server.injectFault({ status: 500, method: 'POST' });
		const error = await failure(runPlivoVoice(sandbox, MAKE_CALL));
		const chain = wholeChain(error);
		expect(chain).not.toContain(token());
		expect(chain).not.toContain(basic());
		expect(chain).not.toMatch(/authorization/i);
	});

	it('a timeout', async () => {
		sandbox.server.latencyMs = 400;
		const error = await failure(
			runPlivoVoice(sandbox, { ...MAKE_CALL, requestOptions: { timeout: 100 } }),
		);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const chain = wholeChain(error);
		expect(chain).not.toContain(token());
		expect(chain).not.toMatch(/authorization/i);
	});
});
