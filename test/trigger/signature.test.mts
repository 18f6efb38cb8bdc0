/**
 * The trigger's V3 signature check against the official SDK's validateV3Signature as an oracle,
 * over generated URLs (ports, paths, queries with repeated keys and encoded characters),
 * parameter sets, methods and nonces: genuine signatures pass both, changed requests fail both.
 */
import { validateV3Signature } from 'plivo';
import { describe, expect, it } from 'vitest';

import type { Pair } from '../../nodes/PlivoVoiceTrigger/signature';
import {
	isValidV3Signature,
	v3Signature,
	v3SignedString,
} from '../../nodes/PlivoVoiceTrigger/signature';

/** A small deterministic generator, so that a failure names a case that can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

const origins = [
	'https://example.com',
	'http://127.0.0.1:5678',
	'https://hooks.example.org:8443',
	'http://n8n.local:80',
	'https://Example.COM:443',
];
const paths = [
	'',
	'/',
	'/webhook/8f1c2d3e/webhook',
	'/webhook-test/8f1c2d3e/webhook',
	'/a/b/',
	'/with%20space/x',
	'/plivo;v=1/answer',
];
const queries = [
	'',
	'a=1',
	'b=2&a=1&a=0',
	'flow=inbound+ivr&x=%2Fy',
	'e=%C3%A9t%C3%A9&z=%26%3D',
	'empty=&k',
	'plivoEvent=fallback',
	'a=2&a=10&a=1',
];
const paramSets: Array<Record<string, string>> = [
	{},
	{
		CallUUID: '5b3f0c1e-0000-4000-8000-000000000001',
		From: '14155550100',
		To: '14155550101',
		Event: 'StartApp',
		Direction: 'outbound',
	},
	{ Digits: '1#', Z: 'last', A: 'first value', 'X-PH-Team': 'Sales' },
	{
		RecordUrl: 'https://media.plivo.com/v1/Account/MA1/Recording/r.mp3?x=1&y=2',
		RecordingDuration: '12',
	},
	{ transcription: 'héllo wörld ✓', transcription_rate: '0.05', recording_id: 'r1', error: '' },
	{ aa: '1', a: '2', B: '3', b: '4', _: '5' },
];
const TOKEN = 'MjY0ZjY2NjM5ZGZkMzQ3NDQzNzE5YjU2ODk1NTI0';

interface Case {
	method: 'GET' | 'POST';
	/** The URL as configured in Plivo (what the SDK is given). */
	url: string;
	params: Record<string, string>;
	nonce: string;
}

function cases(count: number): Case[] {
	const next = random(20260522);
	const pick = <T,>(list: T[]) => list[Math.floor(next() * list.length)];
	const generated: Case[] = [];
	for (let index = 0; index < count; index++) {
		const query = pick(queries);
		generated.push({
			method: next() < 0.5 ? 'GET' : 'POST',
			url: `${pick(origins)}${pick(paths)}${query ? `?${query}` : ''}`,
			params: pick(paramSets),
			nonce: String(Math.floor(next() * 1e20)).padStart(20, '0'),
		});
	}
	return generated;
}

/**
 * The request that reaches the trigger: for GET, Plivo appends its parameters to the URL's query
 * (form-encoded, as the sandbox does); for POST they are the form body.
 */
function received(testCase: Case): { url: string; bodyParams: Pair[] } {
	if (testCase.method === 'POST')
		return { url: testCase.url, bodyParams: Object.entries(testCase.params) };
	const extra = new URLSearchParams(testCase.params).toString();
	if (!extra) return { url: testCase.url, bodyParams: [] };
	return {
		url: `${testCase.url}${testCase.url.includes('?') ? '&' : '?'}${extra}`,
		bodyParams: [],
	};
}

function triggerAccepts(
	testCase: Case,
	signature: string,
	overrides: Partial<{ token: string; nonce: string; method: string }> = {},
): boolean {
	const { url, bodyParams } = received(testCase);
	return isValidV3Signature({
		authToken: overrides.token ?? TOKEN,
		method: overrides.method ?? testCase.method,
		url,
		bodyParams,
		nonce: overrides.nonce ?? testCase.nonce,
		signatures: [signature],
	});
}

function sdkAccepts(
	testCase: Case,
	signature: string,
	overrides: Partial<{ token: string; nonce: string }> = {},
): boolean {
	// Typed as the Boolean wrapper by the SDK; it returns a primitive.
	return validateV3Signature(
		testCase.method,
		testCase.url,
		overrides.nonce ?? testCase.nonce,
		overrides.token ?? TOKEN,
		signature,
		testCase.params,
	).valueOf();
}

/** A signature made for the request as it reached the trigger. */
function signatureFor(testCase: Case): string {
	const { url, bodyParams } = received(testCase);
	return v3Signature(TOKEN, testCase.method, url, bodyParams, testCase.nonce);
}

const generated = cases(300);

