import { additionalFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField, recordingCallbackFields, recordingCallbackUrlCheck } from './shared';
import { fileFormatField } from '../../fields/recording';
import { defineOperation } from '../../../../lib/plivo/routing';

export const startRecording = defineOperation({
	resource: 'multipartyCall',
	value: 'startRecording',
	name: 'Start Recording',
	action: 'Start recording a multiparty call',
	description: 'Record the whole MPC; supervisors are heard in the recording even when coaching',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/Record/`,
	properties: [
		mpcField(),
		additionalFieldsCollection([
			fileFormatField(),
			...recordingCallbackFields('MPCRecordingInitiated, Paused, Resumed, Completed or Failed'),
		]),
	],
	checks: [recordingCallbackUrlCheck],
});
