/**
 * Property-based tests (fast-check) of the trigger's two guards on untrusted input:
 * - the V3 signature check: for arbitrary URLs, parameters, methods and nonces, a genuine
 *   signature (made by the sandbox's signer, written apart from the trigger's) is accepted by
 *   the trigger and by the official SDK's validateV3Signature; any change to what was signed is
 *   refused by both;
 * - the XML escaping: arbitrary strings put in element text, attribute values (either quotes) and
 *   CDATA sections never change the parsed element and attribute structure (sax, strict, is the
 *   parser), and read back as exactly the string (characters XML cannot hold become U+FFFD).
 */
import fc from 'fast-check';
import { validateV3Signature } from 'plivo';
import { parser } from 'sax';
import { describe, expect, it } from 'vitest';

import type { Pair } from '../../nodes/PlivoVoiceTrigger/signature';
import { isValidV3Signature } from '../../nodes/PlivoVoiceTrigger/signature';
import type { TemplateChunk } from '../../lib/plivo/xml';
import {
	escapeXmlAttribute,
	escapeXmlText,
	fillXmlTemplate,
	plivoXmlProblem,
} from '../../lib/plivo/xml';
import { signV3 } from '../sandbox/plivo/callbacks.mts';

const RUNS = { numRuns: 300 };

