import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildPathSegment } from '../../../../lib/kit/pathSegments';
import { searchPlivoList } from '../../../../lib/plivo/listSearch';
import { CALL_UUID, CALL_UUID_FORM } from '../call/shared';
import type { PlivoVoiceVersion } from '../../versions';
import { STREAM_CALLS } from './shared';

/** "From List" for a stream: the streams of the call given in "Call UUID". */
export async function searchAudioStreams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { field } = STREAM_CALLS[this.getNode().typeVersion as PlivoVoiceVersion];
	let callUuid: string;
	try {
		callUuid = String(this.getNodeParameter(field.name, '') ?? '').trim();
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
	// Through the one segment builder, as in the operations' paths: `..` would list another resource.
	const callSegment = buildPathSegment(
		callUuid,
		{ displayName: CALL_UUID.displayName, operationName: 'Stream list' },
		CALL_UUID_FORM,
	);
	if (callSegment.problem !== undefined)
		throw new NodeOperationError(this.getNode(), callSegment.problem);
	const toItem = (stream: IDataObject) => ({
		name: `${String(stream.service_url)} (started ${String(stream.start_time)}${stream.end_time ? `, ended ${String(stream.end_time)}` : ''})`,
		value: String(stream.stream_id),
	});
	return await searchPlivoList.call(
		this,
		`/Call/${callSegment.segment}/Stream/`,
		toItem,
		filter,
		paginationToken,
	);
}

export const audioStreamListSearch = { searchAudioStreams };
