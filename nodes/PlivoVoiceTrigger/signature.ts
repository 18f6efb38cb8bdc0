/**
 * Plivo's webhook signature, version 3 (plivo-facts.md, "Webhook signature, version 3"), the same
 * computation as the official SDK's `validateV3Signature`, which the tests use as an oracle.
 */
import { createHmac, timingSafeEqual } from 'crypto';

export type Pair = [key: string, value: string];

export type SignedMethod = 'GET' | 'POST';

/**
 * `scheme://host[:port]/path` and the raw query of a URL, exactly as written: Plivo signs the URL
 * it was given, so nothing is normalised (a default port that is written stays, the host keeps
 * its case). User info is dropped and the fragment, which carries Plivo's retry settings, is not
 * signed.
 */
function splitSignedUrl(url: string): { base: string; query: string } {
	const withoutFragment = url.split('#')[0];
	const queryStart = withoutFragment.indexOf('?');
	const beforeQuery = queryStart < 0 ? withoutFragment : withoutFragment.slice(0, queryStart);
	const query = queryStart < 0 ? '' : withoutFragment.slice(queryStart + 1);
	const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(.*)$/.exec(beforeQuery);
	if (!match) return { base: beforeQuery, query };
	const [, scheme, authority, path] = match;
	const host = authority.slice(authority.lastIndexOf('@') + 1);
	return { base: `${scheme}://${host}${path}`, query };
}

/** Query pairs, percent-decoded with `+` as a space, in their order. */
export function queryPairs(query: string): Pair[] {
	return [...new URLSearchParams(query)];
}

/** Keys, and the values of one key, in plain code-unit order (JavaScript's default sort). */
function sorted(pairs: Pair[]): Pair[] {
	return [...pairs].sort(([keyA, valueA], [keyB, valueB]) => {
		if (keyA !== keyB) return keyA < keyB ? -1 : 1;
		return valueA < valueB ? -1 : valueA > valueB ? 1 : 0;
	});
}

function sortedQuery(pairs: Pair[]): string {
	return sorted(pairs)
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
}

/**
 * The string Plivo signs. GET: the URL's query merged with the callback's parameters, sorted and
 * joined unencoded. POST: the URL's own query, sorted, then `.` and the form fields sorted and
 * concatenated as key+value (without the `.` when the URL has no query).
 */
export function v3SignedString(method: SignedMethod, url: string, bodyParams: Pair[] = []): string {
	const { base, query } = splitSignedUrl(url);
	const urlPairs = queryPairs(query);
	if (method === 'GET') {
		const merged = sortedQuery([...urlPairs, ...bodyParams]);
		return merged ? `${base}?${merged}` : base;
	}
	const urlQuery = sortedQuery(urlPairs);
	if (bodyParams.length === 0) return urlQuery ? `${base}?${urlQuery}` : base;
	const fields = sorted(bodyParams)
		.map(([key, value]) => `${key}${value}`)
		.join('');
	return urlQuery ? `${base}?${urlQuery}.${fields}` : `${base}?${fields}`;
}

/** base64(HMAC-SHA256(auth token, signed string + "." + nonce)). */
export function v3Signature(
	authToken: string,
	method: SignedMethod,
	url: string,
	bodyParams: Pair[],
	nonce: string,
): string {
	return createHmac('sha256', authToken)
		.update(`${v3SignedString(method, url, bodyParams)}.${nonce}`)
		.digest('base64');
}

export interface SignatureCheck {
	authToken: string;
	method: string;
	/** The full URL Plivo called, with its query (for GET, the callback's parameters are in it). */
	url: string;
	/** Form fields of a POST; empty for GET. */
	bodyParams: Pair[];
	nonce: string | undefined;
	/** Signature header values; each may hold several comma-separated signatures (one per active token). */
	signatures: Array<string | undefined>;
}

/**
 * Whether any of the signatures is the one the auth token gives. The comparison takes the same
 * time whatever the signature, so that it reveals nothing about the expected value.
 */
export function isValidV3Signature(check: SignatureCheck): boolean {
	const method = check.method.toUpperCase();
	if (method !== 'GET' && method !== 'POST') return false;
	if (!check.nonce || !check.authToken) return false;
	const candidates = check.signatures
		.flatMap((header) => (header ?? '').split(','))
		.map((signature) => signature.trim())
		.filter((signature) => signature !== '');
	if (candidates.length === 0) return false;
	const expected = Buffer.from(
		v3Signature(check.authToken, method, check.url, check.bodyParams, check.nonce),
	);
	let valid = false;
	for (const candidate of candidates) {
		const given = Buffer.from(candidate);
		if (given.length === expected.length && timingSafeEqual(given, expected)) valid = true;
	}
	return valid;
}
