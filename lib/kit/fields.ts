import type { INodeProperties, INodePropertyOptions, INodePropertyRouting } from 'n8n-workflow';

import { bodyIntegerInRange, validateFor } from './validation';

/** Sends the field's value in the body (JSON or a form, as the node sends it) under the API's own name. */
export function toBody(apiName: string, value?: string): INodePropertyRouting {
	return {
		send: {
			type: 'body',
			property: apiName,
			propertyInDotNotation: false,
			...(value ? { value } : {}),
		},
	};
}

/** Sends the field's value in the query string under the API's own name. */
export function toQuery(apiName: string, value?: string): INodePropertyRouting {
	return {
		send: {
			type: 'query',
			property: apiName,
			propertyInDotNotation: false,
			...(value ? { value } : {}),
		},
	};
}

export const httpMethodOptions: INodePropertyOptions[] = [
	{ name: 'GET', value: 'GET' },
	{ name: 'POST', value: 'POST' },
];

/** A whole-number argument with the API's documented range and default, e.g. `ring_timeout`, 15–120. */
export interface IntegerRange {
	/** The parameter's name in saved workflows, written out (test/description/literalNames.test.ts). */
	name: string;
	apiName: string;
	displayName: string;
	min: number;
	max: number;
	default: number;
	/** What the number is; the range is added to it. */
	description: string;
}

/** The field of a whole-number argument: its range bounds the editor, and is checked before sending. */
export function integerRangeField(range: IntegerRange, apiName: string): INodeProperties {
	const {
		name,
		apiName: argument,
		displayName,
		min,
		max,
		default: defaultValue,
		description,
	} = range;
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: min, maxValue: max },
		default: defaultValue,
		description: `${description} (${min}–${max})`,
		routing: {
			send: {
				...toBody(argument).send,
				preSend: [validateFor(apiName)(bodyIntegerInRange(argument, displayName, min, max))],
			},
		},
	};
}

export interface UrlAndMethodOptions {
	/** The parameters' names in saved workflows, written out, e.g. `hangupUrl` and `hangupMethod`. */
	urlName: string;
	methodName: string;
	/** The API's names, e.g. `hangup_url` and `hangup_method`. */
	urlApiName: string;
	methodApiName: string;
	/** What it is to the user, e.g. "Hangup" gives "Hangup URL" and "Hangup Method". */
	displayName: string;
	/** When the API calls the URL and what it expects. */
	description: string;
	defaultMethod?: 'GET' | 'POST';
	/** Who calls the URL, as users know it. */
	provider: string;
}

/**
 * A callback URL and the HTTP method the API uses for it: the pair appears in dozens of
 * operations, always as two optional fields.
 */
export function urlAndMethodFields(options: UrlAndMethodOptions): INodeProperties[] {
	const {
		urlName,
		methodName,
		urlApiName,
		methodApiName,
		displayName,
		description,
		defaultMethod = 'POST',
		provider,
	} = options;
	return [
		{
			displayName: `${displayName} URL`,
			name: urlName,
			type: 'string',
			default: '',
			placeholder: `e.g. https://example.com/${provider.toLowerCase()}/callback`,
			description,
			routing: toBody(urlApiName),
		},
		{
			displayName: `${displayName} Method`,
			name: methodName,
			type: 'options',
			options: httpMethodOptions,
			default: defaultMethod,
			description: `The HTTP method ${provider} uses to call the ${displayName} URL`,
			routing: toBody(methodApiName),
		},
	];
}

/** "Return All" and "Limit" for a list operation; the request runner reads both. */
export function returnAllAndLimitFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** Sorts the options of a collection by display name, as n8n lists them. */
function sortedByDisplayName<T extends { displayName: string }>(options: T[]): T[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The "Additional Fields" collection that holds an operation's optional arguments. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByDisplayName(options),
	};
}

/** The "Update Fields" collection of an update operation: what to change, nothing else is sent. */
export function updateFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByDisplayName(options),
	};
}

export interface ResourceLocatorOptions {
	name: string;
	displayName: string;
	description: string;
	/** The method under `methods.listSearch` that fills "From List". */
	searchListMethod: string;
	/** The mode for typing or mapping the value, e.g. "By ID" with an example. */
	typed: { displayName: string; placeholder: string; regex: string; errorMessage: string };
}

/**
 * A required ID the user picks from a list the API can give (endpoints, verified numbers, streams),
 * types, or maps from an expression. `$parameter[name]` in a request URL resolves to the ID
 * itself, whatever the mode.
 */
export function resourceLocatorField(options: ResourceLocatorOptions): INodeProperties {
	const { name, displayName, description, searchListMethod, typed } = options;
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: typed.displayName,
				name: 'id',
				type: 'string',
				placeholder: typed.placeholder,
				validation: [
					{ type: 'regex', properties: { regex: typed.regex, errorMessage: typed.errorMessage } },
				],
			},
		],
	};
}

/** The "Filters" collection of a list operation. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: sortedByDisplayName(options),
	};
}

/** A true/false argument, off unless the user turns it on, sent under the API's name. */
export function switchField(options: {
	/** The parameter's name in saved workflows, written out. */
	name: string;
	apiName: string;
	displayName: string;
	description: string;
}): INodeProperties {
	const { name, apiName, displayName, description } = options;
	return {
		displayName,
		name,
		type: 'boolean',
		default: false,
		description,
		routing: toBody(apiName),
	};
}
