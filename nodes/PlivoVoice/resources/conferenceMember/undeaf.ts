import { defineMemberOperation } from './shared';

export const undeaf = defineMemberOperation({
	value: 'undeaf',
	name: 'Undeafen',
	action: 'Undeafen a conference member',
	description: 'Let one or more deafened members hear the conference again',
	method: 'DELETE',
	suffix: 'Deaf/',
});
