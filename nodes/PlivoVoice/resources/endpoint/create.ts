import { additionalFieldsCollection, toBody } from '../../../../lib/kit/fields';
import { responseAsItem } from '../../../../lib/kit/routing';
import { bodyOf } from '../../../../lib/kit/validation';
import {
	aliasField,
	applicationIdField,
	endpointFieldChecks,
	passwordField,
	withoutPassword,
} from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const create = defineOperation({
	resource: 'endpoint',
	value: 'create',
	name: 'Create',
	action: 'Create a SIP endpoint',
	description:
		'Create a SIP endpoint that SIP phones and Plivo’s client SDKs sign in with to make and take calls',
	method: 'POST',
	url: '/Endpoint/',
	output: [responseAsItem, withoutPassword],
	properties: [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. alice',
			description:
				'Letters and digits, starting with a letter. Plivo adds 12 digits to make it unique (alice becomes, for example, alice240209035222); the output shows the full username.',
			routing: toBody('username'),
		},
		{ ...passwordField, required: true },
		{ ...aliasField, required: true },
		additionalFieldsCollection([applicationIdField]),
	],
	checks: [
		(requestOptions) => {
			const username = String(bodyOf(requestOptions).username ?? '');
			if (/^[A-Za-z][A-Za-z0-9]*$/.test(username)) return undefined;
			return `‘${username}’ in the ‘Username’ field must be letters and digits only, starting with a letter.`;
		},
		...endpointFieldChecks,
	],
});
