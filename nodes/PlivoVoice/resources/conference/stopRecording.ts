import { CONFERENCE_NAME, conferenceNameField } from '../../fields/conference';
import { path } from '../../../../lib/kit/pathSegments';
import { defineOperation } from '../../../../lib/plivo/routing';

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
