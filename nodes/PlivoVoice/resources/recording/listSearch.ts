import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { searchPlivoList } from '../../../../lib/plivo/listSearch';

/** `2026-03-01 09:30 · Conference Sales standup · 125 s`: what a recording is, at a glance. */
function recordingListItem(recording: IDataObject): INodeListSearchItems {
	const added = String(recording.add_time ?? '').slice(0, 16);
	const source =
		recording.recording_type === 'conference'
			? `Conference ${String(recording.conference_name)}`
			: recording.call_uuid
				? `Call ${String(recording.call_uuid)}`
				: String(recording.recording_type ?? 'Recording');
	const seconds = Math.round(Number(recording.recording_duration_ms ?? 0) / 1000);
	return {
		name: `${added} · ${source} · ${seconds} s`,
		value: String(recording.recording_id),
		url: typeof recording.recording_url === 'string' ? recording.recording_url : undefined,
	};
}

/** "From List" of the Recording field: Plivo's recording list (the last 7 days), a page at a time. */
export async function searchRecordings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPlivoList.call(
		this,
		'/Recording/',
		recordingListItem,
		filter,
		paginationToken,
	);
}

export const recordingListSearch = { searchRecordings };
