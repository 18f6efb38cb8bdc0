/**
 * Bulk runs at Plivo's limits, through n8n-core's RoutingNode against the sandbox running with
 * Plivo's own limits (300 requests per 5 s per account, 2 calls placed per second): nothing is
 * lost, no request is refused, and a 429 that comes anyway holds back every request to the
 * account. How fast this goes is measured by the benchmark (`npm run bench`), not here.
 */
import { describe, expect, it } from 'vitest';

import { useSandbox } from '../harness/useSandbox.mts';
import { itemsOf, paired } from '../harness/common.mts';
import { MAKE_CALL, runPlivoVoice } from '../harness/plivo.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** A minute: a thousand requests at 60 a second take about 12 s, on a busy machine longer. */
const BULK_TIMEOUT = 60_000;

function refusedForRate(): number {
	return sandbox.requests.filter((request) => request.status === 429).length;
}

describe('a thousand items at Plivo’s limits', () => {
	it(
		'Get CDR × 1,000: every item answered, in order, not one request refused, each prepared near its turn',
		{ timeout: BULK_TIMEOUT },
		async () => {
			const cdrs = Array.from({ length: 1000 }, (_, index) =>
				sandbox.state.calls.addCompleted({ durationSeconds: index + 1 }),
			);
			// Each read of an item's call UUID (n8n's, then the node's as it builds the path) notes how
			// many requests Plivo had received by then.
			const receivedAtRead: number[][] = cdrs.map(() => []);
			const items = itemsOf(1000, (index) => {
				const json = {};
				Object.defineProperty(json, 'call_uuid', {
					enumerable: true,
					get: () => {
						receivedAtRead[index].push(sandbox.requests.length);
						return cdrs[index].call_uuid;
					},
				});
				return json;
			});
			const output = await runPlivoVoice(
				sandbox,
				{ resource: 'call', operation: 'get', callUuid: '={{ $json.call_uuid }}' },
				{ items },
			);
			// The last items' paths were built after most requests had reached Plivo: the node
			// does not prepare the whole run before sending its first request.
			expect(Math.max(...receivedAtRead[999])).toBeGreaterThan(500);
			expect(output).toHaveLength(1000);
			expect(output.map((item) => item.json.call_uuid)).toEqual(cdrs.map((cdr) => cdr.call_uuid));
			expect(output.map((item) => item.pairedItem)).toEqual(
				output.map((_, index) => paired(index)),
			);
			expect(sandbox.requests).toHaveLength(1000);
			expect(refusedForRate()).toBe(0);
		},
	);

	it(
		'Make Call × 1,000: every call accepted; those beyond 2 a second come back queued, as Plivo answers',
		{ timeout: BULK_TIMEOUT },
		async () => {
			const output = await runPlivoVoice(
				sandbox,
				{ ...MAKE_CALL, to: '={{ $json.to }}' },
				{ items: itemsOf(1000, (index) => ({ to: `1415600${String(index).padStart(4, '0')}` })) },
			);
			expect(output).toHaveLength(1000);
			expect(output.filter((item) => item.error)).toEqual([]);
			const messages = output.map((item) => item.json.message);
			expect(new Set(messages)).toEqual(new Set(['call fired', 'call queued']));
			expect(messages.filter((message) => message === 'call queued').length).toBeGreaterThan(900);
			expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(1000);
			expect(refusedForRate()).toBe(0);
		},
	);
});

describe('Return All of a long list', () => {
	it(
		'asks for the pages of a list that tells its total at once, keeps their order, and asks for no empty page',
		{ timeout: BULK_TIMEOUT },
		async () => {
			// Plivo lists the newest first: the first made here ended last.
			const now = Date.now();
			const cdrs = Array.from({ length: 2000 }, (_, index) =>
				sandbox.state.calls.addCompleted({
					endedAt: new Date(now - index * 1000),
					durationSeconds: 5,
				}),
			);
			const latencyMs = 400;
			sandbox.server.latencyMs = latencyMs;
			const output = await runPlivoVoice(sandbox, {
				resource: 'call',
				operation: 'getMany',
				returnAll: true,
			});
			expect(output.map((item) => item.json.call_uuid)).toEqual(cdrs.map((cdr) => cdr.call_uuid));
			// At once: after the first page (which tells the total), the others arrive before the second
			// is answered. A page at a time, each would wait for the answer to the one before, the
			// sandbox's whole latency: the bound is that latency, not a guess at the machine's speed.
			const [firstPage, secondPage, ...rest] = sandbox.requests.map(
				(request) => request.receivedAt,
			);
			expect(
				rest.filter((receivedAt) => receivedAt - secondPage < latencyMs).length,
			).toBeGreaterThan(3);
			expect(secondPage - firstPage).toBeGreaterThanOrEqual(latencyMs);
			const offsets = sandbox.requests.map((request) => Number(request.query.offset));
			expect(offsets).toHaveLength(100);
			expect([...offsets].sort((a, b) => a - b)).toEqual(
				Array.from({ length: 100 }, (_, page) => page * 20),
			);
			expect(refusedForRate()).toBe(0);
		},
	);
});

describe('a 429 that comes anyway', () => {
	it('holds back every request to the account for as long as Plivo asks, not only the refused one', async () => {
		const call = sandbox.state.calls.addCompleted({ durationSeconds: 5 });
		sandbox.server.injectFault({
			status: 429,
			headers: { 'Retry-After': '2' },
			body: { api_id: 'x', error: 'Too many requests' },
		});
		const first = runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'get',
			callUuid: call.call_uuid,
		});
		await expect.poll(() => sandbox.requests.length).toBe(1);
		// Another run for the same account, started while the first waits.
		const second = runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'get',
			callUuid: call.call_uuid,
		});
		const outputs = await Promise.all([first, second]);
		expect(outputs.map((output) => output[0].json.call_uuid)).toEqual([
			call.call_uuid,
			call.call_uuid,
		]);
		const [refused, ...later] = sandbox.requests;
		expect(refused.status).toBe(429);
		expect(later).toHaveLength(2);
		for (const request of later)
			expect(request.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(1900);
	});
});
