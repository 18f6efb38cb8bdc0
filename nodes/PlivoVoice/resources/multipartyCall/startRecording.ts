import { additionalFieldsCollection, fileFormatField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { mpcField, mpcPath, recordingCallbackFields, recordingCallbackUrlCheck } from './shared';

export const startRecording = defineOperation({
	resource: 'multipartyCall',
	value: 'startRecording',
	name: 'Start Recording',
	action: 'Start recording a multiparty call',
	description: 'Record the whole MPC; supervisors are heard in the recording even when coaching',
	method: 'POST',
	url: mpcPath('Record/'),
	properties: [
		mpcField('The live MPC to record'),
		additionalFieldsCollection([
			fileFormatField(),
			...recordingCallbackFields('MPCRecordingInitiated, Paused, Resumed, Completed or Failed'),
		]),
	],
	checks: [recordingCallbackUrlCheck],
});
