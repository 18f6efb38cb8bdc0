/**
 * One request scheduler per API account in this process.
 *
 * n8n's RoutingNode starts every item's request at once, and several nodes and executions may
 * use the same account at the same time. APIs limit requests per account, not per node: the
 * budget is shared, so the pacing must be too. Every request for an account waits here for
 * its turn, whichever node, operation or execution sends it.
 *
 * The budget is a token bucket (a burst, then a steady refill), the shape of the limits the
 * APIs document ("300 requests per 5 seconds": a burst of 300, then 60 a second). When the API
 * refuses a request anyway (HTTP 429), everybody waits, not only the request that was refused:
 * the others would be refused too.
 *
 * Nothing here names an API: the caller passes the limits and the key of the account.
 */
import { sleep } from 'n8n-workflow';

export interface RatePolicy {
	/** Requests that may start at once when the budget is full (the bucket's size). */
	burst: number;
	/** Requests per second the budget refills with. */
	refillPerSecond: number;
	/** Requests in flight at once, at most, whatever the budget. */
	maxConcurrency: number;
}

export interface ScheduleOptions {
	/**
	 * Whether the request uses the budget. Some requests have a limit of their own that the API
	 * applies by queueing, not refusing (placing calls): they only wait for a free slot.
	 */
	counted?: boolean;
	/** Stops waiting when the execution is cancelled. */
	signal?: AbortSignal;
}

interface Waiter {
	counted: boolean;
	start: () => void;
}

/**
 * How much of the documented burst is held back, as milliseconds of refill. The API counts a
 * request when it arrives, and its budget starts refilling when the first request of a burst
 * arrives; ours starts when the burst is let go. Letting 300 requests go takes a loaded n8n some
 * hundred milliseconds, so the API's refill may start that much later than ours, and a request
 * sent later may arrive sooner after it is sent than the first did. That gap is a difference of
 * delays: it does not grow with the length of a run, so it is held back once, from the burst
 * (15 requests at 300 per 5 s), and the steady rate stays the documented one. A rate kept 5%
 * below the documented one covered the same gap but cost 0.6 s over 1,000 requests; 1% (50 ms of
 * refill) let a 429 through in a test run.
 */
const REFILL_LEAD_MS = 250;

/** The policy to pace with for a documented limit of `requests` per `seconds`. */
export function policyForLimit(
	requests: number,
	seconds: number,
	maxConcurrency: number,
): RatePolicy {
	const refillPerSecond = requests / seconds;
	return {
		burst: Math.max(1, Math.floor(requests - (refillPerSecond * REFILL_LEAD_MS) / 1000)),
		refillPerSecond,
		maxConcurrency,
	};
}

export class RequestScheduler {
	private tokens: number;

	/** When `tokens` was last brought up to date. */
	private refilledAt: number;

	/** No request starts before this time (after a 429). */
	private pausedUntil = 0;

	private inFlight = 0;

	private readonly queue: Waiter[] = [];

	/** When the next wake-up is due, if one is: none is asked for earlier than needed. */
	private wakeUpAt = Infinity;

	constructor(
		private policy: RatePolicy,
		private readonly now: () => number = () => Date.now(),
	) {
		this.tokens = policy.burst;
		this.refilledAt = this.now();
	}

	/** A new limit for the same account (the user changed it in the credential). */
	setPolicy(policy: RatePolicy): void {
		if (
			policy.burst === this.policy.burst &&
			policy.refillPerSecond === this.policy.refillPerSecond &&
			policy.maxConcurrency === this.policy.maxConcurrency
		) {
			return;
		}
		this.refill();
		this.policy = policy;
		this.tokens = Math.min(this.tokens, policy.burst);
		this.pump();
	}

	/** Runs `task` when the budget and a slot allow it; the slot is freed when it settles. */
	async run<T>(task: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
		await this.acquire(options);
		try {
			return await task();
		} finally {
			this.inFlight--;
			this.pump();
		}
	}

	/**
	 * The API refused a request for its rate (HTTP 429): nothing starts for `waitMs`, and the
	 * budget starts again from empty then, as the API's own has been used up.
	 */
	slowDown(waitMs: number): void {
		const until = this.now() + Math.max(0, waitMs);
		this.tokens = 0;
		this.pausedUntil = Math.max(this.pausedUntil, until);
		this.refilledAt = Math.max(this.refilledAt, this.pausedUntil);
		this.pump();
	}

	/** Requests waiting for their turn and requests in flight, for tests and diagnostics. */
	get load(): { waiting: number; inFlight: number } {
		return { waiting: this.queue.length, inFlight: this.inFlight };
	}

	private async acquire({ counted = true, signal }: ScheduleOptions): Promise<void> {
		signal?.throwIfAborted();
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				const index = this.queue.indexOf(waiter);
				if (index >= 0) this.queue.splice(index, 1);
				reject(signal?.reason ?? new Error('The execution was cancelled'));
				this.pump();
			};
			const waiter: Waiter = {
				counted,
				start: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.queue.push(waiter);
			this.pump();
		});
	}

	private refill(): void {
		const now = this.now();
		if (now <= this.refilledAt) return;
		const earned = ((now - this.refilledAt) / 1000) * this.policy.refillPerSecond;
		this.tokens = Math.min(this.policy.burst, this.tokens + earned);
		this.refilledAt = now;
	}

	/** Starts the waiting requests that may start now, first come first served. */
	private pump(): void {
		while (this.queue.length > 0 && this.inFlight < this.policy.maxConcurrency) {
			const now = this.now();
			if (now < this.pausedUntil) return this.wakeAt(this.pausedUntil);
			const next = this.queue[0];
			if (next.counted) {
				this.refill();
				if (this.tokens < 1) {
					const waitMs = ((1 - this.tokens) / this.policy.refillPerSecond) * 1000;
					return this.wakeAt(now + Math.ceil(waitMs));
				}
				this.tokens -= 1;
			}
			this.queue.shift();
			this.inFlight++;
			next.start();
		}
	}

	private wakeAt(time: number): void {
		if (this.wakeUpAt <= time) return;
		this.wakeUpAt = time;
		void sleep(Math.max(0, time - this.now())).then(() => {
			if (this.wakeUpAt === time) this.wakeUpAt = Infinity;
			this.pump();
		});
	}
}

/**
 * The schedulers of this process, by account. Every node of the package uses this one module
 * (each compiled node file requires the same `scheduler.js`), so they share them.
 */
const schedulers = new Map<string, RequestScheduler>();

/**
 * The scheduler of one account: `key` names the API and the account (base URL and account ID,
 * never a secret). The first caller creates it; later callers share it, with the policy they
 * pass (the same unless the user changed the limit).
 */
export function accountScheduler(key: string, policy: RatePolicy): RequestScheduler {
	let scheduler = schedulers.get(key);
	if (scheduler) {
		scheduler.setPolicy(policy);
	} else {
		scheduler = new RequestScheduler(policy);
		schedulers.set(key, scheduler);
	}
	return scheduler;
}