describe('genuine signatures', () => {
	it('are the ones the SDK accepts, and the trigger accepts them', () => {
		for (const testCase of generated) {
			const signature = signatureFor(testCase);
			expect(sdkAccepts(testCase, signature), JSON.stringify(testCase)).toBe(true);
			expect(triggerAccepts(testCase, signature), JSON.stringify(testCase)).toBe(true);
		}
	});

	it('are accepted among several comma-separated ones (one per active token), in any position', () => {
		for (const testCase of generated.slice(0, 40)) {
			const signature = signatureFor(testCase);
			const other = v3Signature('another-token', testCase.method, testCase.url, [], testCase.nonce);
			expect(triggerAccepts(testCase, `${other},${signature}`)).toBe(true);
			expect(triggerAccepts(testCase, ` ${signature} , ${other}`)).toBe(true);
			expect(sdkAccepts(testCase, `${other},${signature}`)).toBe(true);
		}
	});

	it('sign the string plivo-facts.md describes', () => {
		expect(
			v3SignedString('GET', 'https://example.com:443/p?b=2&a=1#ct=2000', [
				['Z', 'z'],
				['A', 'a'],
			]),
		).toBe('https://example.com:443/p?A=a&Z=z&a=1&b=2');
		expect(
			v3SignedString('POST', 'https://example.com/p?b=2&a=1', [
				['Z', 'z'],
				['A', 'a b'],
			]),
		).toBe('https://example.com/p?a=1&b=2.Aa bZz');
		expect(v3SignedString('POST', 'https://example.com/p', [['Z', 'z']])).toBe(
			'https://example.com/p?Zz',
		);
		expect(v3SignedString('POST', 'https://example.com/p?x=%2F', [])).toBe(
			'https://example.com/p?x=/',
		);
		expect(v3SignedString('GET', 'http://user:secret@example.com/p', [])).toBe(
			'http://example.com/p',
		);
	});
});

describe('changed requests', () => {
	const mutations: Array<{ name: string; change: (testCase: Case) => Case | undefined }> = [
		{
			name: 'a changed parameter',
			change: (testCase) => {
				const [key] = Object.keys(testCase.params);
				return key === undefined
					? undefined
					: { ...testCase, params: { ...testCase.params, [key]: `${testCase.params[key]}x` } };
			},
		},
		{
			name: 'an added parameter',
			change: (testCase) => ({ ...testCase, params: { ...testCase.params, Injected: '1' } }),
		},
		{
			name: 'a removed parameter',
			change: (testCase) => {
				const [key, ...rest] = Object.keys(testCase.params);
				return key === undefined
					? undefined
					: {
							...testCase,
							params: Object.fromEntries(rest.map((name) => [name, testCase.params[name]])),
						};
			},
		},
		{
			name: 'another host',
			change: (testCase) => ({ ...testCase, url: testCase.url.replace(/^(\w+:\/\/)/, '$1evil.') }),
		},
		{
			name: 'another path',
			change: (testCase) => ({
				...testCase,
				url: testCase.url.replace(/^(\w+:\/\/[^/?#]*)/, '$1/other'),
			}),
		},
		{
			name: 'another port',
			change: (testCase) => ({
				...testCase,
				url: testCase.url.replace(/^(\w+:\/\/[^/?#:]*)(:\d+)?/, '$1:9999'),
			}),
		},
		{
			name: 'another query',
			change: (testCase) => ({
				...testCase,
				url: `${testCase.url}${testCase.url.includes('?') ? '&' : '?'}extra=1`,
			}),
		},
	];

	for (const { name, change } of mutations) {
		it(`with ${name} are refused by the trigger and by the SDK`, () => {
			let checked = 0;
			for (const testCase of generated) {
				const signature = signatureFor(testCase);
				const changed = change(testCase);
				if (!changed) continue;
				checked++;
				expect(sdkAccepts(changed, signature), JSON.stringify(changed)).toBe(false);
				expect(triggerAccepts(changed, signature), JSON.stringify(changed)).toBe(false);
			}
			expect(checked).toBeGreaterThan(100);
		});
	}

	it('with another nonce, method or token are refused by the trigger and by the SDK', () => {
		for (const testCase of generated) {
			const signature = signatureFor(testCase);
			const otherNonce = `${testCase.nonce}1`;
			expect(triggerAccepts(testCase, signature, { nonce: otherNonce })).toBe(false);
			expect(sdkAccepts(testCase, signature, { nonce: otherNonce })).toBe(false);
			expect(triggerAccepts(testCase, signature, { token: `${TOKEN}x` })).toBe(false);
			expect(sdkAccepts(testCase, signature, { token: `${TOKEN}x` })).toBe(false);
			// The same callback sent with the other method: GET puts the parameters in the query,
			// POST in the body. (Without parameters both sign the same string.)
			const otherMethod: Case = { ...testCase, method: testCase.method === 'GET' ? 'POST' : 'GET' };
			if (Object.keys(testCase.params).length > 0) {
				expect(triggerAccepts(otherMethod, signature)).toBe(false);
				expect(sdkAccepts(otherMethod, signature)).toBe(false);
			}
		}
	});

	it('with an empty, comma-only or cut signature, an empty nonce or another HTTP method are refused', () => {
		const testCase = generated[1];
		const signature = signatureFor(testCase);
		for (const header of ['', ',', ' , ,', signature.slice(0, -1), `${signature}=`]) {
			expect(triggerAccepts(testCase, header), JSON.stringify(header)).toBe(false);
		}
		expect(triggerAccepts(testCase, signature, { nonce: '' })).toBe(false);
		expect(triggerAccepts(testCase, signature, { method: 'PUT' })).toBe(false);
		const { url, bodyParams } = received(testCase);
		expect(
			isValidV3Signature({
				authToken: TOKEN,
				method: testCase.method,
				url,
				bodyParams,
				nonce: testCase.nonce,
				signatures: [undefined, undefined],
			}),
		).toBe(false);
		expect(
			isValidV3Signature({
				authToken: '',
				method: testCase.method,
				url,
				bodyParams,
				nonce: testCase.nonce,
				signatures: [signature],
			}),
		).toBe(false);
	});
});
