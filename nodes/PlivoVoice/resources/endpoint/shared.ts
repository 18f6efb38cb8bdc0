import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { resourceLocatorField, toBody } from '../../../../lib/kit/fields';
import type { PathSegmentKind } from '../../../../lib/kit/pathSegments';
import { idForm } from '../../../../lib/kit/pathSegments';
import type { RequestCheck } from '../../../../lib/kit/validation';
import { bodyOf } from '../../../../lib/kit/validation';

/** `{endpoint_id}`, from `endpointIdField`: digits (`"endpoint_id": "32866729519064"`). */
export const ENDPOINT_ID: PathSegmentKind = {
	parameter: 'endpointId',
	displayName: 'Endpoint',
	form: idForm(/^\d+$/, 'an endpoint ID: digits', '32866729519064'),
};

/** An endpoint: picked from the account's endpoints, typed, or mapped. */
export function endpointIdField(description: string): INodeProperties {
	return resourceLocatorField({
		name: 'endpointId',
		displayName: 'Endpoint',
		description,
		searchListMethod: 'searchEndpoints',
		typed: {
			displayName: 'By ID',
			placeholder: 'e.g. 32866729519064',
			regex: '^\\s*[0-9]+\\s*$',
			errorMessage: 'An endpoint ID is made of digits, for example 32866729519064',
		},
	});
}

/** Plivo's minimum length for an endpoint password. */
const MIN_PASSWORD_LENGTH = 5;

export const passwordField: INodeProperties = {
	displayName: 'Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: `The password SIP phones and apps sign in with, at least ${MIN_PASSWORD_LENGTH} characters`,
	routing: toBody('password'),
};

export const aliasField: INodeProperties = {
	displayName: 'Alias',
	name: 'alias',
	type: 'string',
	default: '',
	placeholder: 'e.g. front-desk',
	description: 'A label for the endpoint: letters, digits, hyphens (-) and underscores (_)',
	routing: toBody('alias'),
};

export const applicationIdField: INodeProperties = {
	displayName: 'Application ID',
	name: 'appId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 33406267401237901',
	description: 'ID of the Plivo application that handles the endpoint’s calls',
	routing: toBody('app_id'),
};

/** Checks of the password and alias, wherever they are sent (create, update). */
export const endpointFieldChecks: RequestCheck[] = [
	(requestOptions) => {
		const password = bodyOf(requestOptions).password;
		if (password === undefined || String(password).length >= MIN_PASSWORD_LENGTH) return undefined;
		// The password itself never appears in a message.
		return `‘Password’ must have at least ${MIN_PASSWORD_LENGTH} characters.`;
	},
	(requestOptions) => {
		const alias = bodyOf(requestOptions).alias;
		if (alias === undefined || /^[A-Za-z0-9_-]+$/.test(String(alias))) return undefined;
		return `‘${String(alias)}’ in the ‘Alias’ field may contain only letters, digits, hyphens (-) and underscores (_).`;
	},
];

/**
 * Plivo returns an MD5 hash of the endpoint's password with the endpoint; it has no use in a
 * workflow and should not travel through one, so it is removed from every output.
 */
export async function withoutPassword(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const json = { ...item.json };
		delete json.password;
		return { ...item, json };
	});
}
