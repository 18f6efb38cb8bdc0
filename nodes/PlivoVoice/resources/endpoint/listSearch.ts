import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPlivoList } from '../../../../lib/plivo/listSearch';

/** "From List" for an endpoint: the account's endpoints, by alias and username. */
export async function searchEndpoints(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toItem = (endpoint: IDataObject) => ({
		name: `${String(endpoint.alias)} (${String(endpoint.username)})`,
		value: String(endpoint.endpoint_id),
	});
	return await searchPlivoList.call(this, '/Endpoint/', toItem, filter, paginationToken);
}

export const endpointListSearch = { searchEndpoints };
