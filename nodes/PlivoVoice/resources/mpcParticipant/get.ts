import { path } from '../../shared/pathSegments';
import { defineOperation } from '../../shared/routing';
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
