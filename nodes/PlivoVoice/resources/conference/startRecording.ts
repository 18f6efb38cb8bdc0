import { CONFERENCE_NAME, conferenceNameField } from '../../shared/conference';
import { additionalFieldsCollection } from '../../shared/descriptions';
import { path } from '../../shared/pathSegments';
import { recordingOptionChecks, recordingOptionFields } from '../../shared/recording';
import { defineOperation } from '../../shared/routing';

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
