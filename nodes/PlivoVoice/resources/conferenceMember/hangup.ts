import { defineMemberOperation } from './shared';

export const hangup = defineMemberOperation({
	value: 'hangup',
	name: 'Hang Up',
	action: 'Hang up a conference member',
	description: 'End the call of a conference member, or of every member',
	method: 'DELETE',
	suffix: '',
	oneMember: true,
});
