import { pathParameter } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { recordingIdField } from './shared';

export const deleteRecording = defineOperation({
	resource: 'recording',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a recording',
	description: 'Delete a recording from the account for good',
	method: 'DELETE',
	url: `=/Recording/${pathParameter('recordingId')}/`,
	properties: [recordingIdField('The recording to delete')],
});
