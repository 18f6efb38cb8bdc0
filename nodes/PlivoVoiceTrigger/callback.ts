/**
 * Reading a Plivo callback from the request n8n hands to the trigger, and the public URL it was
 * sent to (the URL Plivo signed).
 */
import type { IDataObject, INode, IWebhookFunctions } from 'n8n-workflow';

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
	return (
		typeof contentType === 'string' &&
		contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
	);
}

/** n8n's parsed body, flattened back into pairs (repeated fields are arrays there). */
function pairsOfParsedBody(body: IDataObject | undefined): Pair[] {
	if (!body || typeof body !== 'object') return [];
	return Object.entries(body).flatMap(([key, value]): Pair[] =>
		(Array.isArray(value) ? value : [value]).map((entry) => [
			key,
			typeof entry === 'string' ? entry : JSON.stringify(entry),
		]),
	);
}

/**
 * No callback Plivo sends comes near these (its largest, a hangup with SIP headers, has a few
 * dozen parameters and a few kilobytes): anything bigger is refused before any work is done.
 */
const MAX_CALLBACK_BYTES = 256 * 1024;
const MAX_CALLBACK_PARAMETERS = 1000;

/**
 * Whether `text` holds more than `limit` `&`-separated parameters. One pass over the bytes,
 * stopping at the limit, with nothing allocated per parameter: it is run on unauthenticated
 * requests, before the signature is checked.
 */
export function hasMoreParametersThan(text: Buffer | string, limit: number): boolean {
	if (text.length === 0) return false;
	const nextSeparator = (from: number) =>
		typeof text === 'string' ? text.indexOf('&', from) : text.indexOf(0x26, from);
	let parameters = 1;
	if (parameters > limit) return true;
	for (let at = nextSeparator(0); at >= 0; at = nextSeparator(at + 1)) {
		if (++parameters > limit) return true;
	}
	return false;
}

/** Keys of n8n's parsed body, counted up to the limit without listing them. */
function hasMoreKeysThan(body: unknown, limit: number): boolean {
	if (!body || typeof body !== 'object') return false;
	let keys = 0;
	for (const key in body) {
		if (Object.prototype.hasOwnProperty.call(body, key) && ++keys > limit) return true;
	}
	return false;
}

/**
 * Why a request is too large to be a Plivo callback, or nothing. Runs before the callback is
 * read or its signature computed, so that a forged request costs one pass over its bytes (n8n
 * has already read and parsed the body by then, within its own payload limit).
 */
export function oversizedCallbackProblem(context: IWebhookFunctions): string | undefined {
	const request = context.getRequestObject() as WebhookRequest;
	const target = request.originalUrl ?? request.url ?? '';
	const queryStart = target.indexOf('?');
	const query = queryStart < 0 ? '' : target.slice(queryStart + 1);
	const raw = request.rawBody;
	const bodyBytes =
		raw === undefined ? 0 : Buffer.isBuffer(raw) ? raw.length : Buffer.byteLength(raw);
	if (bodyBytes + query.length > MAX_CALLBACK_BYTES) {
		return `The request has more than ${MAX_CALLBACK_BYTES} bytes: no Plivo callback is that large.`;
	}
	const tooMany =
		hasMoreParametersThan(query, MAX_CALLBACK_PARAMETERS) ||
		(raw !== undefined
			? hasMoreParametersThan(raw, MAX_CALLBACK_PARAMETERS)
			: hasMoreKeysThan(context.getBodyData(), MAX_CALLBACK_PARAMETERS));
	if (tooMany)
		return `The request has more than ${MAX_CALLBACK_PARAMETERS} parameters: no Plivo callback has that many.`;
	return undefined;
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
			params[key] =
				existing === undefined
					? value
					: [...(Array.isArray(existing) ? existing : [existing]), value];
		}
		return params;
	};
	return { ...collect(callback.queryParams), ...collect(callback.bodyParams) };
}

/** The last segment of the trigger's webhook path (`webhooks[0].path` in the node's description). */
export const WEBHOOK_PATH = 'webhook';

/**
 * The node's own part of its webhook URL, `/<webhookId>/webhook`: what follows n8n's endpoint
 * segment (`/webhook` or `/webhook-test`) in every URL n8n serves for it
 * (NodeHelpers.getNodeWebhookPath, for a node with a webhook ID and a path that is not full).
 */
function nodeWebhookPath(node: INode): string {
	return `/${node.webhookId ?? ''}/${WEBHOOK_PATH}`;
}

/** The path of an absolute URL, without query and fragment; '' when it is not one. */
function pathOf(url: string): string {
	return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/.exec(url)?.[1] ?? '';
}

/** n8n's endpoint segment in a path of n8n's own shape (`…/<endpoint>/<webhookId>/webhook`). */
function endpointIn(path: string, nodePath: string): string | undefined {
	if (!path.endsWith(nodePath)) return undefined;
	const before = path.slice(0, path.length - nodePath.length);
	const endpoint = before.slice(before.lastIndexOf('/') + 1);
	return endpoint === '' ? undefined : endpoint;
}

/**
 * The URL Plivo calls for this trigger, as n8n serves it right now.
 *
 * It is `url` exactly as written, with one exception: while the editor listens for a test event,
 * n8n serves the webhook under its test endpoint (`/webhook-test/…` instead of `/webhook/…`),
 * and a URL of n8n's own shape, ending with `/<endpoint>/<webhookId>/webhook`, gets that
 * endpoint. A URL of any other shape (a proxy's own address) is never rewritten: the proxy
 * decides where it sends the call, and Plivo signed the URL as written.
 *
 * `servedPath` is a path n8n serves for the node in the current mode (the request's path, or the
 * path of the URL the hook context gives); only its endpoint segment is used.
 */
function urlForServedEndpoint(
	url: string,
	node: INode,
	isTest: boolean,
	servedPath: string,
): string {
	if (!isTest) return url;
	const nodePath = nodeWebhookPath(node);
	const testEndpoint = endpointIn(servedPath, nodePath);
	const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)(.*)$/s.exec(url);
	if (!testEndpoint || !match) return url;
	const [, origin, path, rest] = match;
	const endpoint = endpointIn(path, nodePath);
	if (endpoint === undefined) return url;
	const prefix = path.slice(0, path.length - nodePath.length - endpoint.length);
	return `${origin}${prefix}${testEndpoint}${nodePath}${rest}`;
}

/** Whether a hook or webhook runs for the editor's "listen for test event" (n8n's mode 'manual'). */
export function isTestRun(context: { getMode?: () => string }): boolean {
	return context.getMode?.() === 'manual';
}

/**
 * The URL Plivo calls: the "Public Webhook URL" option exactly as written when it is set,
 * otherwise `n8nUrl`; with the test endpoint on a test run (see urlForServedEndpoint).
 */
export function publicWebhookUrl(
	n8nUrl: string,
	configured: string | undefined,
	node: INode,
	isTest: boolean,
	servedPath = pathOf(n8nUrl),
): string {
	return urlForServedEndpoint(configured?.trim() || n8nUrl, node, isTest, servedPath);
}

/** Appends a query parameter to a URL that may already have a query. */
export function withQueryParameter(url: string, name: string, value: string): string {
	const separator = url.includes('?') ? '&' : '?';
	return `${url}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}
