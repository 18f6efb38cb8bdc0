import { conferenceNameField } from '../../shared/conference';
import { pathParameter } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const stopRecording = defineOperation({
	resource: 'conference',
	value: 'stopRecording',
	name: 'Stop Recording',
	action: 'Stop recording a conference',
	description: 'Stop the recording that Start Recording began on a conference',
	method: 'DELETE',
	url: `=/Conference/${pathParameter('conferenceName')}/Record/`,
	properties: [conferenceNameField('The conference being recorded')],
});
