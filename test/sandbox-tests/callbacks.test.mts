/**
 * The sandbox's signed callbacks: signatures that Plivo's official SDK accepts, delivered as
 * Plivo delivers them.
 */
import { validateV3Signature } from 'plivo';
import { describe, expect, it } from 'vitest';

import { useCallbackReceiver } from '../harness/callbackReceiver.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import { isOnThisMachine, signV3 } from '../sandbox/plivo/callbacks.mts';

describe('V3 signatures made by the sandbox', () => {
	const token = 'sandbox-auth-token-0123456789abcdef';
	const urls = [
		'https://example.com/plivo/answer',
		'https://example.com:8443/plivo/answer?b=2&a=1&a=0',
		'http://127.0.0.1:5678/webhook/abc?flow=inbound+ivr&x=%2Fy#ct=2000&rt=40000',
		// Written as is, not normalised: an explicit default port and an upper-case host.
		'https://Example.COM:443/Plivo/Answer?z=1',
	];
	const paramSets: Array<Record<string, string>> = [
		{},
		{ CallUUID: 'c1', From: '14155550100', To: '14155550101', Event: 'StartApp' },
		{ Digits: '1#', Z: 'last', A: 'first value' },
	];

	for (const method of ['GET', 'POST'] as const) {
		for (const url of urls) {
			for (const params of paramSets) {
				it(`${method} ${url} with ${Object.keys(params).length} parameters is accepted by the SDK`, () => {
					const nonce = '12345678901234567890';
					const signature = signV3(token, method, url, params, nonce);
					expect(
						validateV3Signature(method, url.split('#')[0], nonce, token, signature, params),
					).toBe(true);
					expect(
						validateV3Signature(method, url.split('#')[0], nonce, `${token}x`, signature, params),
					).toBe(false);
				});
			}
		}
	}
});

describe('delivery', () => {
	let sandbox: PlivoSandbox;
	useSandbox(PlivoSandbox.start, (started) => (sandbox = started));
	const receiver = useCallbackReceiver(() => ({
		status: 200,
		contentType: 'application/xml',
		body: '<Response><Speak>Hello</Speak></Response>',
	}));

	it('never calls an address outside this machine, and says so', async () => {
		for (const url of [
			'https://example.com/answer',
			'http://10.0.0.5/hook',
			'http://[2001:db8::1]/x',
		]) {
			const delivered = await sandbox.state.callbacks.send(url, 'POST', { CallUUID: 'abc' });
			expect(delivered.status).toBeUndefined();
			expect(delivered.error).toMatch(/only calls addresses on this machine; .* is not one/);
		}
		expect(isOnThisMachine(new URL('http://127.0.0.1:5678/webhook'))).toBe(true);
		expect(isOnThisMachine(new URL('http://localhost:5678/webhook'))).toBe(true);
		expect(isOnThisMachine(new URL('http://[::1]:5678/webhook'))).toBe(true);
	});

	it('POSTs form fields with signature headers the SDK validates, and records the answer', async () => {
		const url = receiver.url('/hook?flow=1#ct=2000');
		const params = { CallUUID: 'abc', Event: 'Hangup' };
		const delivered = await sandbox.state.callbacks.send(url, 'POST', params);
		const [request] = receiver.received;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/hook?flow=1');
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(request.params).toEqual(params);
		const signature = String(request.headers['x-plivo-signature-v3']);
		const nonce = String(request.headers['x-plivo-signature-v3-nonce']);
		expect(
			validateV3Signature(
				'POST',
				receiver.url('/hook?flow=1'),
				nonce,
				sandbox.account.authToken,
				signature,
				params,
			),
		).toBe(true);
		expect(delivered).toMatchObject({
			status: 200,
			contentType: 'application/xml',
			responseBody: '<Response><Speak>Hello</Speak></Response>',
		});
	});

	it('GETs with the parameters in the query', async () => {
		await sandbox.state.callbacks.send(receiver.url('/hook'), 'GET', { CallUUID: 'abc' });
		const [request] = receiver.received;
		expect(request.method).toBe('GET');
		expect(request.url).toBe('/hook?CallUUID=abc');
		const signature = String(request.headers['x-plivo-signature-v3']);
		const nonce = String(request.headers['x-plivo-signature-v3-nonce']);
		expect(
			validateV3Signature(
				'GET',
				receiver.url('/hook'),
				nonce,
				sandbox.account.authToken,
				signature,
				{ CallUUID: 'abc' },
			),
		).toBe(true);
	});

	it('records a receiver that cannot be reached instead of failing', async () => {
		const delivered = await sandbox.state.callbacks.send('http://127.0.0.1:1/hook', 'POST', {
			A: '1',
		});
		expect(delivered.status).toBeUndefined();
		expect(delivered.error).toMatch(/ECONNREFUSED|connect/);
	});
});
