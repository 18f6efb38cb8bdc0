import { additionalFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers, recordTrackTypeField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

const members = participantMembers('one');

export const pauseRecording = defineOperation({
	resource: 'mpcParticipant',
	value: 'pauseRecording',
	name: 'Pause Recording',
	action: 'Pause recording a participant of a multiparty call',
	description: 'Pause a recording of one participant',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/Participant/${members.segment}/Record/Pause/`,
	properties: [
		mpcField(),
		members.field,
		additionalFieldsCollection([recordTrackTypeField('Pause', 'body')]),
	],
});
