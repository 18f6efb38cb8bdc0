import { toBody, updateFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { somethingToUpdate } from '../../../../lib/kit/validation';
import { aliasField, subaccountField, VERIFIED_NUMBER, verifiedNumberField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const update = defineOperation({
	resource: 'verifiedCallerId',
	value: 'update',
	name: 'Update',
	action: 'Update a verified caller ID',
	description: 'Change the alias of a verified number, or the subaccount it belongs to',
	method: 'POST',
	url: path`/VerifiedCallerId/${VERIFIED_NUMBER}`,
	properties: [
		verifiedNumberField('The verified number to change'),
		updateFieldsCollection([
			aliasField(toBody('alias'), 'New name for the number'),
			subaccountField(
				toBody('subaccount'),
				'Auth ID of the subaccount the number moves to (main-account credentials only)',
			),
		]),
	],
	checks: [somethingToUpdate],
});
