import { defineMemberOperation } from './shared';

export const deaf = defineMemberOperation({
	value: 'deaf',
	name: 'Deafen',
	action: 'Deafen a conference member',
	description: 'Stop one or more members from hearing the conference; the others still hear them',
	method: 'POST',
	suffix: 'Deaf/',
});
