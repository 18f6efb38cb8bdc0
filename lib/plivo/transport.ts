import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import type { PageWalker, RunnerApi } from '../kit/transport';
import { pagedListRunner, requestRunner } from '../kit/transport';
import { plivoScheduler } from './rateLimit';

type RequestData = DeclarativeRestApiSettings.ResultOptions;

/**
 * Plivo pages lists with `limit` (at most 20) and `offset`.
 */
export const PLIVO_PAGE_SIZE = 20;

export const PLIVO_API: RunnerApi = {
	name: 'Plivo',
	notResentAdvice:
		'Plivo may already have acted on it (for example, placed the call). Check the call logs before you run it again.',
	credentialType: 'plivoVoiceApi',
	scheduler: plivoScheduler,
};

/**
 * What a page of a Plivo list says about the list (`meta`): how many entries it has in all, and
 * whether there is a next page. The items are all the paged runner gets back from a request, so
 * the last output step notes it here, beside them.
 */
interface PageInfo {
	total?: number;
	hasNext?: boolean;
}

const pageInfos = new WeakMap<INodeExecutionData[], PageInfo>();

/** Last output step of Plivo's paged lists: notes the page's `meta` beside its items. */
export async function notePlivoPage(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const meta = (response.body as { meta?: IDataObject } | undefined)?.meta;
	if (meta && typeof meta === 'object') {
		const total = meta.total_count;
		pageInfos.set(items, {
			...(typeof total === 'number' && Number.isInteger(total) && total >= 0 ? { total } : {}),
			...('next' in meta ? { hasNext: meta.next !== null && meta.next !== '' } : {}),
		});
	}
	return items;
}

/** The request of the page of `size` entries from `offset`; the others' are left as they are. */
function offsetPage(requestData: RequestData, offset: number, size: number): RequestData {
	const { options } = requestData;
	return {
		...requestData,
		options: {
			...options,
			headers: { ...options.headers },
			qs: { ...options.qs, limit: size, offset },
		},
	};
}

/**
 * Plivo's lists, paged with `limit`/`offset` (pages of at most 20). When the first page tells how
 * many entries there are (`meta.total_count`), the other pages are asked for at once, and the
 * account's scheduler paces them; the output keeps their order. Lists that do not tell are walked
 * a page at a time, until the user's limit, a short page or a page with no next one.
 */
const walkOffsetPages: PageWalker = async (_ctx, requestData, limit, send) => {
	const firstSize = Math.min(PLIVO_PAGE_SIZE, limit);
	const first = await send(offsetPage(requestData, 0, firstSize));
	const { total, hasNext } = pageInfos.get(first) ?? {};
	if (first.length < firstSize || hasNext === false) return first;
	if (total !== undefined) {
		const wanted = Math.min(limit, total);
		const offsets: number[] = [];
		for (let offset = first.length; offset < wanted; offset += PLIVO_PAGE_SIZE)
			offsets.push(offset);
		const pages = await Promise.all(
			offsets.map(
				async (offset) =>
					await send(offsetPage(requestData, offset, Math.min(PLIVO_PAGE_SIZE, limit - offset))),
			),
		);
		return [first, ...pages].flat().slice(0, limit);
	}
	const results = [...first];
	while (results.length < limit) {
		const size = Math.min(PLIVO_PAGE_SIZE, limit - results.length);
		const page = await send(offsetPage(requestData, results.length, size));
		results.push(...page);
		if (page.length < size || pageInfos.get(page)?.hasNext === false) break;
	}
	return results;
};

export const runRequest = requestRunner(PLIVO_API);

export const runPagedList = pagedListRunner(PLIVO_API, walkOffsetPages);
