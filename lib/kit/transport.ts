import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { credentialsOfRun } from './credentials';
import { apiErrorInfo, parseRetryAfter } from './errors';
import type { RequestScheduler } from './scheduler';
import { takeDeferredInputError } from './validation';

/**
 * What the request runner says about the API it talks to. The runner itself is the same for
 * every API.
 */
export interface RunnerApi {
	/** The name users know the API by, in messages: "Could not reach <name>". */
	name: string;
	/**
	 * Said when a request that changes something is not sent again after a 5xx or a timeout:
	 * what the API may already have done, and where to check.
	 */
	notResentAdvice: string;
	/** The credential type whose account the requests are paced for. */
	credentialType: string;
	/** The scheduler of the account a credential names (see scheduler.ts). */
	scheduler: (credentials: ICredentialDataDecryptedObject) => RequestScheduler;
	/** Whether a request uses the account's request budget; every request does unless said otherwise. */
	isCounted?: (method: string) => boolean;
}

/**
 * Retry policy, the one for every request to an account: the operations' (`sendWithRetries`) and
 * those a node sends itself, such as list searches and webhook registration (`sendPaced`).
 * - HTTP 429 means the API refused the request without acting on it, so any request, including
 *   one that places a call, may be sent again, after the wait it asks for in `Retry-After`.
 * - A 5xx or a dropped connection says nothing about whether the API acted. GET and DELETE are
 *   idempotent and are retried; a POST never is: resending "make a call" or "add a
 *   participant" can ring somebody twice and is billed twice.
 */
const RETRY_POLICY = {
	/**
	 * Requests are paced to the account's limit, so a 429 is rare: another client of the account,
	 * or another n8n worker, used the budget. Every 429 pauses all the account's requests for as
	 * long as the API asks; a request gives up only after this many in a row.
	 */
	rateLimitRetries: 8,
	transientRetries: 2,
	/** First backoff step when the API gives no Retry-After; doubled on each further attempt. */
	backoffSeconds: 1,
	/** Upper bound for any single wait, whatever Retry-After says. */
	maxWaitSeconds: 30,
};

type RequestData = DeclarativeRestApiSettings.ResultOptions;

function isIdempotent(method: string | undefined): boolean {
	return ['GET', 'HEAD', 'DELETE'].includes((method ?? 'GET').toUpperCase());
}

/**
 * Codes of a request that got no HTTP answer: the connection failed, broke or timed out (Node's
 * socket and DNS errors, axios' ECONNABORTED timeout and ERR_NETWORK). Other errors (an invalid
 * URL, say) are not the network's and are neither retried nor reported as such.
 */
const NETWORK_ERROR =
	/^(E(CONN|AI_|HOST|NET|PIPE|NOTFOUND|TIMEDOUT|SOCKETTIMEDOUT)[A-Z_]*|ERR_NETWORK)$/;

/**
 * The network-level code (ECONNRESET, ETIMEDOUT, …) of a failed request, if it is one. n8n 2.x
 * wraps the request's error in a NodeApiError whose `cause` has the `code`; n8n 1.x drops the
 * cause and leaves the code in the NodeApiError's `httpCode`.
 */
function transportCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const { code, httpCode } = current as { code?: unknown; httpCode?: unknown };
		for (const candidate of [code, httpCode]) {
			if (typeof candidate === 'string' && NETWORK_ERROR.test(candidate)) return candidate;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * Seconds to wait before attempt `attempt + 1`: what the API asked for (Retry-After), else an
 * exponential backoff with jitter (half fixed, half random), so that the items of a run, or
 * several runs, that failed together do not all come back at the same moment.
 */
export function retryWaitSeconds(attempt: number, retryAfterSeconds?: number): number {
	const backoff = RETRY_POLICY.backoffSeconds * 2 ** attempt;
	const wanted = retryAfterSeconds ?? backoff / 2 + (Math.random() * backoff) / 2;
	return Math.min(Math.max(wanted, 0), RETRY_POLICY.maxWaitSeconds);
}

/** A wait that ends early, with the signal's reason, when the signal aborts. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await sleep(ms);
	signal.throwIfAborted();
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/** How a try of a request failed, as the retry policy sees it. */
interface FailedTry {
	/** The API's answer; none when the request got no HTTP answer (a network error). */
	status?: number;
	/** Seconds the API asked us to wait (Retry-After), when it said so. */
	retryAfterSeconds?: number;
}

/**
 * The retry policy applied to the tries of one request: counts its 429s and its 5xx or network
 * failures, and waits before the next try. A 429 holds back every request to the account, not only
 * this one (the others would be refused too); any other wait holds back only this request.
 */
class Retries {
	/** 429s so far. */
	rateLimited = 0;

	/** 5xx answers and network errors so far. */
	private transient = 0;

	constructor(
		private readonly scheduler: RequestScheduler,
		/**
		 * Whether the request cannot act twice (see RETRY_POLICY): only then is it sent again after
		 * a 5xx or a network error.
		 */
		private readonly repeatable: boolean,
		private readonly signal: AbortSignal | undefined,
		/** 429s in a row after which the request is given up. */
		private readonly rateLimitRetries = RETRY_POLICY.rateLimitRetries,
	) {}

	/** Waits as the policy says and answers true, or answers false: the request is not sent again. */
	async next(failed: FailedTry): Promise<boolean> {
		if (failed.status === 429) {
			if (this.rateLimited >= this.rateLimitRetries) return false;
			this.scheduler.slowDown(retryWaitSeconds(this.rateLimited, failed.retryAfterSeconds) * 1000);
			this.rateLimited++;
			return true;
		}
		if (failed.status !== undefined && failed.status < 500) return false;
		if (!this.repeatable || this.transient >= RETRY_POLICY.transientRetries) return false;
		await pause(retryWaitSeconds(this.transient, failed.retryAfterSeconds) * 1000, this.signal);
		this.transient++;
		return true;
	}
}

/**
 * Sends a request that a node makes itself, outside RoutingNode (a list search in the editor, a
 * trigger's webhook registration), through the account's scheduler under the retry policy of
 * every operation (RETRY_POLICY): a 429 holds back every request to the account and is retried;
 * a 5xx or a network error is retried only when `repeatable` says that sending the request again
 * cannot act twice (a GET, a DELETE, an update that sets the same values), never for a create.
 *
 * `send` makes one try and asks for the full response without failing on error statuses
 * (`returnFullResponse`, `ignoreHttpStatusErrors`), so that every answer comes back here. Returns
 * the last answer, error statuses included (the caller turns it into its API's error); throws the
 * last error of a request that got no answer, or at once an error that is not the network's.
 */
export async function sendPaced(
	scheduler: RequestScheduler,
	send: () => Promise<IN8nHttpFullResponse>,
	options: {
		repeatable: boolean;
		/**
		 * Fewer 429s in a row to retry than a run's 8, for a request somebody is waiting on (a list
		 * in the editor): the 429 still holds back the account's other requests.
		 */
		rateLimitRetries?: number;
	},
): Promise<IN8nHttpFullResponse> {
	const { repeatable, rateLimitRetries } = options;
	// No cancel signal: n8n gives none to list searches and webhook registration.
	const retries = new Retries(scheduler, repeatable, undefined, rateLimitRetries);
	for (;;) {
		let response: IN8nHttpFullResponse | undefined;
		let error: unknown;
		try {
			response = await scheduler.run(send);
		} catch (caught) {
			error = caught;
		}
		if (response) {
			const retryAfterSeconds = parseRetryAfter(response.headers?.['retry-after']);
			if (await retries.next({ status: response.statusCode, retryAfterSeconds })) continue;
			return response;
		}
		if (transportCode(error) === undefined) throw error;
		if (!(await retries.next({}))) throw error;
	}
}

/** What an error shows, kept to build the same error again for a later try of the node. */
interface ShownError {
	message: string;
	description: string;
	httpCode?: string;
	details: JsonObject;
}

function shownError(ctx: IExecutePaginationFunctions, shown: ShownError): NodeApiError {
	return new NodeApiError(ctx.getNode(), shown.details, {
		message: shown.message,
		description: shown.description,
		...(shown.httpCode ? { httpCode: shown.httpCode } : {}),
		itemIndex: ctx.getItemIndex(),
	});
}

/**
 * A request that never got an HTTP answer. The error n8n hands us holds the request
 * configuration, credentials included, so only its code and a sentence of ours go out.
 */
function transportError(api: RunnerApi, method: string, code: string | undefined): ShownError {
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	// The code stays out of the message: n8n swaps messages naming a known code for a generic one.
	const message = timedOut ? `The request to ${api.name} timed out` : `Could not reach ${api.name}`;
	const outcome = isIdempotent(method)
		? `It was tried ${RETRY_POLICY.transientRetries + 1} times.`
		: `It was not sent again: ${api.notResentAdvice}`;
	return {
		message,
		description: `${code ? `Network error ${code}. ` : ''}${outcome}`,
		details: { error: message, networkError: code ?? 'unknown' },
	};
}

/**
 * An error that is neither the API's answer nor the network's (an unusable URL, say). The error
 * n8n's request stack raises carries the request configuration, credentials included, in its own
 * fields and causes: only its message goes out, on an error of ours.
 */
function otherRequestError(
	ctx: IExecutePaginationFunctions,
	api: RunnerApi,
	error: unknown,
): NodeOperationError {
	const message = error instanceof Error && error.message ? error.message : String(error);
	return new NodeOperationError(
		ctx.getNode(),
		`The request to ${api.name} could not be made: ${message}`,
		{
			itemIndex: ctx.getItemIndex(),
		},
	);
}

/**
 * Requests that must not reach the API twice in one execution: those that change something (not
 * GET, HEAD or DELETE) and that the API answered, or may have acted on (a 5xx, a reset, a
 * timeout). n8n's "Retry On Fail" runs the whole node again after an error (in n8n-core's
 * WorkflowExecute, up to 5 tries of the same run of the node); without this record, the retry
 * would place again the call whose answer got lost, and the calls of the items that had
 * succeeded before another item failed.
 *
 * What stays the same across the tries of a run, and only there: every try is handed the same
 * `IExecuteData` object (the entry n8n took off its execution stack for this run) and the same
 * input item objects, while another run of the node (a loop, another execution) gets another
 * `IExecuteData`, and each call of the node as an AI agent's tool (which shares the agent's
 * `IExecuteData`) gets a fresh input item. So the record is kept per `IExecuteData` and input item,
 * in WeakMaps: it lasts exactly as long as n8n keeps that run and item, and is freed with them, so a
 * long-running n8n keeps nothing from finished executions. For the item, a request is known by its
 * method and URL: an item sends at most one request that changes something.
 */
type SentRequest = { answer: INodeExecutionData[] } | { mayHaveActed: ShownError };

const sentRequestsByRun = new WeakMap<object, WeakMap<object, Map<string, SentRequest>>>();

function sentRequestsOf(ctx: IExecutePaginationFunctions): Map<string, SentRequest> | undefined {
	// Outside a workflow run (no execute data, no input item) there is no retry to guard against.
	const run = ctx.getExecuteData?.() as object | undefined;
	let item: object | undefined;
	try {
		item = ctx.getInputData();
	} catch {
		item = undefined;
	}
	if (!run || typeof run !== 'object' || !item || typeof item !== 'object') return undefined;
	let byItem = sentRequestsByRun.get(run);
	if (!byItem) sentRequestsByRun.set(run, (byItem = new WeakMap()));
	let sent = byItem.get(item);
	if (!sent) byItem.set(item, (sent = new Map()));
	return sent;
}

function requestKey(
	ctx: IExecutePaginationFunctions,
	method: string,
	requestData: RequestData,
): string {
	const { baseURL, url } = requestData.options;
	return `${ctx.getItemIndex()} ${method} ${baseURL ?? ''}${url ?? ''}`;
}

/** A copy of the answer's items, so that a later try's changes to them reach neither the record nor the first output. */
function copyOf(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: structuredClone(item.json) }));
}

