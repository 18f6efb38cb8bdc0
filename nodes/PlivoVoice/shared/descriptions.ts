import type { INodeProperties, INodePropertyOptions, INodePropertyRouting } from 'n8n-workflow';

/**
 * n8n parameter names for API arguments: Plivo's snake_case (`hangup_url` → `hangupUrl`) and
 * SignalWire's PascalCase (`HoldUrl` → `holdUrl`).
 */
export function camelCase(apiName: string): string {
	return apiName
		.replace(/_+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
		.replace(/^[A-Z]/, (letter) => letter.toLowerCase());
}

/** Sends the field's value in the body (JSON for Plivo, a form for SignalWire) under the API's own name. */
export function toBody(apiName: string, value?: string): INodePropertyRouting {
	return { send: { type: 'body', property: apiName, propertyInDotNotation: false, ...(value ? { value } : {}) } };
}

/** Sends the field's value in the query string under the API's own name. */
export function toQuery(apiName: string, value?: string): INodePropertyRouting {
	return { send: { type: 'query', property: apiName, propertyInDotNotation: false, ...(value ? { value } : {}) } };
}

export const httpMethodOptions: INodePropertyOptions[] = [
	{ name: 'GET', value: 'GET' },
	{ name: 'POST', value: 'POST' },
];

export const legOptions: INodePropertyOptions[] = [
	{ name: 'A Leg', value: 'aleg', description: 'The party the call was made to, or that called in' },
	{ name: 'B Leg', value: 'bleg', description: 'The party connected to the A leg with a Dial' },
	{ name: 'Both Legs', value: 'both' },
];

export const fileFormatOptions: INodePropertyOptions[] = [
	{ name: 'MP3', value: 'mp3' },
	{ name: 'WAV', value: 'wav' },
];

export function callUuidField(description = 'The unique ID of the call, as returned when it was made or received'): INodeProperties {
	return {
		displayName: 'Call UUID',
		name: 'callUuid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 55309cee-821d-11e4-9a73-498d468c930b',
		description,
	};
}

/** Path segment built from a parameter: URL-encoded, so names with spaces or slashes stay one segment. */
export function pathParameter(name: string): string {
	return `{{encodeURIComponent(String($parameter["${name}"]).trim())}}`;
}

export interface UrlAndMethodOptions {
	/** The API's names, e.g. `hangup_url` and `hangup_method`. */
	urlApiName: string;
	methodApiName: string;
	/** What it is to the user, e.g. "Hangup" gives "Hangup URL" and "Hangup Method". */
	displayName: string;
	/** When the API calls the URL and what it expects. */
	description: string;
	defaultMethod?: 'GET' | 'POST';
	/** Who calls the URL, as users know it; Plivo unless said otherwise. */
	provider?: string;
}

/**
 * A callback URL and the HTTP method the API uses for it: the pair appears in dozens of
 * operations, always as two optional fields.
 */
export function urlAndMethodFields(options: UrlAndMethodOptions): INodeProperties[] {
	const { urlApiName, methodApiName, displayName, description, defaultMethod = 'POST', provider = 'Plivo' } = options;
	return [
		{
			displayName: `${displayName} URL`,
			name: camelCase(urlApiName),
			type: 'string',
			default: '',
			placeholder: `e.g. https://example.com/${provider.toLowerCase()}/callback`,
			description,
			routing: toBody(urlApiName),
		},
		{
			displayName: `${displayName} Method`,
			name: camelCase(methodApiName),
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

/** Plivo's timestamp format for filters: `YYYY-MM-DD HH:MM:SS`, in UTC. */
const PLIVO_TIME =
	"={{ $value ? DateTime.fromISO(String($value).trim().replace(' ', 'T')).toUTC().toFormat('yyyy-MM-dd HH:mm:ss') : $value }}";

const comparisons = [
	{ suffix: '', time: 'At', number: 'Equal To' },
	{ suffix: '__gt', time: 'After', number: 'Greater Than' },
	{ suffix: '__gte', time: 'At or After', number: 'Greater Than or Equal To' },
	{ suffix: '__lt', time: 'Before', number: 'Less Than' },
	{ suffix: '__lte', time: 'At or Before', number: 'Less Than or Equal To' },
] as const;

export interface ComparisonFilterOptions {
	apiName: string;
	displayName: string;
	kind: 'time' | 'number';
	/** Also offer the exact-match filter (`end_time=…`), not only the bounds. */
	exact?: boolean;
	description: string;
}

/**
 * Range filters such as `end_time__gte`: Plivo wants exactly these names, with two underscores.
 * Times are picked in the workflow's time zone and sent in UTC, as Plivo expects.
 */
export function comparisonFilterFields(options: ComparisonFilterOptions): INodeProperties[] {
	const { apiName, displayName, kind, exact = false, description } = options;
	return comparisons
		.filter((comparison) => exact || comparison.suffix !== '')
		.map((comparison) => {
			const label = comparison[kind];
			return {
				displayName: `${displayName} ${label}`,
				name: camelCase(`${apiName}${comparison.suffix}`),
				type: kind === 'time' ? 'dateTime' : 'number',
				default: kind === 'time' ? '' : 0,
				description: `${description} (${label.toLowerCase()} the given ${kind === 'time' ? 'time' : 'value'})`,
				routing: toQuery(`${apiName}${comparison.suffix}`, kind === 'time' ? PLIVO_TIME : undefined),
			} satisfies INodeProperties;
		});
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
