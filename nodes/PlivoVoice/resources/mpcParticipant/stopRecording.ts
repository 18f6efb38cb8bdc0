import { additionalFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers, recordTrackTypeField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

const members = participantMembers('one');

export const stopRecording = defineOperation({
	resource: 'mpcParticipant',
	value: 'stopRecording',
	name: 'Stop Recording',
	action: 'Stop recording a participant of a multiparty call',
	description: 'Stop a recording of one participant; the file is then complete',
	method: 'DELETE',
	url: path`/MultiPartyCall/${MPC}/Participant/${members.segment}/Record/`,
	properties: [
		mpcField(),
		members.field,
		additionalFieldsCollection([recordTrackTypeField('Stop', 'query')]),
	],
});
