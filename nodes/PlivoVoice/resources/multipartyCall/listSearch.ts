import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPlivoList } from '../../../../lib/plivo/listSearch';

/**
 * "From List": the MPCs that are still live (initialized or active), by name, with their UUID as
 * the value. Plivo's list takes a single status, so ended MPCs are left out here.
 */
export async function searchMultipartyCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPlivoList.call(
		this,
		'/MultiPartyCall/',
		(mpc: IDataObject) =>
			String(mpc.status).toLowerCase() === 'ended'
				? undefined
				: {
						name: String(mpc.friendly_name),
						value: String(mpc.mpc_uuid),
						description: String(mpc.status),
					},
		filter,
		paginationToken,
	);
}

export const multipartyCallListSearch = { searchMultipartyCalls };
