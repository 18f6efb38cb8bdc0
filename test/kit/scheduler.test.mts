/**
 * The request scheduler: a shared budget per account (burst, then a steady refill), a bound on
 * requests in flight, and a pause for everybody after a 429. Time is n8n-free and faked here.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { RequestScheduler, accountScheduler, policyForLimit } from '../../lib/kit/scheduler';

beforeEach(() => {
	vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
	vi.useRealTimers();
});

/** Starts `count` requests that take `durationMs` each; returns the times they started. */
function startRequests(scheduler: RequestScheduler, count: number, durationMs = 0, counted = true) {
	const started: number[] = [];
	const done = Promise.all(
		Array.from(
			{ length: count },
			async () =>
				await scheduler.run(
					async () => {
						started.push(Date.now());
						await new Promise((resolve) => setTimeout(resolve, durationMs));
					},
					{ counted },
				),
		),
	);
	return { started, done };
}

/**
 * Whether start times conform to a token bucket of `burst` refilled with `perSecond` (the shape
 * of the API's limit): between any two starts, at most the burst plus what refilled meanwhile.
 */
function conforms(times: number[], burst: number, perSecond: number): boolean {
	const sorted = [...times].sort((a, b) => a - b);
	for (let first = 0; first < sorted.length; first++) {
		for (let last = first; last < sorted.length; last++) {
			const allowed = burst + ((sorted[last] - sorted[first]) / 1000) * perSecond;
			if (last - first + 1 > allowed + 1e-9) return false;
		}
	}
	return true;
}

describe('pacing to a documented limit', () => {
	it('sends a burst, then paces to the refill rate: 1,000 requests at 300 per 5 s', async () => {
		const policy = policyForLimit(300, 5, 50);
		const scheduler = new RequestScheduler(policy);
		const { started, done } = startRequests(scheduler, 1000, 50);
		await vi.runAllTimersAsync();
		await done;
		expect(started).toHaveLength(1000);
		// The burst starts at once (bounded by the slots), then 60 a second.
		expect(started.filter((time) => time < 1000).length).toBeGreaterThanOrEqual(policy.burst);
		// Never more than the API's own bucket allows (300, refilled with 60 a second).
		expect(conforms(started, 300, 60)).toBe(true);
		// The documented burst and rate, spent as the answers come back (50 ms): the limit's floor
		// (the 300 burst, then 60 a second: 11.7 s), the answers still due, and wake-ups rounded to
		// whole milliseconds. (A rate 5% below the limit took 12.5 s.)
		const floorMs = ((1000 - 300) / 60) * 1000;
		expect(policy).toMatchObject({ burst: 300, refillPerSecond: 60 });
		expect(Math.max(...started)).toBeLessThanOrEqual(floorMs + 50 + 20);
	});

	it('spends a request’s token when its answer comes back, the latest the API can have counted it', async () => {
		const scheduler = new RequestScheduler({ burst: 3, refillPerSecond: 10, maxConcurrency: 10 });
		const { started, done } = startRequests(scheduler, 5, 400);
		await vi.runAllTimersAsync();
		await done;
		// The bucket stays full until the answers at 400 ms spend it; then one more every 100 ms.
		expect(started).toEqual([0, 0, 0, 500, 600]);
	});

	it('never exceeds the API’s bucket, for any limit, request times and time each takes to arrive', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 1, max: 60 }),
				fc.integer({ min: 1, max: 5 }),
				fc.array(
					fc.record({
						// When the request is made, how long until it arrives, and until its answer.
						at: fc.integer({ min: 0, max: 3000 }),
						arrivesAfter: fc.integer({ min: 0, max: 1000 }),
						answeredAfter: fc.integer({ min: 0, max: 1500 }),
					}),
					{ minLength: 1, maxLength: 150 },
				),
				async (requests, seconds, plan) => {
					vi.setSystemTime(0);
					const scheduler = new RequestScheduler(policyForLimit(requests, seconds, 1000));
					const started: number[] = [];
					const arrivals: number[] = [];
					const all = plan.map(
						({ at, arrivesAfter, answeredAfter }) =>
							new Promise<void>((resolve) =>
								setTimeout(() => {
									void scheduler
										.run(async () => {
											started.push(Date.now());
											// The API counts it when it arrives, at the latest when it answers.
											const arrival = Math.min(arrivesAfter, answeredAfter);
											setTimeout(() => arrivals.push(Date.now()), arrival);
											await new Promise((answered) => setTimeout(answered, answeredAfter));
										})
										.then(resolve);
								}, at),
							),
					);
					await vi.runAllTimersAsync();
					await Promise.all(all);
					expect(arrivals).toHaveLength(plan.length);
					// A request may arrive as soon as it starts, or any time up to its answer.
					expect(conforms(started, requests, requests / seconds)).toBe(true);
					expect(conforms(arrivals, requests, requests / seconds)).toBe(true);
				},
			),
			{ numRuns: 200 },
		);
	});

	it('keeps at most maxConcurrency requests in flight', async () => {
		const scheduler = new RequestScheduler({
			burst: 1000,
			refillPerSecond: 1000,
			maxConcurrency: 4,
		});
		let inFlight = 0;
		let most = 0;
		const all = Array.from(
			{ length: 40 },
			async () =>
				await scheduler.run(async () => {
					inFlight++;
					most = Math.max(most, inFlight);
					await new Promise((resolve) => setTimeout(resolve, 10));
					inFlight--;
				}),
		);
		await vi.runAllTimersAsync();
		await Promise.all(all);
		expect(most).toBe(4);
	});

	it('lets requests that do not use the budget through, bounded only by the slots', async () => {
		const scheduler = new RequestScheduler({ burst: 2, refillPerSecond: 1, maxConcurrency: 100 });
		const { started, done } = startRequests(scheduler, 50, 0, false);
		await vi.runAllTimersAsync();
		await done;
		expect(Math.max(...started)).toBe(0);
	});

	it('frees the slot of a request that failed', async () => {
		const scheduler = new RequestScheduler({ burst: 10, refillPerSecond: 10, maxConcurrency: 1 });
		await expect(
			scheduler.run(async () => await Promise.reject(new Error('refused'))),
		).rejects.toThrow('refused');
		await expect(scheduler.run(async () => await Promise.resolve('sent'))).resolves.toBe('sent');
	});
});

