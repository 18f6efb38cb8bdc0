import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
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
 * `validate` for the API named `apiName`: turns checks into a preSend hook that refuses the
 * request before it is sent, saying that nothing was sent to that API.
 */
export function validateFor(apiName: string) {
	return function validate(...checks: RequestCheck[]): PreSendAction {
		return async function (this: IExecuteSingleFunctions, requestOptions) {
			for (const check of checks) {
				const problem = await check.call(this, requestOptions);
				if (problem === undefined) continue;
				const error = new NodeOperationError(this.getNode(), problem, {
					itemIndex: this.getItemIndex(),
					description: `Nothing was sent to ${apiName}.`,
				});
				if (!this.continueOnFail()) throw error;
				// A field's own checks run after the operation's: the first problem found is the one reported.
				if (!deferredInputErrors.has(requestOptions)) deferredInputErrors.set(requestOptions, error);
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

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * `n8n` marks required fields in the editor, but an expression can still resolve to nothing;
 * Plivo would then answer with a terse 400. Checks a parameter by its n8n name.
 */
export function requireParameter(name: string, displayName: string): RequestCheck {
	return function (this: IExecuteSingleFunctions) {
		const value = this.getNodeParameter(name, '') as unknown;
		if (isBlank(value)) return `The ‘${displayName}’ field is empty. Enter a value or an expression that resolves to one.`;
		return undefined;
	};
}

/** Phone numbers: an optional +, then the country code and number, digits only (E.164). */
export const PHONE_NUMBER = /^\+?[1-9]\d{6,14}$/;
/** A SIP destination, e.g. sip:alice1234@phone.plivo.com */
export const SIP_URI = /^sips?:[^\s@]+@[^\s@]+$/i;

/**
 * A list of destinations as Plivo wants it: several joined with `<`. Users may also map an array
 * or type commas or new lines; all of it is normalised before the check.
 */
export function joinDestinations(value: unknown): string {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[<,\n]/);
	return parts
		.map((part) => part.trim())
		.filter((part) => part !== '')
		.join('<');
}

export function destinationProblem(value: string, displayName: string, allowSip = true): string | undefined {
	if (value === '') return `The ‘${displayName}’ field is empty. Enter a phone number with its country code${allowSip ? ' or a SIP URI' : ''}.`;
	for (const destination of value.split('<')) {
		const compact = destination.replace(/[\s()-]/g, '');
		if (PHONE_NUMBER.test(compact)) continue;
		if (allowSip && SIP_URI.test(destination)) continue;
		return `‘${destination}’ in the ‘${displayName}’ field is not a phone number with country code (for example 14155551234)${allowSip ? ' or a SIP URI (for example sip:alice@phone.plivo.com)' : ''}.`;
	}
	return undefined;
}

export function phoneNumberProblem(value: string, displayName: string): string | undefined {
	const compact = value.replace(/[\s()-]/g, '');
	if (PHONE_NUMBER.test(compact)) return undefined;
	if (value.trim() === '') return `The ‘${displayName}’ field is empty. Enter a phone number with its country code, for example 14155551234.`;
	return `‘${value}’ in the ‘${displayName}’ field is not a phone number with country code (for example 14155551234).`;
}

/** Key=value pairs as Plivo's `sip_headers` and `extra_headers` want them: letters and digits only. */
export function keyValueListProblem(value: string, displayName: string): string | undefined {
	for (const pair of value.split(',')) {
		if (!/^[A-Za-z0-9]+=[A-Za-z0-9]+$/.test(pair.trim())) {
			return `‘${pair.trim()}’ in ‘${displayName}’ is not of the form key=value, with letters and digits only (for example Team=Sales,Priority=1).`;
		}
	}
	return undefined;
}

/** Checks an integer sent in the body, by its API name, against a documented range. */
export function bodyIntegerInRange(
	apiName: string,
	displayName: string,
	min: number,
	max: number,
): RequestCheck {
	return function (requestOptions) {
		const value = bodyOf(requestOptions)[apiName];
		if (value === undefined) return undefined;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			return `‘${displayName}’ must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}.`;
		}
		return undefined;
	};
}

/** Checks that a URL sent in the body, by its API name, is an absolute http(s) (or given scheme) URL. */
export function bodyUrl(apiName: string, displayName: string, schemes = ['http:', 'https:']): RequestCheck {
	return function (requestOptions) {
		const value = bodyOf(requestOptions)[apiName];
		if (value === undefined) return undefined;
		return urlProblem(value, displayName, schemes);
	};
}

export function urlProblem(value: unknown, displayName: string, schemes = ['http:', 'https:']): string | undefined {
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
