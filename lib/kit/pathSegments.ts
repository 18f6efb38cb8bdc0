/**
 * The one way a value enters a URL path, for every operation of both nodes and the trigger.
 *
 * A value is percent-encoded, but encoding alone is not enough: WHATWG URL parsing (n8n's HTTP
 * client) still treats `.`, `..`, `%2e%2e` as dot segments and removes them, so Hang Up with the
 * conference `.` would become `DELETE /Conference/` and hang up every conference. So each value
 * is checked against the form of its ID and refused, before anything is sent, unless it stays one
 * segment, the one the operation means, whichever way the URL is read.
 */
import type { IExecuteSingleFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { RequestCheck } from './validation';

/** What a kind of ID looks like, and how it is written into its segment. */
export interface SegmentForm {
	/** The value as sent, from the value as typed; by default without surrounding spaces. */
	normalise?: (value: string) => string;
	/**
	 * What is wrong with the normalised value besides the refusals every segment shares (empty, a
	 * dot segment, control characters); nothing when it has the form of the ID.
	 */
	problem?: (value: string, field: SegmentField) => string | undefined;
	/** The most characters the ID has. */
	maxLength: number;
	/** Characters written as they are rather than percent-encoded: `,` in member lists, as the official SDK sends them. */
	keep?: string;
	/** Written before the encoded value, e.g. `name_` before an MPC's name. */
	prefix?: string;
}

/** The field a segment comes from, as messages name it. */
export interface SegmentField {
	displayName: string;
	/** The operation's name (`Hang Up`), for messages that depend on it. */
	operationName: string;
}

export type PathSegmentResult =
	| { segment: string; problem?: undefined }
	| { problem: string; segment?: undefined };

/** C0 and C1 control characters and DEL (U+0000–U+001F, U+007F–U+009F): Unicode's `Cc`. */
const CONTROL_CHARACTER = /\p{Cc}/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `.` and `..` in every spelling WHATWG URL parsing takes for them (`%2e`, `%2E`). */
function isDotSegment(value: string): boolean {
	return /^(\.|%2e){1,2}$/i.test(value);
}

/**
 * The value with its ASCII percent-escapes decoded, as a lenient server may read it: `%2e` as `.`,
 * `%00` as NUL, even next to a malformed escape. (Dots, delimiters and control characters are all
 * ASCII.)
 */
function percentDecoded(value: string): string {
	return value.replace(/%([0-7][0-9a-f])/gi, (_escape, hex: string) =>
		String.fromCharCode(parseInt(hex, 16)),
	);
}

function quoted(value: string): string {
	return value.length > 60
		? `${JSON.stringify(value.slice(0, 60)).slice(1, -1)}…`
		: JSON.stringify(value).slice(1, -1);
}

/**
 * The refusals every segment shares, for the value and for what a server decoding it would see: a
 * dot segment, which URL parsing removes with the segment before it, and control characters.
 */
function unsafeSegmentProblem(value: string, displayName: string): string | undefined {
	const shown = quoted(value);
	const decodings = [value, percentDecoded(value), percentDecoded(percentDecoded(value))];
	if (decodings.some((decoded) => CONTROL_CHARACTER.test(decoded))) {
		return `‘${displayName}’ holds a control character (a line break, tab or similar) in ‘${shown}’; no ID or name in a URL has one.`;
	}
	if (LONE_SURROGATE.test(value)) return `‘${displayName}’ holds a broken character in ‘${shown}’.`;
	if (decodings.some(isDotSegment)) {
		return `‘${shown}’ in the ‘${displayName}’ field is not an ID or name: a URL would read it as “this folder” or “the folder above” and the request would reach another address.`;
	}
	return undefined;
}

function encodeSegment(value: string, keep = ''): string {
	let encoded = encodeURIComponent(value);
	for (const character of keep)
		encoded = encoded.split(encodeURIComponent(character)).join(character);
	return encoded;
}

/**
 * The path segment for a value: checked against its form and percent-encoded, or the problem that
 * refuses it, naming the field. The one builder every path of the package goes through.
 */
export function buildPathSegment(
	value: unknown,
	field: SegmentField,
	form: SegmentForm,
): PathSegmentResult {
	const { displayName } = field;
	if (
		value !== undefined &&
		value !== null &&
		typeof value !== 'string' &&
		typeof value !== 'number'
	) {
		const kind = Array.isArray(value)
			? 'a list'
			: typeof value === 'object'
				? 'an object'
				: `a ${typeof value}`;
		return { problem: `‘${displayName}’ must be text or a number; got ${kind}.` };
	}
	const raw = value === undefined || value === null ? '' : String(value);
	const normalised = form.normalise ? form.normalise(raw) : raw.trim();
	if (normalised === '')
		return {
			problem: `The ‘${displayName}’ field is empty. Enter a value or an expression that resolves to one.`,
		};
	const unsafe = unsafeSegmentProblem(normalised, displayName);
	if (unsafe) return { problem: unsafe };
	if (normalised.length > form.maxLength) {
		return {
			problem: `‘${displayName}’ has ${normalised.length} characters; it is at most ${form.maxLength} long.`,
		};
	}
	const problem = form.problem?.(normalised, field);
	if (problem) return { problem };
	return { segment: `${form.prefix ?? ''}${encodeSegment(normalised, form.keep)}` };
}

/**
 * URL delimiters, also percent-encoded: encoded, `/` stays in the segment for n8n's HTTP client,
 * but a server that decodes `%2F` before routing reads `a%2F..` as `a/..`, another path. No ID has
 * them, and a name with one cannot be addressed safely, so they are refused in every segment but
 * those of member lists (which have their own, stricter form).
 */
function delimiterProblem(value: string, displayName: string, what: string): string | undefined {
	if (![value, percentDecoded(value)].some((decoded) => /[/\\?#]/.test(decoded))) return undefined;
	return `‘${quoted(value)}’ in the ‘${displayName}’ field holds /, \\, ? or #, which ${what}.`;
}

/**
 * Free text chosen by people (conference names, say): anything that is one segment whichever
 * way a server reads it, within a length that servers accept; `apiName` names the API in the
 * message.
 */
export function nameForm(apiName: string): SegmentForm {
	return {
		maxLength: 500,
		problem: (value, { displayName }) =>
			delimiterProblem(
				value,
				displayName,
				`${apiName}’s API cannot address safely: use a name without them`,
			),
	};
}

/** An ID whose form is not documented: no URL delimiters, which no ID has. */
export const OPAQUE_ID_FORM: SegmentForm = {
	maxLength: 200,
	problem: (value, { displayName }) => delimiterProblem(value, displayName, 'no ID has'),
};

/**
 * An ID in a documented form: refused, naming the field and giving an example, unless it matches.
 */
export function idForm(
	pattern: RegExp,
	what: string,
	example: string,
	maxLength = 64,
): SegmentForm {
	return {
		maxLength,
		problem: (value, { displayName }) =>
			pattern.test(value)
				? undefined
				: `‘${quoted(value)}’ in the ‘${displayName}’ field is not ${what} (for example ${example}).`,
	};
}

/**
 * IDs that are UUIDs, in letters, digits and dashes. Only that is required, not the 8-4-4-4-12 hex
 * layout: APIs' own references show IDs outside it (`6653422-91b6-…`, `…-0026b945b52x`), and an ID
 * the API made must never be refused.
 */
export function uuidLikeForm(what: string, example: string): SegmentForm {
	return idForm(/^[0-9A-Za-z][0-9A-Za-z-]*$/, `${what}: letters, digits and dashes`, example);
}

/** A segment of an operation's path: the parameter it comes from and the form of its value. */
export interface PathSegmentKind {
	/** The n8n parameter, read with `extractValue` (a resource locator's ID). */
	parameter: string;
	displayName: string;
	/** The form; for a resource locator, one per mode (an MPC by name or by UUID). */
	form: SegmentForm | { byMode: Record<string, SegmentForm> };
}

/**
 * An operation's path: literal text and segments, written where the operation is defined with
 * the `path` tag, e.g. path`/Call/${CALL_UUID}/Record/`.
 */
export interface OperationPath {
	literals: readonly string[];
	segments: readonly PathSegmentKind[];
}

export function path(literals: readonly string[], ...segments: PathSegmentKind[]): OperationPath {
	for (const [index, literal] of literals.entries()) {
		const opensSegment = index < segments.length;
		const closesSegment = index > 0;
		// Each value fills a whole segment: `/` on either side (or a suffix such as `.json` after the last one).
		if (
			(opensSegment && !literal.endsWith('/')) ||
			(closesSegment && !/^(\/|\.json$|$)/.test(literal))
		) {
			throw new Error(`path segment not between slashes in ${literals.join('{…}')}`);
		}
	}
	return { literals: [...literals], segments };
}

/** The path with `{parameter}` for each segment: the routing's URL until the request is built, and what tests read. */
export function pathTemplate({ literals, segments }: OperationPath): string {
	return literals
		.map((literal, index) =>
			index < segments.length ? `${literal}{${segments[index].parameter}}` : literal,
		)
		.join('');
}

/** The form of the segment's value: for a resource locator, that of its mode (nothing for a mode it does not have). */
function formFor(ctx: IExecuteSingleFunctions, kind: PathSegmentKind): SegmentForm | undefined {
	if (!('byMode' in kind.form)) return kind.form;
	const locator = ctx.getNodeParameter(kind.parameter, {}) as
		| INodeParameterResourceLocator
		| undefined;
	return kind.form.byMode[String(locator?.mode)];
}

/**
 * A check (run first, by the operation's validate step) that builds the request's path from the
 * operation's path and its parameters, or refuses the request, naming the field.
 */
export function resolvePath(operationPath: OperationPath, operationName: string): RequestCheck {
	return function (requestOptions) {
		const built: string[] = [];
		for (const [index, kind] of operationPath.segments.entries()) {
			const form = formFor(this, kind);
			if (!form)
				return `Choose how to give the ‘${kind.displayName}’: its list, or one of the ways to type it.`;
			const value = this.getNodeParameter(kind.parameter, '', { extractValue: true }) as unknown;
			const result = buildPathSegment(
				value,
				{ displayName: kind.displayName, operationName },
				form,
			);
			if (result.problem !== undefined) return result.problem;
			built.push(operationPath.literals[index], result.segment);
		}
		requestOptions.url = [...built, operationPath.literals[operationPath.segments.length]].join('');
		return undefined;
	};
}