/**
 * Sends a request that changes something at most once per item and run of the node (see
 * `SentRequest`): a later try gets the first answer again, or the same "not sent again" error.
 */
export async function sendOnce(
	ctx: IExecutePaginationFunctions,
	api: RunnerApi,
	requestData: RequestData,
): Promise<INodeExecutionData[]> {
	const method = (requestData.options.method ?? 'GET').toUpperCase();
	const sent = isIdempotent(method) ? undefined : sentRequestsOf(ctx);
	if (!sent) return await sendWithRetries(ctx, api, requestData);
	const key = requestKey(ctx, method, requestData);
	const earlier = sent.get(key);
	if (earlier && 'answer' in earlier) return copyOf(earlier.answer);
	if (earlier) throw shownError(ctx, earlier.mayHaveActed);
	let failure: unknown;
	try {
		const answer = await sendWithRetries(ctx, api, requestData);
		sent.set(key, { answer: copyOf(answer) });
		return answer;
	} catch (error) {
		const mayHaveActed = mayHaveActedOn.get(error as Error);
		if (mayHaveActed) sent.set(key, { mayHaveActed });
		failure = error;
	}
	throw failure;
}

/** The errors of requests that changed something and that the API may have acted on. */
const mayHaveActedOn = new WeakMap<Error, ShownError>();

