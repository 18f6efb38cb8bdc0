/**
 * Properties of the one path-segment builder, for arbitrary strings: it refuses, or it returns one
 * segment that a URL parser keeps as exactly one path segment, decoding back to the value as sent,
 * and never a dot segment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { memberIdsSegment } from '../../lib/plivo/memberIds';
import type { SegmentForm } from '../../lib/kit/pathSegments';
import { OPAQUE_ID_FORM, buildPathSegment, idForm, uuidLikeForm } from '../../lib/kit/pathSegments';
import { NAME_FORM } from '../../lib/plivo/pathSegments';

const FORMS: Array<[string, SegmentForm]> = [
	['a name', NAME_FORM],
	['an MPC name', { ...NAME_FORM, prefix: 'name_' }],
	['an undocumented ID', OPAQUE_ID_FORM],
	['a UUID', uuidLikeForm('a call UUID', '55309cee-821d-11e4-9a73-498d468c930b')],
	['digits', idForm(/^\d+$/, 'an endpoint ID: digits', '32866729519064')],
	['member IDs', memberIdsSegment('several').form as SegmentForm],
];

const field = { displayName: 'Field', operationName: 'Get' };

/** Strings of every kind, with the characters paths are made of much more likely than chance. */
const anyString = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({
		unit: fc.constantFrom(
			'.',
			'/',
			'\\',
			'%',
			'2',
			'e',
			'E',
			'f',
			'F',
			' ',
			'?',
			'#',
			',',
			'a',
			'1',
			'\n',
			'\u0000',
		),
		maxLength: 12,
	}),
	fc.constantFrom(
		'.',
		'..',
		' .. ',
		'%2e',
		'%2E%2e',
		'.%2e',
		'%252e%252e',
		'..%2f',
		'\t',
		'all',
		'%',
	),
);

/** The path segments of a URL, as a client following WHATWG URL parsing sends it. */
function segmentsOf(segment: string): string[] {
	const url = new URL(`https://api.example.com/v1/Account/MA1/Conference/${segment}/Record/`);
	return url.pathname.split('/').slice(1);
}

function isDotSegment(segment: string): boolean {
	return /^(\.|%2e){1,2}$/i.test(segment);
}

