import { CONFERENCE_NAME, conferenceNameField } from '../../shared/conference';
import { path } from '../../shared/pathSegments';
import { defineOperation } from '../../shared/routing';

export const stopRecording = defineOperation({
	resource: 'conference',
	value: 'stopRecording',
	name: 'Stop Recording',
	action: 'Stop recording a conference',
	description: 'Stop the recording that Start Recording began on a conference',
	method: 'DELETE',
	url: path`/Conference/${CONFERENCE_NAME}/Record/`,
	properties: [conferenceNameField()],
});
