import { updateFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { responseAsItem } from '../../../../lib/kit/routing';
import { somethingToUpdate } from '../../../../lib/kit/validation';
import {
	aliasField,
	applicationIdField,
	ENDPOINT_ID,
	endpointFieldChecks,
	endpointIdField,
	passwordField,
	withoutPassword,
} from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const update = defineOperation({
	resource: 'endpoint',
	value: 'update',
	name: 'Update',
	action: 'Update a SIP endpoint',
	description: 'Change the password or alias of a SIP endpoint, or the application attached to it',
	method: 'POST',
	url: path`/Endpoint/${ENDPOINT_ID}/`,
	output: [responseAsItem, withoutPassword],
	properties: [
		endpointIdField('The endpoint to change'),
		// The SDK's documentation also lists `username`; Plivo's reference does not.
		updateFieldsCollection([aliasField, applicationIdField, passwordField]),
	],
	checks: [somethingToUpdate, ...endpointFieldChecks],
});
