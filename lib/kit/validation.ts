import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	NodeParameterValue,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type RequestOptions = DeclarativeRestApiSettings.HttpRequestOptions | IHttpRequestOptions;

/**
 * Input errors found before sending.
 *
 * A preSend hook that throws makes RoutingNode emit an error item without `pairedItem`, so with
 * "Continue On Fail" on, the error is parked here instead (keyed by the request it belongs to)
 * and raised by the request runner, which pairs it with its input item and sends nothing.
 * Without "Continue On Fail" the hook throws at once.
 */
const deferredInputErrors = new WeakMap<object, NodeOperationError>();

export function takeDeferredInputError(requestOptions: object): NodeOperationError | undefined {
	const error = deferredInputErrors.get(requestOptions);
	deferredInputErrors.delete(requestOptions);
	return error;
}

/** A check on the request about to be sent; it returns a message naming the field, or nothing. */
export type RequestCheck = (
	this: IExecuteSingleFunctions,
	requestOptions: RequestOptions,
) => string | undefined | Promise<string | undefined>;

/**
 * What a refused item's error says was sent: this item was not. With several items, n8n's
 * RoutingNode sends them all at once and reports the first failed item only after every request
 * has settled, so the others were sent (unless refused too): never "nothing was sent".
 */
export function notSentDescription(ctx: IExecuteSingleFunctions, apiName: string): string {
	// "Execute Once" runs the node for the first item only.
	const itemCount = ctx.getNode().executeOnce
		? 1
		: (ctx.getExecuteData?.()?.data?.main?.[0]?.length ?? 1);
	const thisItem = `This item was not sent to ${apiName}.`;
	if (itemCount <= 1 || ctx.continueOnFail()) return thisItem;
	return `${thisItem} The node's other items were still sent (except any refused like this one), but their results are not shown because the node stopped. To get a result for every item, set ‘On Error’ to ‘Continue’ in the node's settings.`;
}

/**
 * `validate` for the API named `apiName`: turns checks into a preSend hook that refuses the
 * request before it is sent, saying that this item was not sent to that API.
 */
export function validateFor(apiName: string) {
	return function validate(...checks: RequestCheck[]): PreSendAction {
		return async function (this: IExecuteSingleFunctions, requestOptions) {
			for (const check of checks) {
				const problem = await check.call(this, requestOptions);
				if (problem === undefined) continue;
				const error = new NodeOperationError(this.getNode(), problem, {
					itemIndex: this.getItemIndex(),
					description: notSentDescription(this, apiName),
				});
				if (!this.continueOnFail()) throw error;
				// A field's own checks run after the operation's: the first problem found is the one reported.
				if (!deferredInputErrors.has(requestOptions))
					deferredInputErrors.set(requestOptions, error);
				break;
			}
			return requestOptions;
		};
	};
}

/** Turns checks into a preSend hook that refuses the request before it is sent to Plivo. */
export const validate = validateFor('Plivo');

export function bodyOf(requestOptions: RequestOptions): IDataObject {
	return (requestOptions.body ?? {}) as IDataObject;
}

export function queryOf(requestOptions: RequestOptions): IDataObject {
	return (requestOptions.qs ?? {}) as IDataObject;
}

const DAY_MS = 86_400_000;

/**
 * A time range sent in the query as Plivo's filters (`add_time__gt[e]` … `add_time__lt[e]`, UTC
 * `YYYY-MM-DD HH:MM:SS`) may span at most `maxDays`; Plivo refuses a longer one.
 */
