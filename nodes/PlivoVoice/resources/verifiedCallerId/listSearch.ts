import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPlivoList } from '../../../../lib/plivo/listSearch';

/** "From List" for a verified number: the account's verified caller IDs, by number and alias. */
export async function searchVerifiedCallerIds(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toItem = (callerId: IDataObject) => ({
		name: callerId.alias
			? `${String(callerId.phone_number)} (${String(callerId.alias)})`
			: String(callerId.phone_number),
		value: String(callerId.phone_number),
	});
	return await searchPlivoList.call(this, '/VerifiedCallerId/', toItem, filter, paginationToken);
}

export const verifiedCallerIdListSearch = { searchVerifiedCallerIds };
