import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers } from './shared';
import { audioUrlCheck, audioUrlField } from '../../fields/audio';
import { defineOperation } from '../../../../lib/plivo/routing';

const members = participantMembers('several');

export const playAudio = defineOperation({
	resource: 'mpcParticipant',
	value: 'playAudio',
	name: 'Play Audio',
	action: 'Play audio to participants of a multiparty call',
	description: 'Play an MP3 or WAV file to one participant, several, or everyone in an MPC',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/Member/${members.segment}/Play/`,
	properties: [
		mpcField(),
		members.field,
		// The reference's argument list names this `urls`; its curl sample, every code sample and
		// the official SDK send `url`, one file.
		audioUrlField(),
	],
	checks: [audioUrlCheck],
});
