import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { searchPlivoList } from '../../../../lib/plivo/listSearch';

/** "From List" for a stream: the streams of the call given in "Call UUID". */
export async function searchAudioStreams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let callUuid: string;
	try {
		callUuid = String(this.getNodeParameter('callUuid', '') ?? '').trim();
	} catch {
		// In the editor there is no input data: `{{ $json.call_uuid }}` cannot be resolved.
		throw new NodeOperationError(
			this.getNode(),
			'The list cannot read the Call UUID: its expression needs input data, which exists only when the workflow runs. Type the stream’s ID or map it instead.',
		);
	}
	if (callUuid === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Enter the Call UUID first: the list shows the streams of that call.',
		);
	}
	const toItem = (stream: IDataObject) => ({
		name: `${String(stream.service_url)} (started ${String(stream.start_time)}${stream.end_time ? `, ended ${String(stream.end_time)}` : ''})`,
		value: String(stream.stream_id),
	});
	return await searchPlivoList.call(
		this,
		`/Call/${encodeURIComponent(callUuid)}/Stream/`,
		toItem,
		filter,
		paginationToken,
	);
}

export const audioStreamListSearch = { searchAudioStreams };
