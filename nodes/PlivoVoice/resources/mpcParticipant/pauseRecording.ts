import { additionalFieldsCollection } from '../../shared/descriptions';
import { path } from '../../shared/pathSegments';
import { defineOperation } from '../../shared/routing';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers, recordTrackTypeField } from './shared';

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
