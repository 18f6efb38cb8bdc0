import type {
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemsFrom } from '../../../../lib/kit/routing';
import { accountScheduler, policyForLimit } from '../../../../lib/kit/scheduler';
import type { PageWalker, RunnerApi } from '../../../../lib/kit/transport';
import { pagedListRunner, requestRunner } from '../../../../lib/kit/transport';

/**
 * SignalWire's rate-limits guide: 13,800 POST, PUT and PATCH requests per 10 seconds per space;
 * GET and DELETE effectively unlimited. Requests in flight at once are bounded as for Plivo.
 */
const SIGNALWIRE_WRITES_PER_WINDOW = 13_800;
const SIGNALWIRE_WINDOW_SECONDS = 10;
const SIGNALWIRE_MAX_IN_FLIGHT = 50;

/**
 * The SignalWire node runs its requests through the same runner as the Plivo node: retries on 429
 * after Retry-After, reads and deletes retried after a 5xx or a timeout, changes never resent,
 * pairing and Continue On Fail.
 */
export const SIGNALWIRE_API: RunnerApi = {
	name: 'SignalWire',
	notResentAdvice:
		'SignalWire may already have acted on it (for example, muted the participant or ended the conference). Check the conference before you run it again.',
	credentialType: 'signalWireApi',
	scheduler: (credentials) =>
		accountScheduler(
			`signalwire|${String(credentials.spaceUrl ?? '').trim()}|${String(credentials.projectId ?? '')}`,
			policyForLimit(
				SIGNALWIRE_WRITES_PER_WINDOW,
				SIGNALWIRE_WINDOW_SECONDS,
				SIGNALWIRE_MAX_IN_FLIGHT,
			),
		),
	// SignalWire limits writes only: "GET, DELETE: effectively unlimited".
	isCounted: (method) => !['GET', 'HEAD', 'DELETE'].includes(method),
};

/** SignalWire's largest page (`PageSize` is 50 unless asked, at most 1000). */
const MAX_PAGE_SIZE = 1000;

/**
 * The `next_page_uri` of the page each list of items came from. The items are all the paged
 * runner gets back from a request, so the last output step notes the link here, beside them.
 */
const nextPageUris = new WeakMap<INodeExecutionData[], string>();

/** One item per entry of a page (`conferences`, `participants`), noting where the next page is. */
export function itemsFromPage(property: string): PostReceiveAction {
	const toItems = itemsFrom(property);
	return async function (this: IExecuteSingleFunctions, items, response) {
		const pageItems = await toItems.call(this, items, response);
		const next = (response.body as { next_page_uri?: unknown } | undefined)?.next_page_uri;
		if (typeof next === 'string' && next !== '') nextPageUris.set(pageItems, next);
		return pageItems;
	};
}

/**
 * Where `next` (a path from the space's root) points, resolved as n8n will resolve it, provided it
 * stays on the account: the same origin as the credential's space and under the account's path.
 * The check is on the parsed URL, not on the text: `/\host/…`, or a tab or new line inside
 * `//host`, read as a path yet resolve to another host.
 */
function nextPageUrl(
	ctx: IExecutePaginationFunctions,
	next: string,
	accountBaseUrl: string,
): string {
	const account = new URL(accountBaseUrl);
	let url: URL | undefined;
	try {
		url = new URL(next, account);
	} catch {
		url = undefined;
	}
	const accountPath = `${account.pathname.replace(/\/+$/, '')}/`;
	if (
		!next.startsWith('/') ||
		url?.origin !== account.origin ||
		!url.pathname.startsWith(accountPath)
	) {
		throw new NodeOperationError(
			ctx.getNode(),
			'SignalWire pointed to a next page that is not on your space',
			{
				description: `The next page's address, ${JSON.stringify(next)}, was not followed, so that the API token is not sent elsewhere.`,
				itemIndex: ctx.getItemIndex(),
			},
		);
	}
	return url.toString();
}

/**
 * SignalWire's lists: the first request asks for a page as large as the user's limit (at most
 * 1000); then each page's `next_page_uri` is followed as given, until the limit is reached or
 * there is no next page. The link is a path from the space's root that carries the filters, the
 * page size and the page token, so it replaces the request's URL and query. Only a path on the
 * same space is followed: the request carries the API token.
 */
const walkNextPageUris: PageWalker = async (ctx, requestData, limit, send) => {
	requestData.options.qs = { ...requestData.options.qs, PageSize: Math.min(MAX_PAGE_SIZE, limit) };
	const results: INodeExecutionData[] = [];
	for (;;) {
		const page = await send(requestData);
		results.push(...page);
		const next = nextPageUris.get(page);
		if (next === undefined || results.length >= limit) break;
		requestData.options.url = nextPageUrl(ctx, next, String(requestData.options.baseURL));
		requestData.options.qs = {};
	}
	return results.slice(0, limit);
};

export const runRequest = requestRunner(SIGNALWIRE_API);

export const runPagedList = pagedListRunner(SIGNALWIRE_API, walkNextPageUris);
