import type { INodeProperties } from 'n8n-workflow';

import type { RequestCheck } from '../kit/validation';
import {
	bodyOf,
	onlyListedOptions as onlyListedOptionsOf,
	queryOf,
	validateFor,
} from '../kit/validation';

/** Turns checks into a preSend hook that refuses the request before it is sent to Plivo. */
export const validate = validateFor('Plivo');

/** The options field, refusing before sending to Plivo a value that is not one of its options. */
export function onlyListedOptions(field: INodeProperties): INodeProperties {
	return onlyListedOptionsOf(field, 'Plivo');
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
