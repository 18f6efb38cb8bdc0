import { defineMemberOperation } from './shared';

export const unmute = defineMemberOperation({
	value: 'unmute',
	name: 'Unmute',
	action: 'Unmute a conference member',
	description: 'Let the others in the conference hear one or more muted members again',
	method: 'DELETE',
	suffix: 'Mute/',
});
