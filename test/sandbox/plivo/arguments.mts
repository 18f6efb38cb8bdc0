/**
 * Argument checks as Plivo's reference states them. A failed check answers 400 with Plivo's
 * error shape. The sandbox is deliberately strict: an argument the reference does not list for an
 * endpoint is refused too, so that a misspelt name cannot pass unnoticed.
 */
import { badRequest } from '../core.mts';
import type { Args } from '../arguments.mts';
import { httpMethod, onlyKnownArgs, optionalString, requiredString, url } from '../arguments.mts';

// The checks and refusals every fake shares; they answer with Plivo's error shape.
export { badRequest, notFound } from '../core.mts';
export type { Args } from '../arguments.mts';
export {
	boolean,
	httpMethod,
	integer,
	oneOf,
	optionalString,
	queryArgs,
	required,
	requiredString,
	requiredUrl,
	url,
} from '../arguments.mts';

/** Arguments accepted by every endpoint: asynchronous mode (reference, "Asynchronous requests"). */
const ASYNC_ARGS = ['callback_url', 'callback_method'];

export function onlyKnown(args: Args, known: string[]): void {
	onlyKnownArgs(args, [...known, ...ASYNC_ARGS]);
}

/** `YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`, UTC: the format of every time filter. */
export function timestamp(args: Args, name: string): Date | undefined {
	const value = optionalString(args, name);
	if (value === undefined) return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(
		value,
	);
	if (!match) throw badRequest(`${name} must be of the form YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`);
	const [, year, month, day, hour, minute, second = '0', fraction = '0'] = match;
	const date = new Date(
		Date.UTC(
			+year,
			+month - 1,
			+day,
			+hour,
			+minute,
			+second,
			Math.floor(Number(`0.${fraction}`) * 1000),
		),
	);
	if (Number.isNaN(date.getTime()) || date.getUTCDate() !== +day)
		throw badRequest(`${name} is not a valid date`);
	return date;
}

/** Phone numbers as Plivo takes them: country code and number, optionally with a leading +. */
export const PHONE = /^\+?[1-9]\d{6,14}$/;
export const SIP = /^sips?:[^\s@]+@[^\s@]+$/i;

export function phoneNumber(args: Args, name: string): string {
	const value = requiredString(args, name);
	if (!PHONE.test(value)) throw badRequest(`${name} is not a valid phone number`);
	return value;
}

/** Who a new call rings (`to`): phone numbers or SIP URIs, several joined with `<`. */
export function destinations(args: Args, name: string): string[] {
	const list = requiredString(args, name)
		.split('<')
		.map((destination) => destination.trim());
	for (const destination of list) {
		if (!PHONE.test(destination) && !SIP.test(destination))
			throw badRequest(`invalid destination: ${destination}`);
	}
	return list;
}

/** A URL Plivo calls, with the method it calls it with. */
export interface CallbackTarget {
	url: string;
	method: 'GET' | 'POST';
}

/** `{prefix}_url` and `{prefix}_method` (POST by default), both checked; nothing without a URL. */
export function callbackTarget(args: Args, prefix: string): CallbackTarget | undefined {
	const target = url(args, `${prefix}_url`);
	const method = httpMethod(args, `${prefix}_method`);
	return target === undefined ? undefined : { url: target, method };
}

/** `k1=v1,k2=v2`, letters and digits only (sip_headers, extra_headers). */
export function keyValueList(args: Args, name: string, maxBytes?: number): string | undefined {
	const value = optionalString(args, name);
	if (value === undefined) return undefined;
	if (!value.split(',').every((pair) => /^[A-Za-z0-9]+=[A-Za-z0-9]+$/.test(pair))) {
		throw badRequest(
			`${name} must be key=value pairs separated by commas, with letters and digits only`,
		);
	}
	if (maxBytes !== undefined && Buffer.byteLength(value) > maxBytes)
		throw badRequest(`${name} exceeds ${maxBytes} bytes`);
	return value;
}

const COMPARISONS = {
	__gt: (value: number, bound: number) => value > bound,
	__gte: (value: number, bound: number) => value >= bound,
	__lt: (value: number, bound: number) => value < bound,
	__lte: (value: number, bound: number) => value <= bound,
};

export interface TimeBounds {
	/** Whether any of the four filters was given. */
	given: boolean;
	/** The `__gt`/`__gte` bound and the `__lt`/`__lte` bound, when given. */
	lower?: Date;
	upper?: Date;
	/** Whether a time meets every bound given; a missing time (not ended yet) meets none. */
	matches: (time: Date | undefined) => boolean;
}

/** A time filter in its four documented forms, `name__gt`, `__gte`, `__lt` and `__lte`, checked. */
export function timeBounds(args: Args, name: string): TimeBounds {
	const bounds = Object.entries(COMPARISONS).flatMap(([suffix, compare]) => {
		const bound = timestamp(args, `${name}${suffix}`);
		return bound ? [{ suffix, bound, compare }] : [];
	});
	return {
		given: bounds.length > 0,
		lower: bounds.find(({ suffix }) => suffix.startsWith('__gt'))?.bound,
		upper: bounds.find(({ suffix }) => suffix.startsWith('__lt'))?.bound,
		matches: (time) =>
			bounds.every(
				({ bound, compare }) => time !== undefined && compare(time.getTime(), bound.getTime()),
			),
	};
}
