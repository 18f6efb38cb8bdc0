import { defineMemberOperation } from './shared';

export const mute = defineMemberOperation({
	value: 'mute',
	name: 'Mute',
	action: 'Mute a conference member',
	description: 'Stop the others in the conference from hearing one or more members',
	method: 'POST',
	suffix: 'Mute/',
});
