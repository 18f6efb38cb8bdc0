import type {
	IDataObject,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { sendPaced } from '../kit/transport';
import { plivoApiError } from './errors';
import { accountBaseUrl } from './hosts';
import { plivoScheduler } from './rateLimit';
import { PLIVO_PAGE_SIZE } from './transport';

/**
 * 429s in a row after which a list search gives up and shows Plivo's error: somebody is looking
 * at the list's spinner, and a run's 8 retries of up to 30 s could keep it turning for minutes.
 */
const EDITOR_RATE_LIMIT_RETRIES = 2;

/**
 * A GET on the account base (e.g. `/Conference/`) from a list search in the editor, paced with
 * the account's other requests and retried as they are (a 429 holds them all back), never
 * following a redirect (the credential would go along). Plivo's error answer becomes its
 * NodeApiError, with Plivo's own text, as in the node's operations.
 */
export async function plivoGet(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject> {
	const credentials = await this.getCredentials('plivoVoiceApi');
	const url = `${accountBaseUrl(credentials)}${path}`;
	const response = await sendPaced(
		plivoScheduler(credentials),
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(this, 'plivoVoiceApi', {
				method: 'GET',
				url,
				qs,
				json: true,
				headers: { Accept: 'application/json' },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
			})) as IN8nHttpFullResponse,
		{ repeatable: true, rateLimitRetries: EDITOR_RATE_LIMIT_RETRIES },
	);
	if (response.statusCode >= 300) throw plivoApiError(this, response);
	return (response.body ?? {}) as IDataObject;
}

/**
 * One page of a Plivo list for a resource locator's "From List" mode. The pagination token is
 * the next offset; the filter the user typed is matched against the item names here, since Plivo
 * lists offer no free-text search. `toItem` returns nothing for entries not to offer (an MPC that
 * has ended, say); the page still counts them, so paging goes on.
 */
export async function searchPlivoList(
	this: ILoadOptionsFunctions,
	path: string,
	toItem: (object: IDataObject) => INodeListSearchItems | undefined,
	filter?: string,
	paginationToken?: string,
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const page = await plivoGet.call(this, path, { ...qs, limit: PLIVO_PAGE_SIZE, offset });
	const objects = (page.objects as IDataObject[] | undefined) ?? [];
	const items = objects
		.map(toItem)
		.filter((item): item is INodeListSearchItems => item !== undefined);
	const results = matchingFilter(items, filter);
	const more = objects.length === PLIVO_PAGE_SIZE;
	return { results, paginationToken: more ? String(offset + PLIVO_PAGE_SIZE) : undefined };
}

/** The items whose name contains the text the user typed (any case); all of them when nothing was typed. */
export function matchingFilter(
	items: INodeListSearchItems[],
	filter?: string,
): INodeListSearchItems[] {
	const needle = filter?.trim().toLowerCase();
	return needle ? items.filter((item) => item.name.toLowerCase().includes(needle)) : items;
}
