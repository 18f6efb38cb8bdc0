import { additionalFieldsCollection } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { mpcField } from '../multipartyCall/shared';
import { memberIdField, participantPath, recordTrackTypeField } from './shared';

// The reference gives no default track type here (it does for start, stop and pause); the
// official SDK sends `all`. Unset, the field is not sent.
export const resumeRecording = defineOperation({
	resource: 'mpcParticipant',
	value: 'resumeRecording',
	name: 'Resume Recording',
	action: 'Resume recording a participant of a multiparty call',
	description: 'Resume a paused recording of one participant, in the same file',
	method: 'POST',
	url: participantPath('Record/Resume/'),
	properties: [
		mpcField('The MPC the participant is in'),
		memberIdField('one'),
		additionalFieldsCollection([recordTrackTypeField('Resume', 'body')]),
	],
});
