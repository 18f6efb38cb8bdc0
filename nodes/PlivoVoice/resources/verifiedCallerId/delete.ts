import { defineOperation } from '../../shared/routing';
import { phoneNumberParameterCheck, verifiedNumberField, verifiedNumberPath } from './shared';

export const deleteVerifiedCallerId = defineOperation({
	resource: 'verifiedCallerId',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a verified caller ID',
	description: 'Remove a verified number; calls can no longer use it as caller ID',
	method: 'DELETE',
	url: verifiedNumberPath,
	properties: [verifiedNumberField('The verified number to remove')],
	checks: [phoneNumberParameterCheck],
});
