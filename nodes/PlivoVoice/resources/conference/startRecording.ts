import { conferenceNameField } from '../../shared/conference';
import { additionalFieldsCollection, pathParameter } from '../../shared/descriptions';
import { recordingOptionChecks, recordingOptionFields } from '../../shared/recording';
import { defineOperation } from '../../shared/routing';

export const startRecording = defineOperation({
	resource: 'conference',
	value: 'startRecording',
	name: 'Start Recording',
	action: 'Start recording a conference',
	description: 'Record a conference going on now, until Stop Recording or the end of the conference',
	method: 'POST',
	url: `=/Conference/${pathParameter('conferenceName')}/Record/`,
	properties: [conferenceNameField('The conference to record'), additionalFieldsCollection(recordingOptionFields)],
	checks: recordingOptionChecks,
});
