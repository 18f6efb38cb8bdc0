import { defineMemberOperation } from './shared';

export const kick = defineMemberOperation({
	value: 'kick',
	name: 'Kick',
	action: 'Kick a conference member',
	description:
		'Take a member out of the conference without hanging up: their call goes on with the next instruction of its Plivo XML',
	method: 'POST',
	suffix: 'Kick/',
	oneMember: true,
});
