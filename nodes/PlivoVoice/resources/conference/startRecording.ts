import { CONFERENCE_NAME, conferenceNameField } from '../../fields/conference';
import { additionalFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { recordingOptionChecks, recordingOptionFields } from '../../fields/recording';
import { defineOperation } from '../../../../lib/plivo/routing';

export const startRecording = defineOperation({
	resource: 'conference',
	value: 'startRecording',
	name: 'Start Recording',
	action: 'Start recording a conference',
	description:
		'Record a conference going on now, until Stop Recording or the end of the conference',
	method: 'POST',
	url: path`/Conference/${CONFERENCE_NAME}/Record/`,
	properties: [conferenceNameField(), additionalFieldsCollection(recordingOptionFields)],
	checks: recordingOptionChecks,
});
