import { conferenceNameField } from '../../shared/conference';
import { pathParameter } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const hangup = defineOperation({
	resource: 'conference',
	value: 'hangup',
	name: 'Hang Up',
	action: 'Hang up a conference',
	description: 'End a conference: every member’s call is hung up',
	method: 'DELETE',
	url: `=/Conference/${pathParameter('conferenceName')}/`,
	properties: [conferenceNameField('The conference to end')],
});
