/**
 * sendPaced, the retry policy for requests a node sends itself, where the sandbox cannot reach:
 * an execution cancelled while a request waits for its next try. What it sends and when, against
 * the sandbox, is tested through the list searches (test/plivo/listSearch.test.mts) and the
 * trigger's registration (test/trigger/registration.test.mts). Time is faked here.
 */
import type { IN8nHttpFullResponse } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { RequestScheduler } from '../../lib/kit/scheduler';
import { sendPaced } from '../../lib/kit/transport';

beforeEach(() => {
	vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
	vi.useRealTimers();
});

describe('a cancelled execution', () => {
	it.each([
		['the backoff after a 5xx', { statusCode: 503, headers: {}, body: {} }],
		['the pause after a 429', { statusCode: 429, headers: { 'retry-after': '5' }, body: {} }],
	])('stops %s at once and sends nothing more', async (_wait, answer: IN8nHttpFullResponse) => {
		const scheduler = new RequestScheduler({ burst: 10, refillPerSecond: 10, maxConcurrency: 10 });
		const controller = new AbortController();
		let sent = 0;
		let outcome: unknown = 'still waiting';
		void sendPaced(
			scheduler,
			async () => {
				sent++;
				return await Promise.resolve(answer);
			},
			{ repeatable: true, signal: controller.signal },
		).then(
			() => (outcome = 'answered'),
			(error: unknown) => (outcome = error),
		);
		await vi.advanceTimersByTimeAsync(0);
		expect(sent).toBe(1);
		const cancelled = new Error('cancelled');
		controller.abort(cancelled);
		// No time passes: the wait for the next try ends with the cancellation itself.
		await vi.advanceTimersByTimeAsync(0);
		expect(outcome).toBe(cancelled);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(sent).toBe(1);
	});
});
