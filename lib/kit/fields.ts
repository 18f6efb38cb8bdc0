import type {
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
	PreSendAction,
} from 'n8n-workflow';

import type { RequestCheck } from './validation';
import {
	bodyIntegerInRange,
	bodyMaxLength,
	bodyOf,
	bodyUrl,
	compactPhoneNumber,
	joinDestinations,
	keyValueListProblem,
	phoneNumberProblem,
	validate,
} from './validation';

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

export const legOptions: INodePropertyOptions[] = [
	{
		name: 'A Leg',
		value: 'aleg',
		description: 'The party the call was made to, or that called in',
	},
	{ name: 'B Leg', value: 'bleg', description: 'The party connected to the A leg with a Dial' },
	{ name: 'Both Legs', value: 'both' },
];

const fileFormatOptions: INodePropertyOptions[] = [
	{ name: 'MP3', value: 'mp3' },
	{ name: 'WAV', value: 'wav' },
];

/** The audio format of a recording: `file_format` on most recording requests. */
export function fileFormatField(apiName = 'file_format'): INodeProperties {
	return {
		displayName: 'File Format',
		name: camelCase(apiName),
		type: 'options',
		options: fileFormatOptions,
		default: 'mp3',
		description: 'Audio format of the recording',
		routing: toBody(apiName),
	};
}

/**
 * The one MP3 or WAV file Play Audio plays to conference members or MPC participants (`url`);
 * the operation checks it with `audioUrlCheck`.
 */
export function audioUrlField(): INodeProperties {
	return {
		displayName: 'Audio URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/announcement.mp3',
		description: 'URL of the MP3 or WAV file to play',
		routing: toBody('url'),
	};
}

export const audioUrlCheck: RequestCheck = bodyUrl('url', 'Audio URL');

const CALLER_NAME_MAX_LENGTH = 50;

/** The caller name shown to the person called (`caller_name`, at most 50 characters). */
export function callerNameField(): INodeProperties {
	return {
		displayName: 'Caller Name',
		name: 'callerName',
		type: 'string',
		typeOptions: { maxLength: CALLER_NAME_MAX_LENGTH },
		default: '',
		description: `Name shown to the person called, up to ${CALLER_NAME_MAX_LENGTH} characters. By default, the caller name of the From number.`,
		routing: toBody('caller_name'),
	};
}

/** Checks the length of `callerNameField`: the editor's limit does not hold for expressions. */
export const callerNameCheck: RequestCheck = bodyMaxLength(
	'caller_name',
	'Caller Name',
	CALLER_NAME_MAX_LENGTH,
);

/**
 * Custom SIP headers (`sip_headers`), key=value pairs that reach the callee as X-PH- headers,
 * checked before sending. With `perDestination`, one set per destination of a parallel dial,
 * separated by `<`.
 */
export function sipHeadersField({ perDestination = false } = {}): INodeProperties {
	const description =
		'Custom SIP headers as key=value pairs separated by commas, letters and digits only. They reach the callee prefixed with X-PH-.';
	return {
		displayName: 'SIP Headers',
		name: 'sipHeaders',
		type: 'string',
		default: '',
		placeholder: perDestination
			? 'e.g. Team=Sales,Priority=1<Team=Support'
			: 'e.g. Team=Sales,Priority=1',
		description: perDestination
			? `${description} With several To destinations, one set per destination, separated by <.`
			: description,
		routing: {
			send: {
				...toBody('sip_headers').send,
				preSend: [
					validate(function (requestOptions) {
						const headers = bodyOf(requestOptions).sip_headers;
						if (headers === undefined) return undefined;
						const sets = perDestination ? String(headers).split('<') : [String(headers)];
						return sets.map((set) => keyValueListProblem(set, 'SIP Headers')).find(Boolean);
					}),
				],
			},
		},
	};
}

/** The caller ID of a new call (`from`): a number on the account, checked before sending. */
export function fromNumberField(): INodeProperties {
	return {
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 14155551234',
		description: 'The caller ID: a number on your Plivo account, with country code',
		routing: toBody('from'),
	};
}

/** Checks the caller ID of `fromNumberField` (once `normaliseCallNumbers` has compacted it). */
export const fromNumberCheck: RequestCheck = function (requestOptions) {
	const { from } = bodyOf(requestOptions);
	return from === undefined ? undefined : phoneNumberProblem(String(from), 'From');
};

/** Who a new call rings (`to`): phone numbers or SIP URIs, several joined with `<`. */
export function destinationsField(description: string): INodeProperties {
	return {
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 14155556789 or sip:alice1234@phone.plivo.com',
		description,
		routing: toBody('to'),
	};
}

/**
 * The preSend of the operations that place calls with `fromNumberField` and `destinationsField`:
 * numbers as Plivo stores them ("+1 (415) 555-0100" → "+14155550100"), destinations joined with
 * `<` whether typed with commas or new lines or mapped as a list.
 */
export const normaliseCallNumbers: PreSendAction = async function (requestOptions) {
	const body = bodyOf(requestOptions);
	if (typeof body.from === 'string') body.from = compactPhoneNumber(body.from);
	if (body.to !== undefined) body.to = joinDestinations(body.to);
	return requestOptions;
};

export function callUuidField(
	description = 'The unique ID of the call, as returned when it was made or received',
): INodeProperties {
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

/** A whole-number argument with Plivo's documented range and default, e.g. `ring_timeout`, 15–120. */
export interface IntegerRange {
	apiName: string;
	displayName: string;
	min: number;
	max: number;
	default: number;
	/** What the number is; the range is added to it. */
	description: string;
}

/** The field of a whole-number argument: its range bounds the editor, and is checked before sending. */
export function integerRangeField(range: IntegerRange): INodeProperties {
	const { apiName, displayName, min, max, default: defaultValue, description } = range;
	return {
		displayName,
		name: camelCase(apiName),
		type: 'number',
		typeOptions: { minValue: min, maxValue: max },
		default: defaultValue,
		description: `${description} (${min}–${max})`,
		routing: {
			send: {
				...toBody(apiName).send,
				preSend: [validate(bodyIntegerInRange(apiName, displayName, min, max))],
			},
		},
	};
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
	const {
		urlApiName,
		methodApiName,
		displayName,
		description,
		defaultMethod = 'POST',
		provider = 'Plivo',
	} = options;
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
				routing: toQuery(
					`${apiName}${comparison.suffix}`,
					kind === 'time' ? PLIVO_TIME : undefined,
				),
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
 * A required ID the user picks from a list Plivo can give (endpoints, verified numbers, streams),
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
