/**
 * Argument checks as Plivo's reference states them. A failed check answers 400 with Plivo's
 * error shape. The sandbox is deliberately strict: an argument the reference does not list for an
 * endpoint is refused too, so that a misspelt name cannot pass unnoticed.
 */
import { HttpError } from '../core';
import type { Query } from '../core';
import { plivoError } from './errors';

export type Args = Record<string, unknown>;

/** Arguments accepted by every endpoint: asynchronous mode (reference, "Asynchronous requests"). */
const ASYNC_ARGS = ['callback_url', 'callback_method'];

export function badRequest(message: string): HttpError {
	return new HttpError(400, plivoError(message));
}

export function notFound(message = 'Resource not found'): HttpError {
	return new HttpError(404, plivoError(message));
}

/** Query values are strings; a repeated argument is refused (Plivo takes one value per name). */
export function queryArgs(query: Query): Args {
	const args: Args = {};
	for (const [key, value] of Object.entries(query)) {
		if (Array.isArray(value)) throw badRequest(`${key} is given more than once`);
		args[key] = value;
	}
	return args;
}

export function onlyKnown(args: Args, known: string[]): void {
	for (const key of Object.keys(args)) {
		if (!known.includes(key) && !ASYNC_ARGS.includes(key)) throw badRequest(`unexpected argument: ${key}`);
	}
}

export function required(args: Args, name: string): unknown {
	const value = args[name];
	if (value === undefined || value === null || value === '') throw badRequest(`${name} is a required parameter`);
	return value;
}

export function optionalString(args: Args, name: string): string | undefined {
	const value = args[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
	return value;
}

export function requiredString(args: Args, name: string): string {
	required(args, name);
	return optionalString(args, name)!;
}

export function oneOf<T extends string>(args: Args, name: string, allowed: readonly T[], fallback?: T): T | undefined {
	const value = args[name];
	if (value === undefined) return fallback;
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw badRequest(`${name} must be one of ${allowed.join(', ')}`);
	}
	return value as T;
}

export function httpMethod(args: Args, name: string, fallback: 'GET' | 'POST' = 'POST'): 'GET' | 'POST' {
	return oneOf(args, name, ['GET', 'POST'] as const, fallback)!;
}

/** An absolute URL with one of the given schemes. */
export function url(args: Args, name: string, schemes = ['http:', 'https:']): string | undefined {
	const value = optionalString(args, name);
	if (value === undefined) return undefined;
	try {
		if (schemes.includes(new URL(value).protocol)) return value;
	} catch {
		// reported below
	}
	throw badRequest(`${name} is not a valid URL`);
}

export function requiredUrl(args: Args, name: string, schemes?: string[]): string {
	required(args, name);
	return url(args, name, schemes)!;
}

/** JSON booleans; the strings "true"/"false" are accepted too, as query arguments are strings. */
export function boolean(args: Args, name: string, fallback?: boolean): boolean | undefined {
	const value = args[name];
	if (value === undefined) return fallback;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw badRequest(`${name} must be true or false`);
}

/** An integer (JSON number or numeric string) within a range. */
export function integer(args: Args, name: string, min: number, max = Number.MAX_SAFE_INTEGER, fallback?: number): number | undefined {
	const value = args[name];
	if (value === undefined) return fallback;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw badRequest(`${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`);
	}
	return number;
}

/** `YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`, UTC: the format of every time filter. */
export function timestamp(args: Args, name: string): Date | undefined {
	const value = optionalString(args, name);
	if (value === undefined) return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(value);
	if (!match) throw badRequest(`${name} must be of the form YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`);
	const [, year, month, day, hour, minute, second = '0', fraction = '0'] = match;
	const date = new Date(
		Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, Math.floor(Number(`0.${fraction}`) * 1000)),
	);
	if (Number.isNaN(date.getTime()) || date.getUTCDate() !== +day) throw badRequest(`${name} is not a valid date`);
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

/** `k1=v1,k2=v2`, letters and digits only (sip_headers, extra_headers). */
export function keyValueList(args: Args, name: string, maxBytes?: number): string | undefined {
	const value = optionalString(args, name);
	if (value === undefined) return undefined;
	if (!value.split(',').every((pair) => /^[A-Za-z0-9]+=[A-Za-z0-9]+$/.test(pair))) {
		throw badRequest(`${name} must be key=value pairs separated by commas, with letters and digits only`);
	}
	if (maxBytes !== undefined && Buffer.byteLength(value) > maxBytes) throw badRequest(`${name} exceeds ${maxBytes} bytes`);
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
		matches: (time) => bounds.every(({ bound, compare }) => time !== undefined && compare(time.getTime(), bound.getTime())),
	};
}
