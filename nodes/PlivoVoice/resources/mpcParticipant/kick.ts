import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

const members = participantMembers('oneOrAll');

export const kick = defineOperation({
	resource: 'mpcParticipant',
	value: 'kick',
	name: 'Kick',
	action: 'Kick a participant out of a multiparty call',
	description:
		'Remove a participant, or everyone, from an MPC; participants added through the API are hung up unless they have an On Exit Action URL',
	method: 'DELETE',
	url: path`/MultiPartyCall/${MPC}/Participant/${members.segment}/`,
	properties: [mpcField(), members.field],
});
