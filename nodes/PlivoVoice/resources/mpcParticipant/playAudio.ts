import { audioUrlCheck, audioUrlField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { mpcField } from '../multipartyCall/shared';
import { MEMBER_PLAY_PATH, memberIdField } from './shared';

export const playAudio = defineOperation({
	resource: 'mpcParticipant',
	value: 'playAudio',
	name: 'Play Audio',
	action: 'Play audio to participants of a multiparty call',
	description: 'Play an MP3 or WAV file to one participant, several, or everyone in an MPC',
	method: 'POST',
	url: MEMBER_PLAY_PATH,
	properties: [
		mpcField('The live MPC the participants are in'),
		memberIdField('several'),
		// The reference's argument list names this `urls`; its curl sample, every code sample and
		// the official SDK send `url`, one file.
		audioUrlField(),
	],
	checks: [audioUrlCheck],
});
