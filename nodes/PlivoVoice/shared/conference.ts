import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { resourceLocatorField } from './descriptions';
import { matchingFilter, plivoGet } from './listSearch';

/**
 * The conference an operation acts on, by name: picked from the conferences going on now, or
 * typed / mapped. Used by the Conference and Conference Member resources.
 */
export function conferenceNameField(description: string): INodeProperties {
	return resourceLocatorField({
		displayName: 'Conference',
		name: 'conferenceName',
		description,
		searchListMethod: 'searchConferences',
		listPlaceholder: 'Select a conference…',
		typed: { displayName: 'By Name', name: 'name', placeholder: 'e.g. My Conf Room' },
	});
}

/**
 * "From List" of the Conference field: the conferences going on now. Plivo answers this list in
 * one piece (`conferences: [name, …]`, not paged), so there is never a next page to ask for.
 */
export async function searchConferences(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { conferences } = await plivoGet.call(this, '/Conference/');
	const names = Array.isArray(conferences) ? conferences.map(String) : [];
	return { results: matchingFilter(names.map((name) => ({ name, value: name })), filter) };
}
