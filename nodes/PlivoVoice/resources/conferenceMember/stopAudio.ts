import { SAME_MEMBER_ID_HINT, defineMemberOperation } from './shared';

export const stopAudio = defineMemberOperation({
	value: 'stopAudio',
	name: 'Stop Audio',
	action: 'Stop audio to a conference member',
	description: 'Stop the audio that Play Audio started for one or more members',
	method: 'DELETE',
	suffix: 'Play/',
	memberHint: SAME_MEMBER_ID_HINT,
});
