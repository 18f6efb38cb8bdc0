import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

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
