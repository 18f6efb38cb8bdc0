/**
 * Reading a Plivo callback from the request n8n hands to the trigger, and the public URL it was
 * sent to (the URL Plivo signed).
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { Pair } from './signature';
import { queryPairs } from './signature';

/** What the trigger uses of n8n's request object (an express Request in n8n). */
interface WebhookRequest {
	method?: string;
	url?: string;
	originalUrl?: string;
	rawBody?: Buffer | string;
	headers: Record<string, string | string[] | undefined>;
}

export interface PlivoCallback {
	method: string;
	/** The raw query string the request arrived with, without `?`. */
	rawQuery: string;
	/** The request path as n8n received it, e.g. `/webhook/<id>/webhook`. */
	servedPath: string;
	/** The URL's query pairs (for GET, Plivo's parameters are among them). */
	queryParams: Pair[];
	/** Form fields of a POST. */
	bodyParams: Pair[];
}

function isFormBody(headers: WebhookRequest['headers']): boolean {
	const contentType = headers['content-type'];
	return typeof contentType === 'string' && contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** n8n's parsed body, flattened back into pairs (repeated fields are arrays there). */
function pairsOfParsedBody(body: IDataObject | undefined): Pair[] {
	if (!body || typeof body !== 'object') return [];
	return Object.entries(body).flatMap(([key, value]): Pair[] =>
		(Array.isArray(value) ? value : [value]).map((entry) => [key, typeof entry === 'string' ? entry : JSON.stringify(entry)]),
	);
}

export function readCallback(context: IWebhookFunctions): PlivoCallback {
	const request = context.getRequestObject() as WebhookRequest;
	const method = (request.method ?? 'GET').toUpperCase();
	// originalUrl is what the client asked for; express may rewrite `url` while routing.
	const target = request.originalUrl ?? request.url ?? '';
	const queryStart = target.indexOf('?');
	const rawQuery = queryStart < 0 ? '' : target.slice(queryStart + 1);
	const servedPath = queryStart < 0 ? target : target.slice(0, queryStart);
	let bodyParams: Pair[] = [];
	if (method === 'POST') {
		// n8n keeps the raw body next to the parsed one; parsing it here keeps every field as sent,
		// in order, with repeats, whatever parser n8n used.
		const raw = request.rawBody;
		bodyParams =
			raw !== undefined && isFormBody(request.headers)
				? queryPairs(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw))
				: pairsOfParsedBody(context.getBodyData());
	}
	return { method, rawQuery, servedPath, queryParams: queryPairs(rawQuery), bodyParams };
}

/**
 * The callback's parameters as one object: the URL's query, then the form fields (which win).
 * A repeated parameter becomes a list, as in n8n's Webhook node.
 */
export function callbackParameters(callback: PlivoCallback): Record<string, string | string[]> {
	const collect = (pairs: Pair[]) => {
		const params: Record<string, string | string[]> = {};
		for (const [key, value] of pairs) {
			const existing = params[key];
			params[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
		}
		return params;
	};
	return { ...collect(callback.queryParams), ...collect(callback.bodyParams) };
}

/**
 * A webhook URL with n8n's endpoint segment as it was actually served.
 *
 * n8n serves a workflow's webhook under `/webhook/…` when active and under `/webhook-test/…`
 * while the editor listens for a test event. WebhookContext.getNodeWebhookUrl does not pass the
 * test flag on (n8n-core, node-execution-context/webhook-context.ts, in 1.x and 2.x alike), so
 * during a test it returns the production URL while Plivo called, and signed, the test URL.
 * The two differ only in the segment before the node's own path, so that segment is taken from
 * the path n8n received. Nothing changes when the paths share no tail (a proxy rewrote it) or
 * when they already agree.
 */
export function withServedEndpoint(publicUrl: string, servedPath: string): string {
	const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)(.*)$/.exec(publicUrl);
	if (!match) return publicUrl;
	const [, origin, path, rest] = match;
	const publicSegments = path.split('/');
	const servedSegments = servedPath.split('/');
	let shared = 0;
	while (
		shared < publicSegments.length - 1 &&
		shared < servedSegments.length - 1 &&
		publicSegments[publicSegments.length - 1 - shared] === servedSegments[servedSegments.length - 1 - shared]
	) {
		shared++;
	}
	const publicIndex = publicSegments.length - 1 - shared;
	const servedIndex = servedSegments.length - 1 - shared;
	if (shared === 0 || publicIndex < 1 || servedIndex < 1) return publicUrl;
	publicSegments[publicIndex] = servedSegments[servedIndex];
	return `${origin}${publicSegments.join('/')}${rest}`;
}

/** Appends a query parameter to a URL that may already have a query. */
export function withQueryParameter(url: string, name: string, value: string): string {
	const separator = url.includes('?') ? '&' : '?';
	return `${url}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}
