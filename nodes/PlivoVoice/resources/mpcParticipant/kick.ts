import { defineOperation } from '../../shared/routing';
import { mpcField } from '../multipartyCall/shared';
import { memberIdField, participantPath } from './shared';

export const kick = defineOperation({
	resource: 'mpcParticipant',
	value: 'kick',
	name: 'Kick',
	action: 'Kick a participant out of a multiparty call',
	description: 'Remove a participant, or everyone, from an MPC; participants added through the API are hung up unless they have an On Exit Action URL',
	method: 'DELETE',
	url: participantPath(),
	properties: [mpcField('The MPC the participant is in'), memberIdField('oneOrAll')],
});