export function queryTimeRangeWithin(
	apiName: string,
	displayName: string,
	maxDays: number,
): RequestCheck {
	return function (requestOptions) {
		const query = queryOf(requestOptions);
		const time = (suffix: string) => {
			const value = query[`${apiName}${suffix}`];
			return typeof value === 'string' ? Date.parse(`${value.replace(' ', 'T')}Z`) : NaN;
		};
		const from = [time('__gt'), time('__gte')].find((value) => !Number.isNaN(value));
		const to = [time('__lt'), time('__lte')].find((value) => !Number.isNaN(value));
		if (from === undefined || to === undefined || to - from <= maxDays * DAY_MS) return undefined;
		const days = Math.ceil((to - from) / DAY_MS);
		return `The ‘${displayName}’ filters span ${days} days; Plivo searches at most ${maxDays} days at a time. Narrow the range.`;
	};
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * `n8n` marks required fields in the editor, but an expression can still resolve to nothing;
 * Plivo would then answer with a terse 400. Checks a parameter by its n8n name.
 */
export function requireParameter(name: string, displayName: string): RequestCheck {
	return function (this: IExecuteSingleFunctions) {
		const value = parameterValue(this, name);
		if (isBlank(value))
			return `The ‘${displayName}’ field is empty. Enter a value or an expression that resolves to one.`;
		return undefined;
	};
}

/**
 * A parameter's value as the request uses it: for a resource locator ("From List" / "By ID"),
 * the ID it holds rather than the locator object.
 */
export function parameterValue(ctx: IExecuteSingleFunctions, name: string): unknown {
	return ctx.getNodeParameter(name, '', { extractValue: true }) as unknown;
}

/**
 * Runs a field's check only while the field is shown: a field that another field's value hides
 * (the call UUID when a new call is placed, say) is not sent, and may stay empty.
 */
export function whileShown(field: INodeProperties, check: RequestCheck): RequestCheck {
	const show = Object.entries(field.displayOptions?.show ?? {}).filter(
		([name]) => !name.startsWith('@'),
	);
	if (show.length === 0) return check;
	return function (requestOptions) {
		const shown = show.every(([name, values]) =>
			(values ?? []).includes(
				this.getNodeParameter(name.replace(/^\//, ''), null) as NodeParameterValue,
			),
		);
		return shown ? check.call(this, requestOptions) : undefined;
	};
}

/** Phone numbers: an optional +, then the country code and number, digits only (E.164). */
const PHONE_NUMBER = /^\+?[1-9]\d{6,14}$/;
/** A SIP destination, e.g. sip:alice1234@phone.plivo.com */
const SIP_URI = /^sips?:[^\s@]+@[^\s@]+$/i;

/** A number as typed, without the spaces, dashes and brackets people write in it. */
function withoutSeparators(value: string): string {
	return value.replace(/[\s()-]/g, '');
}

/**
 * A phone number as Plivo stores it: "+1 (415) 555-0100" → "+14155550100". Anything that is not a
 * phone number once spaces, dashes and brackets are gone (a SIP URI, a typo) stays as typed, for
 * the checks to accept or quote it.
 */
export function compactPhoneNumber(value: string): string {
	const compact = withoutSeparators(value);
	return PHONE_NUMBER.test(compact) ? compact : value.trim();
}

/**
 * A list of destinations as Plivo wants it: several joined with `<`. Users may also map an array
 * or type commas or new lines; all of it is normalised before the check.
 */
export function joinDestinations(value: unknown): string {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[<,\n]/);
	return parts
		.map((part) => compactPhoneNumber(part))
		.filter((part) => part !== '')
		.join('<');
}

export function destinationProblem(
	value: string,
	displayName: string,
	allowSip = true,
): string | undefined {
	if (value === '')
		return `The ‘${displayName}’ field is empty. Enter a phone number with its country code${allowSip ? ' or a SIP URI' : ''}.`;
	for (const destination of value.split('<')) {
		const problem = singleDestinationProblem(destination, displayName, allowSip);
		if (problem) return problem;
	}
	return undefined;
}

/** One phone number with country code (spaces, dashes and brackets allowed) or, if allowed, one SIP URI. */
export function singleDestinationProblem(
	destination: string,
	displayName: string,
	allowSip = true,
): string | undefined {
	const compact = withoutSeparators(destination);
	if (PHONE_NUMBER.test(compact)) return undefined;
	if (allowSip && SIP_URI.test(destination)) return undefined;
	return `‘${destination}’ in the ‘${displayName}’ field is not a phone number with country code (for example 14155551234)${allowSip ? ' or a SIP URI (for example sip:alice@phone.plivo.com)' : ''}.`;
}

export function phoneNumberProblem(value: string, displayName: string): string | undefined {
	const compact = withoutSeparators(value);
	if (PHONE_NUMBER.test(compact)) return undefined;
	if (value.trim() === '')
		return `The ‘${displayName}’ field is empty. Enter a phone number with its country code, for example 14155551234.`;
	return `‘${value}’ in the ‘${displayName}’ field is not a phone number with country code (for example 14155551234).`;
}

/**
 * Key=value pairs as Plivo's `sip_headers` and `extra_headers` want them: letters and digits only,
 * and at most `maxBytes` in all where Plivo sets a limit.
 */
export function keyValueListProblem(
	value: string,
	displayName: string,
	maxBytes?: number,
): string | undefined {
	for (const pair of value.split(',')) {
		if (!/^[A-Za-z0-9]+=[A-Za-z0-9]+$/.test(pair.trim())) {
			return `‘${pair.trim()}’ in ‘${displayName}’ is not of the form key=value, with letters and digits only (for example Team=Sales,Priority=1).`;
		}
	}
	// Letters, digits, `=` and `,` only (checked above): one byte per character.
	if (maxBytes !== undefined && value.length > maxBytes) {
		return `‘${displayName}’ is ${value.length} bytes long; Plivo accepts at most ${maxBytes}.`;
	}
	return undefined;
}

/** Checks the length of a text sent in the body, by its API name. */
export function bodyMaxLength(
	apiName: string,
	displayName: string,
	maxLength: number,
): RequestCheck {
	return function (requestOptions) {
		const value = bodyOf(requestOptions)[apiName];
		return typeof value === 'string' && value.length > maxLength
			? `‘${displayName}’ has ${value.length} characters; Plivo allows at most ${maxLength}.`
			: undefined;
	};
}

/**
 * Checks an integer sent in the body, by its API name, against a documented range; without a
 * maximum, only the lower bound (e.g. "a positive number of seconds").
 */
export function bodyIntegerInRange(
	apiName: string,
	displayName: string,
	min: number,
	max = Infinity,
): RequestCheck {
	return function (requestOptions) {
		const value = bodyOf(requestOptions)[apiName];
		if (value === undefined) return undefined;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
			return `‘${displayName}’ must be a whole number ${range}; got ${JSON.stringify(value)}.`;
		}
		return undefined;
	};
}

/**
 * An options field set by an expression can send anything: checks that what it sent (in the body
 * or the query, under its API name) is one of the field's own options. A multi-option field may
 * have been joined with commas before the checks run.
 */
function listedOption(field: INodeProperties): RequestCheck {
	const send = field.routing?.send;
	if (!send?.property || !field.options)
		throw new Error(`${field.name} is not an options field sent under an API name`);
	const { property, type } = send;
	const allowed = (field.options as INodePropertyOptions[]).map((option) => String(option.value));
	return function (requestOptions) {
		const container = (type === 'query' ? requestOptions.qs : requestOptions.body) as
			| IDataObject
			| undefined;
		const value = container?.[property];
		if (value === undefined) return undefined;
		const values = Array.isArray(value)
			? value
			: field.type === 'multiOptions'
				? String(value).split(',')
				: [value];
		const unknown = values.find((entry) => !allowed.includes(String(entry)));
		if (unknown === undefined) return undefined;
		return `‘${String(unknown)}’ is not a valid value for ‘${field.displayName}’. Use one of: ${allowed.join(', ')}.`;
	};
}

/** The options field, refusing before sending a value (from an expression) that is not one of its options. */
export function onlyListedOptions(field: INodeProperties): INodeProperties {
	const send = field.routing?.send ?? {};
	return {
		...field,
		routing: {
			...field.routing,
			send: { ...send, preSend: [...(send.preSend ?? []), validate(listedOption(field))] },
		},
	};
}

/** Checks that a URL sent in the body, by its API name, is an absolute http(s) (or given scheme) URL. */
export function bodyUrl(
	apiName: string,
	displayName: string,
	schemes = ['http:', 'https:'],
): RequestCheck {
	return function (requestOptions) {
		const value = bodyOf(requestOptions)[apiName];
		if (value === undefined) return undefined;
		return urlProblem(value, displayName, schemes);
	};
}

export function urlProblem(
	value: unknown,
	displayName: string,
	schemes = ['http:', 'https:'],
): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') {
		return `The ‘${displayName}’ field is empty. Enter a full URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}.`;
	}
	try {
		const url = new URL(value);
		if (schemes.includes(url.protocol)) return undefined;
	} catch {
		// reported below
	}
	return `‘${value}’ in the ‘${displayName}’ field is not a full URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}.`;
}

/** An update with no field to change: Plivo would answer with nothing changed, so nothing is sent. */
export const somethingToUpdate: RequestCheck = function (requestOptions) {
	if (Object.keys(bodyOf(requestOptions)).length > 0) return undefined;
	return 'Nothing to update: add at least one field under ‘Update Fields’.';
};
