import { additionalFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers, recordTrackTypeField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

// The reference gives no default track type here (it does for start, stop and pause); the
// official SDK sends `all`. Unset, the field is not sent.
const members = participantMembers('one');

export const resumeRecording = defineOperation({
	resource: 'mpcParticipant',
	value: 'resumeRecording',
	name: 'Resume Recording',
	action: 'Resume recording a participant of a multiparty call',
	description: 'Resume a paused recording of one participant, in the same file',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/Participant/${members.segment}/Record/Resume/`,
	properties: [
		mpcField(),
		members.field,
		additionalFieldsCollection([recordTrackTypeField('Resume', 'body')]),
	],
});
