/**
 * Plivo's request limit, and the scheduler every request to one Plivo account goes through.
 */
import { credentialBase } from './hosts';
import type { RatePolicy, RequestScheduler } from '../kit/scheduler';
import { accountScheduler, policyForLimit } from '../kit/scheduler';

/**
 * "By default, Plivo limits all accounts to 300 API requests per five seconds", calls and other
 * requests alike; beyond it Plivo answers 429. Plivo raises the limit on request, so the
 * credential can say another number of requests per the same 5 seconds.
 */
const PLIVO_REQUESTS_PER_WINDOW = 300;
const PLIVO_WINDOW_SECONDS = 5;

/**
 * Requests in flight at once for one account. Plivo documents no such limit; this bounds the
 * sockets and memory a 10,000-item run holds at a time, far above what the rate needs (60
 * requests a second at 50 ms each keep 3 busy).
 */
const PLIVO_MAX_IN_FLIGHT = 50;

/** The credential's fields the scheduler is chosen by. */
export interface RateLimitCredentials {
	baseUrl?: unknown;
	authId?: unknown;
	requestsPer5Seconds?: unknown;
}

function plivoRatePolicy(credentials: RateLimitCredentials): RatePolicy {
	const configured = Number(credentials.requestsPer5Seconds);
	const requests =
		Number.isFinite(configured) && configured >= 1 ? configured : PLIVO_REQUESTS_PER_WINDOW;
	return policyForLimit(requests, PLIVO_WINDOW_SECONDS, PLIVO_MAX_IN_FLIGHT);
}

/**
 * The one scheduler of the account the credential names (its host and Auth ID), shared by every
 * node, operation and execution in this n8n process.
 */
export function plivoScheduler(credentials: RateLimitCredentials): RequestScheduler {
	return accountScheduler(
		`plivo|${credentialBase(credentials)}|${String(credentials.authId ?? '')}`,
		plivoRatePolicy(credentials),
	);
}
