/**
 * Paging as SignalWire's compatibility API does it: `Page` (from 0), `PageSize` (default 50, at
 * most 1000) and `PageToken`; the answer carries the items under the resource's key and the page
 * fields `uri`, `first_page_uri`, `next_page_uri`, `previous_page_uri`, `page` and `page_size`.
 * Page URIs repeat the filters, so that following `next_page_uri` as given keeps them.
 *
 * `PageToken` is `PA` followed by the sid of the last item of the previous page (the form the
 * API's `next_page_uri` carries): with it, the page starts right after that item.
 */
import type { Args } from '../../../test/sandbox/arguments.mts';
import { integer, optionalString } from '../../../test/sandbox/arguments.mts';
import { badRequest } from '../../../test/sandbox/core.mts';

export const PAGING_ARGS = ['Page', 'PageSize', 'PageToken'];

export interface PageOptions<T> {
	/** The list's canonical path, e.g. `/api/laml/2010-04-01/Accounts/{id}/Conferences.json`. */
	path: string;
	/** The key the items go under, e.g. `conferences`. */
	key: string;
	sidOf: (item: T) => string;
	/** The filters the request gave, repeated in every page URI. */
	filters: Record<string, string>;
}

export function page<T>(items: T[], args: Args, options: PageOptions<T>): Record<string, unknown> {
	const pageSize = integer(args, 'PageSize', 1, 1000, 50)!;
	const pageNumber = integer(args, 'Page', 0, Number.MAX_SAFE_INTEGER, 0)!;
	const token = optionalString(args, 'PageToken');
	let start = pageNumber * pageSize;
	if (token !== undefined) {
		const after = token.startsWith('PA')
			? items.findIndex((item) => options.sidOf(item) === token.slice(2))
			: -1;
		if (after < 0) throw badRequest(`PageToken ${token} is not valid for this list`);
		start = after + 1;
	}
	const pageItems = items.slice(start, start + pageSize);
	const uri = (at: number, extra: Record<string, string> = {}) =>
		`${options.path}?${new URLSearchParams({ ...options.filters, Page: String(at), PageSize: String(pageSize), ...extra }).toString()}`;
	const last = pageItems[pageItems.length - 1];
	return {
		uri: uri(pageNumber, token === undefined ? {} : { PageToken: token }),
		first_page_uri: uri(0),
		next_page_uri:
			start + pageSize < items.length && last
				? uri(pageNumber + 1, { PageToken: `PA${options.sidOf(last)}` })
				: null,
		previous_page_uri: pageNumber > 0 ? uri(pageNumber - 1) : null,
		page: pageNumber,
		page_size: pageSize,
		[options.key]: pageItems,
	};
}