/** The scheduler of the run's account (the credential is read once per run: see credentialsOfRun). */
async function schedulerOf(
	ctx: IExecutePaginationFunctions,
	api: RunnerApi,
): Promise<RequestScheduler> {
	return api.scheduler(await credentialsOfRun(ctx, api.credentialType));
}

/** The steps each hook of `preparedNearItsTurn` runs, for tests. */
const stepsOfHook = new WeakMap<PreSendAction, readonly PreSendAction[]>();

/**
 * An operation's preparation (building its path, normalising, checking: preSend `steps`, in their
 * order) as one preSend hook that prepares the request when the account's scheduler lets it, near
 * its turn (`RequestScheduler.prepareWhenNear`).
 *
 * RoutingNode runs every item's preSend hooks up to their first wait in one loop over the items,
 * and no request leaves before that loop and the preparations it started are over. At the
 * account's limit, a thousand items' checks and expressions would hold back the first request
 * for all of them, while the last items wait many seconds for their turn anyway. Waiting here
 * first leaves RoutingNode's loop only its own work; each request is prepared while earlier ones
 * are in flight. The credential is read once per run (`credentialsOfRun`), as the base URL needs.
 */
export function preparedNearItsTurn(api: RunnerApi, steps: PreSendAction[]): PreSendAction {
	const hook = async function prepareNearItsTurn(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const scheduler = api.scheduler(await credentialsOfRun(this, api.credentialType));
		const signal = this.getExecutionCancelSignal?.();
		const prepared = await scheduler.prepareWhenNear(signal).catch((error: unknown) => {
			// Cancelled while waiting: the request goes on to the runner, which ends it as it ends the
			// others (an error item paired with its input, with Continue On Fail) and sends nothing.
			if (signal?.aborted) return undefined;
			throw error;
		});
		try {
			let options = requestOptions;
			for (const step of steps) options = await step.call(this, options);
			return options;
		} finally {
			prepared?.();
		}
	};
	stepsOfHook.set(hook, steps);
	return hook;
}

/** The steps a hook made by `preparedNearItsTurn` runs, in order; none for another hook. */
export function preparationSteps(hook: PreSendAction): readonly PreSendAction[] {
	return stepsOfHook.get(hook) ?? [];
}

/** Sends one request through n8n's routing (postReceive included), applying the retry policy. */
async function sendWithRetries(
	ctx: IExecutePaginationFunctions,
	api: RunnerApi,
	requestData: RequestData,
): Promise<INodeExecutionData[]> {
	const method = (requestData.options.method ?? 'GET').toUpperCase();
	// n8n follows redirects and, by default, sends the credential along to any origin. Neither API
	// redirects its own requests: a redirect is reported (see `apiError`), never followed.
	requestData.options.disableFollowRedirect = true;
	const scheduler = await schedulerOf(ctx, api);
	const schedule = {
		counted: api.isCounted?.(method) ?? true,
		signal: ctx.getExecutionCancelSignal(),
	};
	const retries = new Retries(scheduler, isIdempotent(method), schedule.signal);
	for (;;) {
		let error: unknown;
		try {
			return await scheduler.run(async () => await ctx.makeRoutingRequest(requestData), schedule);
		} catch (caught) {
			// Decided below, outside the catch, so that what is thrown is the error as it was.
			error = caught;
		}
		if (ctx.getExecutionCancelSignal()?.aborted) throw error;
		const info = apiErrorInfo(error);
		const networkCode = info ? undefined : transportCode(error);
		if (!info && networkCode === undefined) throw otherRequestError(ctx, api, error);
		if (await retries.next(info ?? {})) continue;
		if (info?.status === 429) {
			(error as NodeApiError).description =
				`${api.name} kept rate-limiting the request (HTTP 429) after ${retries.rateLimited} retries. ${(error as NodeApiError).description ?? ''}`.trim();
			throw error;
		}
		if (info) {
			if (info.status >= 500 && !isIdempotent(method)) throw notResent(api, error as NodeApiError);
			throw error;
		}
		const shown = transportError(api, method, networkCode);
		const reported = shownError(ctx, shown);
		if (!isIdempotent(method)) mayHaveActedOn.set(reported, shown);
		throw reported;
	}
}

