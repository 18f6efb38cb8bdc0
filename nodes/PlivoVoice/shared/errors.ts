import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * What the retry policy needs to know about an API error, kept beside the error rather than on
 * it so that nothing extra ends up in what n8n shows or stores.
 */
export interface PlivoErrorInfo {
	status: number;
	/** Seconds Plivo asked us to wait (Retry-After), when it said so. */
	retryAfterSeconds?: number;
}

const plivoErrors = new WeakMap<Error, PlivoErrorInfo>();

export function plivoErrorInfo(error: unknown): PlivoErrorInfo | undefined {
	return error instanceof Error ? plivoErrors.get(error) : undefined;
}

/** Plivo writes `error` as a sentence, or as an object of field → messages on validation failures. */
function errorText(body: unknown, status: number): string {
	if (body && typeof body === 'object') {
		const { error, message } = body as { error?: unknown; message?: unknown };
		if (typeof error === 'string' && error.trim()) return error.trim();
		if (error && typeof error === 'object') {
			return Object.entries(error as Record<string, unknown>)
				.map(([field, problem]) => `${field}: ${Array.isArray(problem) ? problem.join(', ') : String(problem)}`)
				.join('; ');
		}
		if (typeof message === 'string' && message.trim()) return message.trim();
	}
	if (typeof body === 'string' && body.trim() && body.length < 500) return body.trim();
	return `Plivo answered with HTTP ${status}`;
}

function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const header = Array.isArray(value) ? value[0] : value;
	if (header === undefined || header === null || header === '') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/**
 * Turns a non-2xx Plivo answer into a NodeApiError that carries Plivo's own `error` text, the
 * HTTP status and the `api_id` (which Plivo support asks for), and nothing of the request: the
 * request options hold the credentials. Outside an item (webhook registration) there is no item index.
 */
export function plivoApiError(
	ctx: Pick<IExecuteSingleFunctions, 'getNode'> & Partial<Pick<IExecuteSingleFunctions, 'getItemIndex'>>,
	response: IN8nHttpFullResponse,
): NodeApiError {
	const { statusCode: status, body, headers } = response;
	const apiId =
		body && typeof body === 'object' && typeof (body as JsonObject).api_id === 'string'
			? ((body as JsonObject).api_id as string)
			: undefined;
	const text = errorText(body, status);
	const details: JsonObject = { error: text, httpCode: String(status) };
	if (apiId) details.api_id = apiId;
	const error = new NodeApiError(ctx.getNode(), details, {
		message: text,
		description: `Plivo answered HTTP ${status}${apiId ? ` (api_id ${apiId})` : ''}`,
		httpCode: String(status),
		itemIndex: ctx.getItemIndex?.(),
	});
	plivoErrors.set(error, { status, retryAfterSeconds: parseRetryAfter(headers?.['retry-after']) });
	return error;
}

/**
 * First step of every operation's postReceive chain: requests are sent with
 * `ignoreHttpStatusErrors`, so that Plivo's error body reaches us intact and becomes the error.
 */
export async function throwOnPlivoError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode >= 400) throw plivoApiError(this, response);
	return items;
}