describe('a 429 slows everybody down', () => {
	it('holds every waiting request until the wait is over, then starts from an empty budget', async () => {
		const scheduler = new RequestScheduler({ burst: 10, refillPerSecond: 10, maxConcurrency: 100 });
		scheduler.slowDown(2000);
		const { started, done } = startRequests(scheduler, 5);
		await vi.runAllTimersAsync();
		await done;
		expect(Math.min(...started)).toBeGreaterThanOrEqual(2000);
		// Empty at 2 s, one more every 100 ms.
		expect(started).toEqual([2100, 2200, 2300, 2400, 2500]);
	});

	it('is shared: another node of the same account waits too', async () => {
		const policy = { burst: 5, refillPerSecond: 5, maxConcurrency: 10 };
		const first = accountScheduler('test|https://api.example.com|ACCOUNT1', policy);
		const second = accountScheduler('test|https://api.example.com|ACCOUNT1', policy);
		const other = accountScheduler('test|https://api.example.com|ACCOUNT2', policy);
		expect(second).toBe(first);
		expect(other).not.toBe(first);
		first.slowDown(1000);
		const held = startRequests(second, 1);
		const free = startRequests(other, 1);
		await vi.runAllTimersAsync();
		await Promise.all([held.done, free.done]);
		expect(held.started[0]).toBeGreaterThanOrEqual(1000);
		expect(free.started[0]).toBe(0);
	});
});

