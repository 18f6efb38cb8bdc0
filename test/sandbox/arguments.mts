/**
 * Argument checks shared by the fakes. A failed check throws `badRequest`, which the server
 * answers with 400 in the provider's own error shape (Plivo's `{api_id, error}`, SignalWire's
 * `{code, message, more_info, status}`). Provider-specific checks live beside each fake.
 */
import type { Query } from './core.mts';
import { badRequest } from './core.mts';

export type Args = Record<string, unknown>;

/** Query (or form) values are strings; a repeated argument is refused (one value per name). */
export function queryArgs(query: Query): Args {
	const args: Args = {};
	for (const [key, value] of Object.entries(query)) {
		if (Array.isArray(value)) throw badRequest(`${key} is given more than once`);
		args[key] = value;
	}
	return args;
}

/** Refuses any argument the endpoint does not document, so that a misspelt name cannot pass unnoticed. */
export function onlyKnownArgs(args: Args, known: string[]): void {
	for (const key of Object.keys(args)) {
		if (!known.includes(key)) throw badRequest(`unexpected argument: ${key}`);
	}
}

export function required(args: Args, name: string): unknown {
	const value = args[name];
	if (value === undefined || value === null || value === '')
		throw badRequest(`${name} is a required parameter`);
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

export function oneOf<T extends string>(
	args: Args,
	name: string,
	allowed: readonly T[],
	fallback?: T,
): T | undefined {
	const value = args[name];
	if (value === undefined) return fallback;
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw badRequest(`${name} must be one of ${allowed.join(', ')}`);
	}
	return value as T;
}

export function httpMethod(
	args: Args,
	name: string,
	fallback: 'GET' | 'POST' = 'POST',
): 'GET' | 'POST' {
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

/** JSON booleans; the strings "true"/"false" are accepted too, as query and form values are strings. */
export function boolean(args: Args, name: string, fallback?: boolean): boolean | undefined {
	const value = args[name];
	if (value === undefined) return fallback;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw badRequest(`${name} must be true or false`);
}

/** An integer (JSON number or numeric string) within a range. */
export function integer(
	args: Args,
	name: string,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
	fallback?: number,
): number | undefined {
	const value = args[name];
	if (value === undefined) return fallback;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw badRequest(
			`${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`,
		);
	}
	return number;
}
