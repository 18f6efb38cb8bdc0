import { audioUrlCheck, audioUrlField } from '../../fields/audio';
import { defineMemberOperation } from './shared';

export const playAudio = defineMemberOperation({
	value: 'playAudio',
	name: 'Play Audio',
	action: 'Play audio to a conference member',
	description: 'Play an MP3 or WAV file to one or more members of a conference',
	method: 'POST',
	suffix: 'Play/',
	properties: [audioUrlField()],
	checks: [audioUrlCheck],
});