/**
 * A 5xx to a request that changes something: the API may have acted on it before failing, so it
 * is not sent again, and the error says so.
 */
function notResent(api: RunnerApi, error: NodeApiError): NodeApiError {
	error.description = `${error.description ? `${error.description}. ` : ''}It was not sent again: ${api.notResentAdvice}`;
	mayHaveActedOn.set(error, {
		message: error.message,
		description: error.description,
		httpCode: error.httpCode ?? undefined,
		details: (error as { errorResponse?: JsonObject }).errorResponse ?? { error: error.message },
	});
	return error;
}

/**
 * Every item's output carries its pairing, and with "Continue On Fail" every failure becomes one
 * error item paired with its input item. RoutingNode does neither by itself.
 */
export async function perItem(
	ctx: IExecutePaginationFunctions,
	requestData: RequestData,
	run: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const pairedItem = { item: ctx.getItemIndex() };
	let failure: unknown;
	try {
		const deferred = takeDeferredInputError(requestData.options);
		if (deferred) throw deferred;
		const items = await run();
		return items.map((item) => ({ ...item, pairedItem }));
	} catch (error) {
		if (!ctx.continueOnFail()) failure = error;
		else return [failedItem(error, pairedItem)];
	}
	throw failure;
}

/** The error item "Continue On Fail" gives for a failed input item. */
function failedItem(error: unknown, pairedItem: { item: number }): INodeExecutionData {
	const json: JsonObject = { error: (error as Error).message };
	const { description, httpCode } = error as Partial<NodeApiError>;
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	return { json, error: error as NodeApiError, pairedItem };
}

/** The Limit field's default (`returnAllAndLimitFields`), for a node that has no Limit field. */
const DEFAULT_LIMIT = 50;

function requestedLimit(ctx: IExecutePaginationFunctions): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', null) as boolean | null;
	if (returnAll === null || returnAll) return undefined;
	return ctx.getNodeParameter('limit', DEFAULT_LIMIT) as number;
}

/**
 * The request runner of every operation of a node (`requestOperations.pagination`). RoutingNode
 * hands a request to it when the operation's routing sets `paginate`; every operation does (see
 * `operationRouting`), so this is where retries, pairing and error items happen. Lists that the API
 * answers in one piece (live calls, conferences) are cut to the user's limit here.
 */
export function requestRunner(api: RunnerApi) {
	return async function runRequest(
		this: IExecutePaginationFunctions,
		requestData: RequestData,
	): Promise<INodeExecutionData[]> {
		return await perItem(this, requestData, async () => {
			const items = await sendOnce(this, api, requestData);
			const limit = requestedLimit(this);
			return limit === undefined ? items : items.slice(0, limit);
		});
	};
}

/**
 * How the pages of a list are fetched: through `send` (which applies the retry policy), until
 * `limit` items are in (Infinity for Return All) or the API has no more.
 */
export type PageWalker = (
	ctx: IExecutePaginationFunctions,
	requestData: RequestData,
	limit: number,
	send: (requestData: RequestData) => Promise<INodeExecutionData[]>,
) => Promise<INodeExecutionData[]>;

/** Runner for the lists an API pages, walking them with `walk`; pairing and error items as above. */
export function pagedListRunner(api: RunnerApi, walk: PageWalker) {
	return async function runPagedList(
		this: IExecutePaginationFunctions,
		requestData: RequestData,
	): Promise<INodeExecutionData[]> {
		return await perItem(this, requestData, async () => {
			const send = async (request: RequestData) => await sendOnce(this, api, request);
			return await walk(this, requestData, requestedLimit(this) ?? Infinity, send);
		});
	};
}
