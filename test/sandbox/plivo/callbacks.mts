/**
 * Callbacks the sandbox sends, as Plivo does: form-encoded POST (or GET with the parameters in
 * the query), signed with Plivo's V3 scheme using the account's Auth Token and a fresh nonce.
 * Every delivery is recorded for tests; delivery failures are recorded, never thrown.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { request } from 'undici';

import type { PlivoCore } from './state.mts';

export type CallbackParams = Record<string, string>;

export interface DeliveredCallback {
	url: string;
	method: 'GET' | 'POST';
	params: CallbackParams;
	nonce: string;
	signature: string;
	sentAt: number;
	/** What the receiver answered; absent when it could not be reached. */
	status?: number;
	contentType?: string;
	responseBody?: string;
	error?: string;
}

/** Sorted `k=v` pairs joined with `&` (values of one key sorted too), unencoded. */
function sortedQuery(pairs: Array<[string, string]>): string {
	return [...pairs]
		.sort(([keyA, valueA], [keyB, valueB]) =>
			keyA === keyB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : keyA < keyB ? -1 : 1,
		)
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
}

/**
 * The string Plivo signs (V3): the URL without fragment, its query merged with the parameters
 * (GET) or followed by the sorted form fields (POST). The URL is taken as written, as Plivo and
 * its SDK do: an explicit default port or an upper-case host stays as it is.
 *
 * This is the signing side, written here from plivo-facts.md on purpose rather than imported from
 * the trigger's verifier, so that the two are checked against each other and against the SDK.
 */
export function v3SignedString(
	method: 'GET' | 'POST',
	url: string,
	params: CallbackParams,
): string {
	const withoutFragment = url.split('#')[0];
	const queryStart = withoutFragment.indexOf('?');
	const base = queryStart < 0 ? withoutFragment : withoutFragment.slice(0, queryStart);
	const queryPairs: Array<[string, string]> = [
		...new URLSearchParams(queryStart < 0 ? '' : withoutFragment.slice(queryStart + 1)),
	];
	if (method === 'GET') {
		const query = sortedQuery([...queryPairs, ...Object.entries(params)]);
		return query ? `${base}?${query}` : base;
	}
	const query = sortedQuery(queryPairs);
	const fields = Object.entries(params)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([key, value]) => `${key}${value}`)
		.join('');
	if (fields === '') return query ? `${base}?${query}` : base;
	return query ? `${base}?${query}.${fields}` : `${base}?${fields}`;
}

export function signV3(
	authToken: string,
	method: 'GET' | 'POST',
	url: string,
	params: CallbackParams,
	nonce: string,
): string {
	return createHmac('sha256', authToken)
		.update(`${v3SignedString(method, url, params)}.${nonce}`)
		.digest('base64');
}

export class CallbackDispatcher {
	readonly delivered: DeliveredCallback[] = [];
	private readonly pending = new Set<Promise<void>>();

	constructor(private readonly core: PlivoCore) {}

	/** Sends a callback in the background; `idle()` waits for every one in flight. */
	send(url: string, method: 'GET' | 'POST', params: CallbackParams): Promise<DeliveredCallback> {
		return this.track(this.deliver(url, method, params));
	}

	/** Work that sends callbacks one after another (a call's ring, then answer): `idle()` waits for it too. */
	track<T>(work: Promise<T>): Promise<T> {
		const tracked = work.then(
			() => undefined,
			() => undefined,
		);
		this.pending.add(tracked);
		void tracked.finally(() => this.pending.delete(tracked));
		return work;
	}

	async idle(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	reset(): void {
		this.delivered.length = 0;
	}

	private async deliver(
		url: string,
		method: 'GET' | 'POST',
		params: CallbackParams,
	): Promise<DeliveredCallback> {
		const nonce = randomBytes(10).toString('hex');
		const signature = signV3(this.core.account.authToken, method, url, params, nonce);
		const record: DeliveredCallback = { url, method, params, nonce, signature, sentAt: Date.now() };
		this.delivered.push(record);
		// Plivo reads retry settings from the fragment (#ct=…&rt=…) and never sends it.
		const target = new URL(url.split('#')[0]);
		if (method === 'GET')
			for (const [key, value] of Object.entries(params)) target.searchParams.append(key, value);
		if (!isOnThisMachine(target)) {
			record.error = `The sandbox only calls addresses on this machine; ${target.host} is not one, so nothing was sent (it never contacts the internet).`;
			return record;
		}
		try {
			const response = await request(target, {
				method,
				headers: {
					'X-Plivo-Signature-V3': signature,
					'X-Plivo-Signature-V3-Nonce': nonce,
					'X-Plivo-Signature-Ma-V3': signature,
					'User-Agent': 'PlivoHTTP/1.0 (sandbox)',
					...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
				},
				body: method === 'POST' ? new URLSearchParams(params).toString() : undefined,
				headersTimeout: 10_000,
				bodyTimeout: 10_000,
			});
			record.status = response.statusCode;
			record.contentType = String(response.headers['content-type'] ?? '');
			record.responseBody = await response.body.text();
		} catch (error) {
			record.error = error instanceof Error ? error.message : String(error);
		}
		return record;
	}
}

/**
 * Whether a URL points at this machine (a loopback address or `localhost`). The sandbox stands in
 * for Plivo on a developer's machine and in CI: it calls back n8n there, never the internet, even
 * when a workflow names a public answer URL (the examples use https://example.com/…).
 */
export function isOnThisMachine(url: URL): boolean {
	const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host === '::1' ||
		/^127(\.\d{1,3}){3}$/.test(host)
	);
}
