import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INode,
	JsonObject,
	PostReceiveAction,
} from 'n8n-workflow';
import { ExecutionBaseError, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * What the retry policy needs to know about an API error, kept beside the error rather than on
 * it so that nothing extra ends up in what n8n shows or stores. Each API's error mapping registers
 * its errors through `apiError`.
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
 * validation failures, else `message`.
 */
export function errorText(body: unknown, status: number, apiName: string): string {
	if (body && typeof body === 'object') {
		const { error, message } = body as { error?: unknown; message?: unknown };
		if (typeof error === 'string' && error.trim()) return error.trim();
		if (error && typeof error === 'object') {
			return Object.entries(error as Record<string, unknown>)
				.map(
					([field, problem]) =>
						`${field}: ${Array.isArray(problem) ? problem.join(', ') : String(problem)}`,
				)
				.join('; ');
		}
		if (typeof message === 'string' && message.trim()) return message.trim();
	}
	if (typeof body === 'string' && body.trim() && body.length < 500) return body.trim();
	return `${apiName} answered with HTTP ${status}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

/**
 * The three forms of an HTTP-date (RFC 9110 §5.6.7), each as [pattern, order of its day, month,
 * year, hour, minute, second groups]: IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete
 * RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` and asctime `Sun Nov  6 08:49:37 1994` that
 * recipients must still accept. All are in GMT.
 */
const HTTP_DATE_FORMS: Array<[RegExp, number[]]> = [
	[new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`), [1, 2, 3, 4, 5, 6]],
	[new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`), [1, 2, 3, 4, 5, 6]],
	[new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`), [2, 1, 6, 3, 4, 5]],
];

/** An HTTP-date as milliseconds since the epoch, or undefined if `text` is not one. */
function parseHttpDate(text: string, now: number): number | undefined {
	for (const [pattern, order] of HTTP_DATE_FORMS) {
		const match = pattern.exec(text);
		if (!match) continue;
		const [day, month, year, hour, minute, second] = order.map((group) => match[group].trim());
		let fullYear = Number(year);
		// RFC 850's two-digit year: one that looks more than 50 years ahead is in the past century.
		if (year.length === 2) {
			const thisYear = new Date(now).getUTCFullYear();
			fullYear += Math.floor(thisYear / 100) * 100;
			if (fullYear > thisYear + 50) fullYear -= 100;
		}
		const fields = [Number(day), Number(hour), Number(minute), Number(second)];
		const time = Date.UTC(fullYear, MONTHS.indexOf(month), ...fields);
		const date = new Date(time);
		// Refuse dates that do not exist (31 Feb, 25:00) rather than let Date roll them over.
		if (
			date.getUTCDate() !== fields[0] ||
			date.getUTCHours() !== fields[1] ||
			fields[2] > 59 ||
			fields[3] > 60
		) {
			return undefined;
		}
		return time;
	}
	return undefined;
}

/**
 * `Retry-After` as RFC 9110 §10.2.3 defines it: a whole number of seconds (digits only) or an
 * HTTP-date, in seconds from `now` (0 for a date in the past). Anything else (a negative or
 * fractional number, a list such as `2, 7`, text) is no instruction at all: undefined, so that
 * the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	// A repeated header is a list, which is not a valid Retry-After either.
	if (Array.isArray(value)) return value.length === 1 ? parseRetryAfter(value[0], now) : undefined;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return Number(text);
	const date = parseHttpDate(text, now);
	return date === undefined ? undefined : Math.max(0, (date - now) / 1000);
}

/**
 * Requests are sent without following redirects (see the request runner): the credential would
 * go along to wherever the answer points, and neither API redirects its own requests. A redirect
 * is therefore reported, with where it pointed, and nothing more is sent.
 */
function redirectRefused(
	response: IN8nHttpFullResponse,
	shown: { message: string; description: string; details: JsonObject },
): { message: string; description: string; details: JsonObject } {
	const location = response.headers?.location;
	const target = typeof location === 'string' && location.length < 500 ? ` to ${location}` : '';
	const message = `The API answered with a redirect (HTTP ${response.statusCode}), which was not followed`;
	return {
		message,
		description: `It pointed${target}. Redirects are not followed, so that your credentials are not sent to another address. Check the URL in the credential.`,
		details: { ...shown.details, error: message },
	};
}

/**
 * The NodeApiError for a non-2xx answer, built only from what the API answered (the request
 * options hold the credentials), and registered for the retry policy.
 */
export function apiError(
	ctx: Pick<IExecuteSingleFunctions, 'getNode'> &
		Partial<Pick<IExecuteSingleFunctions, 'getItemIndex'>>,
	response: IN8nHttpFullResponse,
	shown: { message: string; description: string; details: JsonObject },
): NodeApiError {
	const { statusCode: status, headers } = response;
	if (status >= 300 && status < 400) shown = redirectRefused(response, shown);
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
 * First step of every operation's postReceive chain, for the API whose error answers `toError`
 * reads: requests are sent with `ignoreHttpStatusErrors`, so that the API's error body reaches
 * this step intact and becomes the error; a redirect, which is not followed, is an error too.
 */
export function throwOnApiError(
	toError: (ctx: IExecuteSingleFunctions, response: IN8nHttpFullResponse) => NodeApiError,
): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (response.statusCode >= 300) throw toError(this, response);
		return items;
	};
}

/**
 * The error to throw for something caught: n8n's own errors (an API error, an operation error, an
 * expression's error, a cancelled execution) unchanged, so their message, description and kind
 * reach the user as they were; anything else as the node's operation error with its message.
 */
export function asNodeError(node: INode, error: unknown): ExecutionBaseError {
	if (error instanceof ExecutionBaseError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}