describe('V3 signature (properties)', () => {
	// Text Plivo could send: any Unicode scalar values (URLSearchParams cannot carry lone surrogates).
	const text = fc.string({ unit: 'grapheme', maxLength: 12 });
	/**
	 * URLs a webhook can have: any host, port, path and query made of RFC 3986's unreserved
	 * characters and percent-encodings, and a retry-settings fragment. (Reserved characters such as
	 * "@" in a query, or raw non-ASCII, make the SDK's URI parser and its UTF-8 re-encoding read
	 * another URL than Plivo was given, so the oracle cannot judge them.)
	 */
	const urlText = fc.stringMatching(/^([A-Za-z0-9._~+-]|%[0-9A-F]{2})*$/);
	const webhookUrl = fc
		.record({
			scheme: fc.constantFrom('http', 'https'),
			host: fc.domain(),
			port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
			path: fc.array(urlText, { maxLength: 4 }),
			query: fc.array(
				fc.tuple(
					urlText.filter((key) => key !== ''),
					urlText,
				),
				{ maxLength: 4 },
			),
			fragment: fc.boolean(),
		})
		.map(({ scheme, host, port, path, query, fragment }) => {
			const search = query.map(([key, value]) => `${key}=${value}`).join('&');
			return `${scheme}://${host}${port === undefined ? '' : `:${port}`}/${path.join('/')}${search ? `?${search}` : ''}${fragment ? '#ct=2000&rt=40000' : ''}`;
		});
	const request = fc.record({
		method: fc.constantFrom('GET' as const, 'POST' as const),
		url: webhookUrl,
		params: fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), text, {
			maxKeys: 6,
		}),
		nonce: fc.stringMatching(/^[0-9A-Za-z]{1,24}$/),
		token: fc.stringMatching(/^[0-9A-Za-z]{8,40}$/),
	});
	type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

	/** The request as it reaches the trigger: GET parameters appended to the query, POST ones in the body. */
	function received({ method, url, params }: Request): { url: string; bodyParams: Pair[] } {
		const withoutFragment = url.split('#')[0];
		if (method === 'POST') return { url: withoutFragment, bodyParams: Object.entries(params) };
		const extra = new URLSearchParams(params).toString();
		if (!extra) return { url: withoutFragment, bodyParams: [] };
		return {
			url: `${withoutFragment}${withoutFragment.includes('?') ? '&' : '?'}${extra}`,
			bodyParams: [],
		};
	}

	function triggerAccepts(candidate: Request, signature: string): boolean {
		return isValidV3Signature({
			authToken: candidate.token,
			method: candidate.method,
			...received(candidate),
			nonce: candidate.nonce,
			signatures: [signature],
		});
	}

	/**
	 * The SDK merges parameters into a plain object and tests keys with `in`: a parameter named
	 * like an Object.prototype member ("valueOf", "__proto__"), in the body or the URL's query,
	 * breaks its computation. The trigger is still checked on those.
	 */
	function sdkCanJudge(candidate: Request): boolean {
		const queryKeys = [
			...new URLSearchParams(candidate.url.split('#')[0].split('?')[1] ?? '').keys(),
		];
		return [...Object.keys(candidate.params), ...queryKeys].every((key) => !(key in {}));
	}

	function sdkAccepts(candidate: Request, signature: string): boolean {
		return validateV3Signature(
			candidate.method,
			candidate.url,
			candidate.nonce,
			candidate.token,
			signature,
			candidate.params,
		).valueOf();
	}

	/** Plivo's signature of the request, made by the sandbox's signer. */
	const genuineSignature = ({ token, method, url, params, nonce }: Request) =>
		signV3(token, method, url, params, nonce);

	it('accepts every genuine signature, as the SDK does', () => {
		fc.assert(
			fc.property(request, (genuine) => {
				const signature = genuineSignature(genuine);
				expect(triggerAccepts(genuine, signature)).toBe(true);
				if (sdkCanJudge(genuine)) expect(sdkAccepts(genuine, signature)).toBe(true);
			}),
			RUNS,
		);
	});

	const change = fc.oneof(
		fc.record({ kind: fc.constant('value' as const), value: text }),
		fc.record({
			kind: fc.constant('added' as const),
			key: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
			value: text,
		}),
		fc.record({ kind: fc.constant('removed' as const) }),
		fc.record({
			kind: fc.constant('path' as const),
			segment: fc.stringMatching(/^[a-z0-9]{1,8}$/),
		}),
		fc.record({
			kind: fc.constant('query' as const),
			key: fc.stringMatching(/^[a-z]{1,6}$/),
			value: fc.stringMatching(/^[a-z0-9]{0,6}$/),
		}),
		fc.record({
			kind: fc.constant('nonce' as const),
			suffix: fc.stringMatching(/^[0-9a-z]{1,4}$/),
		}),
		fc.record({
			kind: fc.constant('token' as const),
			suffix: fc.stringMatching(/^[0-9a-z]{1,4}$/),
		}),
	);

	type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

	/** The request with one change to what was signed; nothing when the change is not one. */
	function changed(original: Request, edit: Change): Request | undefined {
		const keys = Object.keys(original.params);
		switch (edit.kind) {
			case 'value': {
				if (keys.length === 0 || original.params[keys[0]] === edit.value) return undefined;
				return { ...original, params: { ...original.params, [keys[0]]: edit.value } };
			}
			case 'added':
				if (edit.key in original.params) return undefined;
				return { ...original, params: { ...original.params, [edit.key]: edit.value } };
			case 'removed': {
				if (keys.length === 0) return undefined;
				const params = { ...original.params };
				delete params[keys[0]];
				return { ...original, params };
			}
			case 'path':
				return {
					...original,
					url: original.url.replace(/^(\w+:\/\/[^/?#]*)/, `$1/${edit.segment}`),
				};
			case 'query': {
				const [base, fragment] = original.url.split('#');
				return {
					...original,
					url: `${base}${base.includes('?') ? '&' : '?'}${edit.key}=${edit.value}${fragment === undefined ? '' : `#${fragment}`}`,
				};
			}
			case 'nonce':
				return { ...original, nonce: `${original.nonce}${edit.suffix}` };
			case 'token':
				return { ...original, token: `${original.token}${edit.suffix}` };
		}
	}

	it('refuses a signature once anything it covers has changed, as the SDK does', () => {
		fc.assert(
			fc.property(request, change, (genuine, edit) => {
				const candidate = changed(genuine, edit);
				fc.pre(candidate !== undefined);
				const signature = genuineSignature(genuine);
				expect(triggerAccepts(candidate!, signature)).toBe(false);
				if (sdkCanJudge(genuine) && sdkCanJudge(candidate!))
					expect(sdkAccepts(candidate!, signature)).toBe(false);
			}),
			RUNS,
		);
	});

	it('refuses any signature that is not the genuine one', () => {
		fc.assert(
			fc.property(request, fc.string({ maxLength: 60 }), (genuine, forged) => {
				const signature = genuineSignature(genuine);
				fc.pre(
					forged.trim() !== signature &&
						!forged.split(',').some((part) => part.trim() === signature),
				);
				expect(triggerAccepts(genuine, forged)).toBe(false);
			}),
			RUNS,
		);
	});
});

describe('XML escaping (properties)', () => {
	// Any string, control characters and lone surrogates included, with XML's own characters and
	// the pieces of its markup drawn often.
	const markup = [
		'<',
		'>',
		'&',
		'"',
		"'",
		';',
		'#',
		'=',
		'/',
		'!',
		'?',
		'-',
		'[',
		']',
		']]>',
		'<![CDATA[',
		'<!--',
		'-->',
		'&amp;',
		'&#',
		'\r',
		'\n',
		'\t',
		'\u0000',
		'\uD800',
		'\uFFFE',
		'a',
	];
	const anyText = fc.string({
		unit: fc.oneof(
			fc.constantFrom(...markup),
			fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
		),
		maxLength: 40,
	});
	/**
	 * XML parsers turn a raw CR (or CR LF) into LF, and tabs and line breaks in attribute values
	 * into spaces (XML 1.0, 2.11 and 3.3.3); sax does neither, so the escaped values are checked
	 * to hold none of them raw where that would change them.
	 */
	const keepsWhitespace = (document: string) => !document.includes('\r');
	/** What a parser reads back: characters XML cannot hold are replaced, the rest kept exactly. */
	const representable = (value: string) =>
		value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');

	interface Element {
		name: string;
		attributes: Record<string, string>;
		text: string;
	}

	function read(document: string): Element[] {
		const xml = parser(true);
		const elements: Element[] = [];
		const open: Element[] = [];
		xml.onopentag = (tag) => {
			const element = {
				name: tag.name,
				attributes: tag.attributes as Record<string, string>,
				text: '',
			};
			elements.push(element);
			open.push(element);
		};
		xml.onclosetag = () => open.pop();
		xml.ontext = (chunk) => (open[open.length - 1].text += chunk);
		xml.oncdata = (chunk) => (open[open.length - 1].text += chunk);
		xml.onerror = (error) => {
			throw error;
		};
		xml.write(document).close();
		return elements;
	}

	it('escapeXmlText and escapeXmlAttribute: any string reads back as itself, structure unchanged', () => {
		fc.assert(
			fc.property(anyText, anyText, (text, attribute) => {
				const document = `<Response><Speak voice="${escapeXmlAttribute(attribute)}" language='${escapeXmlAttribute(attribute)}'>${escapeXmlText(text)}</Speak></Response>`;
				expect(plivoXmlProblem(document)).toBeUndefined();
				expect(keepsWhitespace(document)).toBe(true);
				expect(escapeXmlAttribute(attribute)).not.toMatch(/[\t\n]/);
				expect(read(document)).toEqual([
					{ name: 'Response', attributes: {}, text: '' },
					{
						name: 'Speak',
						attributes: { voice: representable(attribute), language: representable(attribute) },
						text: representable(text),
					},
				]);
			}),
			{ numRuns: 1000 },
		);
	});

	/** Templates with holes in every place a value may stand; `{{n}}` is the n-th value. */
	const templates: Array<{ template: string; expected: (values: string[]) => Element[] }> = [
		{
			template: '<Response><Speak voice="{{0}}">{{1}}</Speak></Response>',
			expected: ([a, b]) => [
				{ name: 'Response', attributes: {}, text: '' },
				{ name: 'Speak', attributes: { voice: a }, text: b },
			],
		},
		{
			template: '<Response><Speak loop=\'{{0}}\' voice="x{{1}}y">a{{2}}b{{3}}</Speak></Response>',
			expected: ([a, b, c, d]) => [
				{ name: 'Response', attributes: {}, text: '' },
				{ name: 'Speak', attributes: { loop: a, voice: `x${b}y` }, text: `a${c}b${d}` },
			],
		},
		{
			template:
				'<Response><Speak><![CDATA[{{0}}]]></Speak><Speak><![CDATA[]]{{1}}>]]>{{2}}</Speak></Response>',
			expected: ([a, b, c]) => [
				{ name: 'Response', attributes: {}, text: '' },
				{ name: 'Speak', attributes: {}, text: a },
				{ name: 'Speak', attributes: {}, text: `]]${b}>${c}` },
			],
		},
		{
			template:
				'<Response><!-- note --><GetInput action="{{0}}&amp;{{1}}"><Speak>&lt;{{2}}&gt;</Speak></GetInput></Response>',
			expected: ([a, b, c]) => [
				{ name: 'Response', attributes: {}, text: '' },
				{ name: 'GetInput', attributes: { action: `${a}&${b}` }, text: '' },
				{ name: 'Speak', attributes: {}, text: `<${c}>` },
			],
		},
	];

	function chunks(template: string): TemplateChunk[] {
		return template
			.split(/(\{\{\d+\}\})/)
			.filter((piece) => piece !== '')
			.map((piece) =>
				/^\{\{\d+\}\}$/.test(piece)
					? { type: 'code' as const, text: piece.slice(2, -2) }
					: { type: 'text' as const, text: piece },
			);
	}

	it('fillXmlTemplate: values anywhere a value may stand never change the structure and read back as text', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...templates),
				fc.array(anyText, { minLength: 4, maxLength: 4 }),
				({ template, expected }, values) => {
					const document = fillXmlTemplate(chunks(template), (code) => values[Number(code)]);
					expect(plivoXmlProblem(document)).toBeUndefined();
					expect(keepsWhitespace(document)).toBe(true);
					const elements = read(document);
					// sax reports whitespace-only text between elements too: compare what it read of each.
					expect(elements).toEqual(expected(values.map(representable)));
				},
			),
			{ numRuns: 1000 },
		);
	});
});
