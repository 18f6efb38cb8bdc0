import { additionalFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import {
	MPC,
	mpcField,
	recordingCallbackFields,
	recordingCallbackUrlCheck,
} from '../multipartyCall/shared';
import { participantMembers, recordTrackTypeField } from './shared';
import { fileFormatField } from '../../fields/recording';
import { defineOperation } from '../../../../lib/plivo/routing';

const members = participantMembers('one');

export const startRecording = defineOperation({
	resource: 'mpcParticipant',
	value: 'startRecording',
	name: 'Start Recording',
	action: 'Start recording a participant of a multiparty call',
	description:
		'Record one participant: their own audio, the MPC as a multi-channel recording, or both',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/Participant/${members.segment}/Record/`,
	properties: [
		mpcField(),
		members.field,
		additionalFieldsCollection([
			fileFormatField(),
			...recordingCallbackFields(
				'ParticipantRecordingInitiated, Paused, Resumed, Completed or Failed',
			),
			recordTrackTypeField('Start', 'body'),
		]),
	],
	checks: [recordingCallbackUrlCheck],
});
