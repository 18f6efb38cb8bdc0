import { SAME_MEMBER_ID_HINT, defineMemberOperation } from './shared';

export const stopSpeaking = defineMemberOperation({
	value: 'stopSpeaking',
	name: 'Stop Speaking',
	action: 'Stop speaking to a conference member',
	description: 'Stop the text that Speak Text is reading to one or more members',
	method: 'DELETE',
	suffix: 'Speak/',
	memberHint: SAME_MEMBER_ID_HINT,
});
