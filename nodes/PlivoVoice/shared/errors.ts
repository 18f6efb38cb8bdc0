import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * What the retry policy needs to know about an API error, kept beside the error rather than on
 * it so that nothing extra ends up in what n8n shows or stores. Any API's error mapping (Plivo
 * here, SignalWire in its node) registers its errors through `apiError`.
 */
export interface ApiErrorInfo {
	status: number;
	/** Seconds the API asked us to wait (Retry-After), when it said so. */
	retryAfterSeconds?: number;
}

const apiErrors = new WeakMap<Error, ApiErrorInfo>();

export function apiErrorInfo(error: unknown): ApiErrorInfo | undefined {
	return error instanceof Error ? apiErrors.get(error) : undefined;
}

/**
 * The text of an error answer: `error` as a sentence, or as an object of field → messages on
 * validation failures (Plivo), else `message` (SignalWire, and Plivo's own fallback).
 */
export function errorText(body: unknown, status: number, apiName: string): string {
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
	return `${apiName} answered with HTTP ${status}`;
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
 * The NodeApiError for a non-2xx answer, built only from what the API answered (the request
 * options hold the credentials), and registered for the retry policy.
 */
export function apiError(
	ctx: Pick<IExecuteSingleFunctions, 'getNode'> & Partial<Pick<IExecuteSingleFunctions, 'getItemIndex'>>,
	response: IN8nHttpFullResponse,
	shown: { message: string; description: string; details: JsonObject },
): NodeApiError {
	const { statusCode: status, headers } = response;
	const error = new NodeApiError(ctx.getNode(), shown.details, {
		message: shown.message,
		description: shown.description,
		httpCode: String(status),
		itemIndex: ctx.getItemIndex?.(),
	});
	apiErrors.set(error, { status, retryAfterSeconds: parseRetryAfter(headers?.['retry-after']) });
	return error;
}

/**
 * Turns a non-2xx Plivo answer into a NodeApiError that carries Plivo's own `error` text, the
 * HTTP status and the `api_id` (which Plivo support asks for). Outside an item (webhook
 * registration) there is no item index.
 */
export function plivoApiError(
	ctx: Pick<IExecuteSingleFunctions, 'getNode'> & Partial<Pick<IExecuteSingleFunctions, 'getItemIndex'>>,
	response: IN8nHttpFullResponse,
): NodeApiError {
	const { statusCode: status, body } = response;
	const apiId =
		body && typeof body === 'object' && typeof (body as JsonObject).api_id === 'string'
			? ((body as JsonObject).api_id as string)
			: undefined;
	const text = errorText(body, status, 'Plivo');
	const details: JsonObject = { error: text, httpCode: String(status) };
	if (apiId) details.api_id = apiId;
	return apiError(ctx, response, {
		message: text,
		description: `Plivo answered HTTP ${status}${apiId ? ` (api_id ${apiId})` : ''}`,
		details,
	});
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
