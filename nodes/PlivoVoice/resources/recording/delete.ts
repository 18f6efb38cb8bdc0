import { path } from '../../../../lib/kit/pathSegments';
import { RECORDING_ID, recordingIdField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const deleteRecording = defineOperation({
	resource: 'recording',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a recording',
	description: 'Delete a recording from the account for good',
	method: 'DELETE',
	url: path`/Recording/${RECORDING_ID}/`,
	properties: [recordingIdField('The recording to delete')],
});