describe('buildPathSegment, for arbitrary strings', () => {
	it.each(FORMS)(
		'%s: refuses, or gives exactly one segment that decodes back to the value as sent',
		(_name, form) => {
			fc.assert(
				fc.property(anyString, (value) => {
					const built = buildPathSegment(value, field, form);
					if (built.problem !== undefined) {
						expect(built.problem).toMatch(/‘(Field|Member ID)’/);
						return;
					}
					const segments = segmentsOf(built.segment);
					expect(segments).toEqual([
						'v1',
						'Account',
						'MA1',
						'Conference',
						built.segment,
						'Record',
						'',
					]);
					expect(isDotSegment(built.segment)).toBe(false);
					const decoded = decodeURIComponent(built.segment);
					const normalised = form.normalise ? form.normalise(value) : value.trim();
					expect(decoded).toBe(`${form.prefix ?? ''}${normalised}`);
					expect(isDotSegment(decoded)).toBe(false);
					// Nor once a server decodes the escapes the value itself held.
					expect(
						isDotSegment(
							decoded.replace(/%([0-7][0-9a-f])/gi, (_escape, hex: string) =>
								String.fromCharCode(parseInt(hex, 16)),
							),
						),
					).toBe(false);
				}),
				{ numRuns: 2000 },
			);
		},
	);

	it('never gives an empty or dot segment, however the value is padded or encoded', () => {
		const dots = fc
			.tuple(
				fc.constantFrom('', ' ', '\t', '  '),
				fc.constantFrom('.', '..', '%2e', '%2E', '.%2e', '%2e.', '%2e%2e', '%252e%252e', '%252E.'),
				fc.constantFrom('', ' ', '\n'),
			)
			.map(([before, dot, after]) => `${before}${dot}${after}`);
		fc.assert(
			fc.property(dots, fc.constantFrom(...FORMS), (value, [, form]) => {
				expect(buildPathSegment(value, field, form).problem).toBeDefined();
			}),
		);
	});

	it('refuses empty and whitespace-only values, naming the field', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0'), maxLength: 8 }),
				fc.constantFrom(...FORMS),
				(value, [, form]) => {
					expect(buildPathSegment(value, field, form).problem).toMatch(
						/The ‘Field’ field is empty/,
					);
				},
			),
		);
	});

	it('refuses control characters anywhere: C0 and DEL typed or percent-encoded, C1 typed', () => {
		fc.assert(
			fc.property(
				fc.string({ maxLength: 6 }),
				fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })),
				fc.string({ maxLength: 6 }),
				fc.boolean(),
				(before, code, after, encoded) => {
					// A lenient server decodes ASCII escapes only (percentDecoded), so C1 is tried as typed.
					const control =
						encoded && code <= 0x7f
							? `%${code.toString(16).padStart(2, '0')}`
							: String.fromCharCode(code);
					const value = `a${before}${control}${after}a`;
					expect(buildPathSegment(value, field, NAME_FORM).problem).toBeDefined();
				},
			),
		);
	});

	it('takes the characters beside the control ranges as text', () => {
		for (const character of [' ', '~', '\u00a0', '\u00ff']) {
			expect(buildPathSegment(`a${character}a`, field, NAME_FORM)).toEqual({
				segment: `a${encodeURIComponent(character)}a`,
			});
		}
	});

	it('keeps the commas of a member list, and encodes everything else', () => {
		const members = memberIdsSegment('several').form as SegmentForm;
		expect(buildPathSegment(' 1, 3 ', field, members)).toEqual({ segment: '1,3' });
		expect(buildPathSegment(' ALL ', field, members)).toEqual({ segment: 'all' });
		expect(buildPathSegment('Sales & EMEA weekly', field, NAME_FORM)).toEqual({
			segment: 'Sales%20%26%20EMEA%20weekly',
		});
		// A server that decodes %2F before routing would read these as other paths.
		for (const name of ['Sales/EMEA', 'a\\b', 'a?b', 'a#b', 'a%2F..']) {
			expect(buildPathSegment(name, field, NAME_FORM).problem).toMatch(/holds \/, \\, \? or #/);
		}
		expect(buildPathSegment(' queue 7 ', field, { ...NAME_FORM, prefix: 'name_' })).toEqual({
			segment: 'name_queue%207',
		});
	});

	it('refuses values that are not text (an object or a list mapped by mistake)', () => {
		expect(buildPathSegment({ id: 1 }, field, NAME_FORM).problem).toMatch(
			/‘Field’ must be text or a number; got an object/,
		);
		expect(buildPathSegment(['1'], field, NAME_FORM).problem).toMatch(/got a list/);
		expect(buildPathSegment(17, field, memberIdsSegment('one').form as SegmentForm)).toEqual({
			segment: '17',
		});
	});

	it.each([
		['a dot segment', '..', NAME_FORM, /‘\.\.’ in the ‘Field’ field is not an ID or name/],
		[
			'an encoded dot segment',
			' %2E%2e ',
			NAME_FORM,
			/‘%2E%2e’ in the ‘Field’ field is not an ID or name/,
		],
		['a line break', 'Team\nCall', NAME_FORM, /‘Field’ holds a control character/],
		['a broken character', 'Team \ud800', NAME_FORM, /‘Field’ holds a broken character/],
		[
			'a name longer than any',
			'x'.repeat(501),
			NAME_FORM,
			/‘Field’ has 501 characters; it is at most 500 long/,
		],
		[
			'a slash in an undocumented ID',
			'12/..',
			OPAQUE_ID_FORM,
			/holds \/, \\, \? or #, which no ID has/,
		],
		['an encoded slash in an undocumented ID', '12%2F34', OPAQUE_ID_FORM, /holds \/, \\, \? or #/],
		['a query in an undocumented ID', '12?cascade=true', OPAQUE_ID_FORM, /holds \/, \\, \? or #/],
		['a fragment in an undocumented ID', '12#x', OPAQUE_ID_FORM, /holds \/, \\, \? or #/],
		[
			'a UUID with a slash',
			'abc/def',
			uuidLikeForm('a call UUID', '55309cee'),
			/‘abc\/def’ in the ‘Field’ field is not a call UUID: letters, digits and dashes \(for example 55309cee\)/,
		],
	] as const)('refuses %s, naming the field', (_name, value, form, message) => {
		expect(buildPathSegment(value, field, form).problem).toMatch(message);
	});

	it.each([
		['one', 'all', /‘Member ID’ is ‘all’; this operation acts on one participant/],
		[
			'one',
			'1,2',
			/‘Member ID’ lists 2 members, but Get takes one member ID\. Run it once per member/,
		],
		['oneOrAll', '1,2,3', /‘Member ID’ lists 3 members, but Get takes one member ID or all/],
		['several', '1,,2', /‘Member ID’ field has an empty entry \(1,,2\)/],
		[
			'several',
			'1,bob',
			/‘bob’ in the ‘Member ID’ field is not a member ID \(a number such as 17\) or all/,
		],
		['several', '1,..', /‘\.\.’ in the ‘Member ID’ field is not a member ID/],
	] as const)('member IDs (%s) refuses %s', (scope, value, message) => {
		expect(
			buildPathSegment(
				value,
				{ displayName: 'Member ID', operationName: 'Get' },
				memberIdsSegment(scope).form as SegmentForm,
			).problem,
		).toMatch(message);
	});

	it.each([
		['one', '17', '17'],
		['oneOrAll', ' All ', 'all'],
		['several', '4, 5, 6', '4,5,6'],
	] as const)('member IDs (%s) take %s', (scope, value, segment) => {
		expect(buildPathSegment(value, field, memberIdsSegment(scope).form as SegmentForm)).toEqual({
			segment,
		});
	});
});
