import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matchingFilter, plivoGet } from '../../../../lib/plivo/listSearch';

/**
 * "From List" of the Conference field: the conferences going on now. Plivo answers this list in
 * one piece (`conferences: [name, …]`, not paged), so there is never a next page to ask for.
 */
export async function searchConferences(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { conferences } = await plivoGet.call(this, '/Conference/');
	const names = Array.isArray(conferences) ? conferences.map(String) : [];
	return {
		results: matchingFilter(
			names.map((name) => ({ name, value: name })),
			filter,
		),
	};
}

export const conferenceListSearch = { searchConferences };
