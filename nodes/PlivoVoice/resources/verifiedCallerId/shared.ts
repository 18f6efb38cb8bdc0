import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { resourceLocatorField } from '../../shared/descriptions';
import type { RequestCheck } from '../../shared/validation';
import { parameterValue, phoneNumberProblem } from '../../shared/validation';

/**
 * A verified number in a path: digits only, as in the `resource_uri` Plivo gives each verified
 * caller ID (`/v1/Account/{auth_id}/VerifiedCallerId/12025551XXX`). A raw `+` in a path is
 * ambiguous, and `%2B` is not what Plivo writes itself.
 *
 * No trailing slash: the reference writes `/VerifiedCallerId/{phone_number}` for get, update and
 * delete, in both the endpoint lines and the curl samples; the official SDK adds a slash.
 */
export const verifiedNumberPath = '=/VerifiedCallerId/{{String($parameter["phoneNumber"]).replace(/[^0-9]/g, "")}}';

/** A verified number: picked from the account's verified caller IDs, typed, or mapped. */
export function verifiedNumberField(description: string): INodeProperties {
	return resourceLocatorField({
		name: 'phoneNumber',
		displayName: 'Phone Number',
		description,
		searchListMethod: 'searchVerifiedCallerIds',
		typed: {
			displayName: 'By Number',
			placeholder: 'e.g. +14155551234',
			regex: '^\\s*\\+?[0-9][0-9 ()-]{5,}\\s*$',
			errorMessage: 'Enter the number with its country code, for example +14155551234',
		},
	});
}

/** The number in "Phone Number" must have the documented form before anything is sent. */
export const phoneNumberParameterCheck: RequestCheck = function () {
	return phoneNumberProblem(String(parameterValue(this, 'phoneNumber') ?? ''), 'Phone Number');
};

export function aliasField(routing: INodePropertyRouting, description: string): INodeProperties {
	return {
		displayName: 'Alias',
		name: 'alias',
		type: 'string',
		default: '',
		placeholder: 'e.g. Head Office',
		description,
		routing,
	};
}

export function subaccountField(routing: INodePropertyRouting, description: string): INodeProperties {
	return {
		displayName: 'Subaccount',
		name: 'subaccount',
		type: 'string',
		default: '',
		placeholder: 'e.g. SAXXXXXXXXXXXXXXXXXX',
		description,
		routing,
	};
}
