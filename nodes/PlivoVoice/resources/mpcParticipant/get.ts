import { defineOperation } from '../../shared/routing';
import { mpcField } from '../multipartyCall/shared';
import { memberIdField, participantPath } from './shared';

export const get = defineOperation({
	resource: 'mpcParticipant',
	value: 'get',
	name: 'Get',
	action: 'Get a participant of a multiparty call',
	description: 'Get a participant: role, call, mute, hold and coach state, join and exit times',
	method: 'GET',
	url: participantPath(),
	properties: [mpcField('The MPC the participant is in'), memberIdField('one')],
});
