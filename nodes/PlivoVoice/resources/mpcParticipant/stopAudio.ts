import { defineOperation } from '../../shared/routing';
import { mpcField } from '../multipartyCall/shared';
import { MEMBER_PLAY_PATH, memberIdField } from './shared';

export const stopAudio = defineOperation({
	resource: 'mpcParticipant',
	value: 'stopAudio',
	name: 'Stop Audio',
	action: 'Stop audio played to participants of a multiparty call',
	description: 'Stop the audio Play Audio started; name the members the same way (all stops only a play started for all)',
	method: 'DELETE',
	url: MEMBER_PLAY_PATH,
	properties: [mpcField('The live MPC the participants are in'), memberIdField('several')],
});
