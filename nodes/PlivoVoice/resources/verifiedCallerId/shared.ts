import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { resourceLocatorField } from '../../../../lib/kit/fields';
import type { PathSegmentKind } from '../../../../lib/kit/pathSegments';
import { uuidLikeForm } from '../../../../lib/kit/pathSegments';
import type { RequestCheck } from '../../../../lib/kit/validation';
import { parameterValue } from '../../../../lib/kit/validation';
import { compactPhoneNumber, phoneNumberProblem } from '../../../../lib/plivo/validation';

/**
 * A verified number in a path, from `verifiedNumberField`: a phone number with country code, sent
 * as digits only, as in the `resource_uri` Plivo gives each verified caller ID
 * (`/v1/Account/{auth_id}/VerifiedCallerId/12025551XXX`). A raw `+` in a path is ambiguous, and
 * `%2B` is not what Plivo writes itself.
 *
 * No trailing slash after it: the reference writes `/VerifiedCallerId/{phone_number}` for get,
 * update and delete, in both the endpoint lines and the curl samples; the official SDK adds one.
 */
export const VERIFIED_NUMBER: PathSegmentKind = {
	parameter: 'phoneNumber',
	displayName: 'Phone Number',
	form: {
		maxLength: 16,
		normalise: (value) => {
			const compact = compactPhoneNumber(value);
			return /^\+\d+$/.test(compact) ? compact.slice(1) : compact;
		},
		problem: (value, { displayName }) => phoneNumberProblem(value, displayName),
	},
};

/** `{verification_uuid}`, as returned by Initiate. */
export const VERIFICATION_UUID: PathSegmentKind = {
	parameter: 'verificationUuid',
	displayName: 'Verification UUID',
	form: uuidLikeForm('a verification UUID', 'f87836bd-f3c0-41bb-9498-125e6faaa4d4'),
};

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

/** The number to verify must have the documented form before anything is sent. */
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

export function subaccountField(
	routing: INodePropertyRouting,
	description: string,
): INodeProperties {
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
