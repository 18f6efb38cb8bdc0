import { path } from '../../../../lib/kit/pathSegments';
import { defineOperation } from '../../../../lib/kit/routing';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers } from './shared';

const members = participantMembers('one');

export const get = defineOperation({
	resource: 'mpcParticipant',
	value: 'get',
	name: 'Get',
	action: 'Get a participant of a multiparty call',
	description: 'Get a participant: role, call, mute, hold and coach state, join and exit times',
	method: 'GET',
	url: path`/MultiPartyCall/${MPC}/Participant/${members.segment}/`,
	properties: [mpcField(), members.field],
});
