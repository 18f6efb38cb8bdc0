import { additionalFieldsCollection, fileFormatField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { mpcField, recordingCallbackFields, recordingCallbackUrlCheck } from '../multipartyCall/shared';
import { memberIdField, participantPath, recordTrackTypeField } from './shared';

export const startRecording = defineOperation({
	resource: 'mpcParticipant',
	value: 'startRecording',
	name: 'Start Recording',
	action: 'Start recording a participant of a multiparty call',
	description: 'Record one participant: their own audio, the MPC as a multi-channel recording, or both',
	method: 'POST',
	url: participantPath('Record/'),
	properties: [
		mpcField('The live MPC the participant is in'),
		memberIdField('one'),
		additionalFieldsCollection([
			fileFormatField(),
			...recordingCallbackFields('ParticipantRecordingInitiated, Paused, Resumed, Completed or Failed'),
			recordTrackTypeField('Start', 'body'),
		]),
	],
	checks: [recordingCallbackUrlCheck],
});
