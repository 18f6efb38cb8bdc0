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

/** Said when a request has been prepared (or could not be), so that the next one may be. */
export type PreparedRequest = () => void;

/** The policy to pace with for a documented limit of `requests` per `seconds`. */
export function policyForLimit(
	requests: number,
	seconds: number,
	maxConcurrency: number,
): RatePolicy {
	return {
		burst: Math.max(1, Math.floor(requests)),
		refillPerSecond: requests / seconds,
		maxConcurrency,
	};
}

/**
 * Paces requests to the API's token bucket, with the documented burst and rate as they are.
 *
 * The API counts a request when it arrives, some time after it is let go here: a busy n8n
 * (preparing the other items of a run, or another execution) can hold a request back for
 * hundreds of milliseconds before it leaves, while a later one leaves at once. Counted when let
 * go, requests that arrive late can find the API's bucket full and its refill lost, and a later
 * request is refused. So a request's token is spent when its answer comes back, the latest it
 * can have arrived, and until then it holds one: the budget counted here is never more than the
 * API's, whenever each request arrived, and no margin has to be guessed. It costs the requests in
 * flight (at 60 a second and 50 ms an answer, 3) once, at the start of a run.
 */
export class RequestScheduler {
	/** The budget, with the requests answered so far spent (below zero after a 429). */
	private tokens: number;

	/** Tokens held by requests in flight that use the budget. */
	private held = 0;

	/** From when `tokens` refill: when they were last brought up to date, or the end of a 429's wait. */
	private refilledAt: number;

	/** No request starts before this time (after a 429). */
	private pausedUntil = 0;

	private inFlight = 0;

	private readonly queue: Waiter[] = [];

	/** Requests let in to be prepared (`prepareWhenNear`) that have not said they are done. */
	private preparing = 0;

	/** Requests waiting to be let in to be prepared, first come first served. */
	private readonly toPrepare: Array<() => void> = [];

	/** Whether `letInLater` has a wake-up due. */
	private letInScheduled = false;

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
		const { counted = true } = options;
		await this.acquire(counted, options.signal);
		try {
			return await task();
		} finally {
			this.inFlight--;
			if (counted) {
				this.refill();
				this.tokens -= 1;
				this.held -= 1;
			}
			this.pump();
		}
	}

	/**
	 * Waits until a request is near enough to its turn to be prepared; the caller says when it is
	 * prepared (or failed) with the function this returns, and then hands it to `run`.
	 *
	 * Preparing a request (reading its fields, building and checking it) costs the n8n process CPU
	 * while the account's budget, not the CPU, decides when it leaves. n8n prepares every item of a
	 * run before it sends the first one, unless the preparation waits: at the account's limit the
	 * first requests would then wait for the whole run's preparation, and the last ones would have
	 * been ready many seconds before their turn. So a request is let in only while fewer requests
	 * than the budget lets go in about a second are being prepared or waiting for their turn (at
	 * least 2, at most `maxConcurrency`): enough that a free slot does not wait for a preparation.
	 */
	async prepareWhenNear(signal?: AbortSignal): Promise<PreparedRequest> {
		await this.waitInLine(this.toPrepare, (letIn) => letIn, signal);
		let done = false;
		return () => {
			if (done) return;
			done = true;
			this.preparing--;
			// The prepared request is on its way to `run`, where it waits its turn and lets the next one
			// in; letting one in now would count neither. One that failed (or that takes longer to get
			// there) lets it in a moment later instead.
			this.letInLater();
		};
	}

	/** Lets requests in to be prepared a moment later: usually, once the requests just prepared have reached `run`. */
	private letInLater(): void {
		if (this.letInScheduled) return;
		this.letInScheduled = true;
		void sleep(0).then(() => {
			this.letInScheduled = false;
			this.letInToPrepare();
		});
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

	/** Requests being prepared, waiting for their turn and in flight, for tests and diagnostics. */
	get load(): { preparing: number; waiting: number; inFlight: number } {
		return { preparing: this.preparing, waiting: this.queue.length, inFlight: this.inFlight };
	}

	private async acquire(counted: boolean, signal: AbortSignal | undefined): Promise<void> {
		await this.waitInLine(this.queue, (start) => ({ counted, start }), signal);
	}

	/**
	 * Waits in `line` (the requests waiting for their turn, or those waiting to be prepared) until
	 * `pump` starts the entry `entryFor` makes; leaves the line, refused, when `signal` aborts first.
	 */
	private async waitInLine<Entry>(
		line: Entry[],
		entryFor: (start: () => void) => Entry,
		signal: AbortSignal | undefined,
	): Promise<void> {
		signal?.throwIfAborted();
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				const index = line.indexOf(entry);
				if (index >= 0) line.splice(index, 1);
				reject(signal?.reason ?? new Error('The execution was cancelled'));
				this.pump();
			};
			const entry = entryFor(() => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			});
			signal?.addEventListener('abort', onAbort, { once: true });
			line.push(entry);
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

	/** Starts the waiting requests that may start now, and lets the next ones be prepared. */
	private pump(): void {
		this.startWaiting();
		this.letInToPrepare();
	}

	/** Lets requests in to be prepared while few enough are ahead of them (see `prepareWhenNear`). */
	private letInToPrepare(): void {
		const ahead = Math.min(
			this.policy.maxConcurrency,
			Math.max(2, Math.ceil(this.policy.refillPerSecond)),
		);
		while (this.toPrepare.length > 0 && this.preparing + this.queue.length < ahead) {
			this.preparing++;
			this.toPrepare.shift()!();
		}
	}

	/** Starts the waiting requests that may start now, first come first served. */
	private startWaiting(): void {
		while (this.queue.length > 0 && this.inFlight < this.policy.maxConcurrency) {
			const now = this.now();
			if (now < this.pausedUntil) return this.wakeAt(this.pausedUntil);
			const next = this.queue[0];
			if (next.counted) {
				this.refill();
				const free = this.tokens - this.held;
				if (free < 1) {
					// A full budget held by requests in flight frees up with their answers, not with time.
					if (this.tokens >= this.policy.burst) return;
					const waitMs = ((1 - free) / this.policy.refillPerSecond) * 1000;
					return this.wakeAt(now + Math.ceil(waitMs));
				}
				this.held += 1;
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