describe('requests are prepared near their turn', () => {
	/**
	 * `count` requests that are each prepared (after `prepareWhenNear`) and then run, as the kit's
	 * preparation hook and request runner do; records when each was prepared and started.
	 */
	function prepareAndRun(scheduler: RequestScheduler, count: number, durationMs: number) {
		const prepared: number[] = [];
		const started: number[] = [];
		let mostAhead = 0;
		const done = Promise.all(
			Array.from({ length: count }, async (_, index) => {
				const preparedNow = await scheduler.prepareWhenNear();
				prepared[index] = Date.now();
				const { preparing, waiting } = scheduler.load;
				mostAhead = Math.max(mostAhead, preparing + waiting);
				preparedNow();
				await scheduler.run(async () => {
					started[index] = Date.now();
					await new Promise((resolve) => setTimeout(resolve, durationMs));
				});
			}),
		);
		return { prepared, started, done, mostAhead: () => mostAhead };
	}

	it.each([
		{ limit: '300 per 5 s', requests: 300, count: 1000, mostAhead: 50, aheadMs: 1000 },
		// One a second: at most 2 ahead, two turns and the answer time of the request before (its
		// token is spent then), not maxConcurrency (50 seconds) ahead.
		{ limit: '5 per 5 s', requests: 5, count: 20, mostAhead: 2, aheadMs: 2500 },
	])(
		'at $limit, prepares each request about a second before it starts, in order, at the same pace',
		async ({ requests, count, mostAhead, aheadMs }) => {
			const policy = policyForLimit(requests, 5, 50);
			const scheduler = new RequestScheduler(policy);
			const run = prepareAndRun(scheduler, count, 50);
			await vi.runAllTimersAsync();
			await run.done;
			expect(run.started).toHaveLength(count);
			// The pacing is the same as without preparation: the burst, then the refill rate.
			expect(conforms(run.started, policy.burst, policy.refillPerSecond)).toBe(true);
			const floorMs = ((count - policy.burst) / policy.refillPerSecond) * 1000;
			expect(Math.max(...run.started)).toBeLessThan(floorMs + 500);
			expect(run.mostAhead()).toBeLessThanOrEqual(mostAhead);
			const ahead = run.started.map((time, index) => time - run.prepared[index]);
			expect(Math.max(...ahead)).toBeLessThan(aheadMs);
			// The last one is prepared near the end of the run, not at its start.
			expect(run.prepared[count - 1]).toBeGreaterThan(floorMs - aheadMs);
			expect(run.prepared).toEqual([...run.prepared].sort((a, b) => a - b));
		},
	);

	it('lets the next request in once one says it is done, and only once if it says so twice', async () => {
		const scheduler = new RequestScheduler({ burst: 10, refillPerSecond: 10, maxConcurrency: 1 });
		const first = await scheduler.prepareWhenNear();
		let secondLetIn = false;
		const second = scheduler.prepareWhenNear().then((prepared) => {
			secondLetIn = true;
			return prepared;
		});
		await vi.advanceTimersByTimeAsync(0);
		expect(secondLetIn).toBe(false);
		first();
		first();
		await vi.advanceTimersByTimeAsync(0);
		expect(secondLetIn).toBe(true);
		(await second)();
		await vi.advanceTimersByTimeAsync(0);
		expect(scheduler.load).toEqual({ preparing: 0, waiting: 0, inFlight: 0 });
	});

	it('stops waiting to be prepared when the execution is cancelled', async () => {
		const scheduler = new RequestScheduler({ burst: 10, refillPerSecond: 10, maxConcurrency: 1 });
		const first = await scheduler.prepareWhenNear();
		const controller = new AbortController();
		const waiting = scheduler.prepareWhenNear(controller.signal);
		controller.abort(new Error('cancelled'));
		await expect(waiting).rejects.toThrow('cancelled');
		first();
		await vi.advanceTimersByTimeAsync(0);
		const next = await scheduler.prepareWhenNear();
		expect(scheduler.load.preparing).toBe(1);
		next();
	});
});

describe('cancelled executions', () => {
	it('stop waiting and leave the queue', async () => {
		const scheduler = new RequestScheduler({ burst: 1, refillPerSecond: 1, maxConcurrency: 10 });
		await scheduler.run(async () => await Promise.resolve());
		const controller = new AbortController();
		const waiting = scheduler.run(async () => await Promise.resolve('sent'), {
			signal: controller.signal,
		});
		expect(scheduler.load.waiting).toBe(1);
		controller.abort(new Error('cancelled'));
		await expect(waiting).rejects.toThrow('cancelled');
		expect(scheduler.load.waiting).toBe(0);
	});
});
