import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

const members = participantMembers('several');

export const stopAudio = defineOperation({
	resource: 'mpcParticipant',
	value: 'stopAudio',
	name: 'Stop Audio',
	action: 'Stop audio played to participants of a multiparty call',
	description:
		'Stop the audio Play Audio started; name the members the same way (all stops only a play started for all)',
	method: 'DELETE',
	url: path`/MultiPartyCall/${MPC}/Member/${members.segment}/Play/`,
	properties: [mpcField(), members.field],
});
