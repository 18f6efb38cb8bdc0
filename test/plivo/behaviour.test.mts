/**
 * How the Plivo Voice node behaves when input is bad or Plivo fails: clear errors before any
 * request, Plivo's own error text, retries only where they are safe, Continue On Fail with pairing,
 * and the credential test.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials.js';
import { everythingIn, failure } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { testCredential } from '../harness/n8n.mts';
import {
	accountPath,
	basicAuthHeader,
	liveCall,
	MAKE_CALL,
	runPlivoVoice,
} from '../harness/plivo.mts';
import { expectRefusedBeforeSending } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

describe('bad input fails before any request, naming the field', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		['an empty destination', { ...MAKE_CALL, to: '' }, /‘To’ field is empty/],
		[
			'a destination that resolves to nothing',
			{ ...MAKE_CALL, to: '={{ $json.missing }}' },
			/‘To’ field is empty/,
		],
		[
			'a malformed destination',
			{ ...MAKE_CALL, to: '14155550101<not-a-number' },
			/‘not-a-number’ in the ‘To’ field/,
		],
		['a malformed caller ID', { ...MAKE_CALL, from: 'Support' }, /‘Support’ in the ‘From’ field/],
		[
			'an answer URL that is not a URL',
			{ ...MAKE_CALL, answerUrl: 'example.com/answer' },
			/‘Answer URL’/,
		],
		[
			'a machine detection time out of range',
			{ ...MAKE_CALL, additionalFields: { machineDetectionTime: '={{ 99 }}' } },
			/‘Machine Detection Time’ must be a whole number from 2000 to 10000/,
		],
		[
			'malformed SIP headers',
			{ ...MAKE_CALL, additionalFields: { sipHeaders: 'X-Team: Sales' } },
			/‘SIP Headers’/,
		],
		[
			'a feedback rating above 5',
			{ resource: 'call', operation: 'sendFeedback', callUuid: 'abc', rating: '={{ 7 }}' },
			/‘Rating’ must be a number from 1 to 5/,
		],
		[
			'a rating below 5 without issues',
			{ resource: 'call', operation: 'sendFeedback', callUuid: 'abc', rating: 3 },
			/rating below 5 needs at least one entry in ‘Issues’/,
		],
		[
			'a transfer of the B leg without a B-leg URL',
			{ resource: 'call', operation: 'transfer', callUuid: 'abc', legs: 'bleg' },
			/needs the ‘B Leg URL’/,
		],
		[
			'a transfer of both legs without an A-leg URL',
			{
				resource: 'call',
				operation: 'transfer',
				callUuid: 'abc',
				legs: 'both',
				blegUrl: 'https://example.com/b',
			},
			/needs the ‘A Leg URL’/,
		],
		[
			'an empty call UUID',
			{ resource: 'call', operation: 'hangup', callUuid: '  ' },
			/‘Call UUID’ field is empty/,
		],
		[
			'a voice the language does not have',
			{
				resource: 'call',
				operation: 'speakText',
				callUuid: 'abc',
				text: 'Hi',
				additionalFields: { language: 'en-GB-WLS' },
			},
			/English \(Welsh\) has no woman’s voice/,
		],
		[
			'keys that are not DTMF',
			{ resource: 'call', operation: 'sendDigits', callUuid: 'abc', digits: '12x' },
			/‘12x’ in ‘Digits’/,
		],
		[
			'an audio URL that is not a URL',
			{
				resource: 'call',
				operation: 'playAudio',
				callUuid: 'abc',
				urls: 'https://example.com/a.mp3, music.mp3',
			},
			/‘music.mp3’ in the ‘Audio URLs’ field/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(sandbox, parameters, message);
	});
});

describe('Plivo errors', () => {
	it('become a NodeApiError with Plivo’s error text, the status and the api_id, without the token', async () => {
		const error = await failure(
			runPlivoVoice(sandbox, { resource: 'call', operation: 'get', callUuid: 'no-such-call' }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		const apiError = error as NodeApiError;
		const [request] = sandbox.requests;
		const body = request.responseBody as { api_id: string; error: string };
		expect(request.status).toBe(404);
		expect(apiError.message).toBe(body.error);
		expect(apiError.message).toBe('call not found');
		expect(apiError.httpCode).toBe('404');
		expect(apiError.description).toBe(`Plivo answered HTTP 404 (api_id ${body.api_id})`);
		expect(everythingIn(error)).not.toContain(sandbox.account.authToken);
		expect(everythingIn(error)).not.toContain(basicAuthHeader(sandbox).slice(6));
	});

	it('keep Plivo’s text for validation errors the node cannot foresee', async () => {
		const error = await failure(
			runPlivoVoice(sandbox, {
				resource: 'call',
				operation: 'sendDigits',
				callUuid: liveCall(sandbox).call_uuid,
				digits: '1',
				additionalFields: { leg: '={{ "cleg" }}' },
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('leg must be one of aleg, bleg');
		expect((error as NodeApiError).httpCode).toBe('400');
	});

	it('report a wrong token as Plivo does, and never show it', async () => {
		const error = await failure(
			runPlivoVoice(sandbox, MAKE_CALL, { credentials: { authToken: 'wrong-token-123' } }),
		);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(error.message).toBe('Authentication failed: check the Auth ID and Auth Token');
		expect(everythingIn(error)).not.toContain('wrong-token-123');
	});

	it('of the network never show the token either', async () => {
		const error = await failure(
			runPlivoVoice(sandbox, MAKE_CALL, { credentials: { baseUrl: 'http://127.0.0.1:1' } }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not reach Plivo');
		expect((error as NodeApiError).description).toMatch(
			/^Network error ECONNREFUSED\. It was not sent again/,
		);
		expect(everythingIn(error)).not.toContain(sandbox.account.authToken);
		expect(everythingIn(error)).not.toContain(basicAuthHeader(sandbox).slice(6));
	});

	it('that are not the network’s (an unusable base URL) are neither retried nor called a network failure', async () => {
		const started = Date.now();
		const error = await failure(
			runPlivoVoice(
				sandbox,
				{ resource: 'call', operation: 'getManyQueued', returnAll: true },
				{ credentials: { baseUrl: 'not a url' } },
			),
		);
		expect(error.message).not.toMatch(/Could not reach|timed out/);
		expect((error as NodeApiError).description ?? '').not.toMatch(/tried \d times/);
		// No backoff waits: a retry would have slept at least a second.
		expect(Date.now() - started).toBeLessThan(900);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('of the network are retried for reads, then reported', async () => {
		const error = await failure(
			runPlivoVoice(
				sandbox,
				{ resource: 'call', operation: 'getManyQueued', returnAll: true },
				{ credentials: { baseUrl: 'http://127.0.0.1:1' } },
			),
		);
		expect(error.message).toBe('Could not reach Plivo');
		expect((error as NodeApiError).description).toBe(
			'Network error ECONNREFUSED. It was tried 3 times.',
		);
	});
});

describe('rate limiting (HTTP 429)', () => {
	it('waits as long as Retry-After says, then sends the request again', async () => {
		sandbox.server.injectFault({
			status: 429,
			headers: { 'Retry-After': '1' },
			pathIncludes: '/Call/',
		});
		const output = await runPlivoVoice(sandbox, MAKE_CALL);
		expect(output[0].json.message).toBe('call fired');
		const posts = sandbox.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.status)).toEqual([429, 200]);
		expect(posts[1].receivedAt - posts[0].receivedAt).toBeGreaterThanOrEqual(950);
		// Refused with 429, the first attempt placed no call: exactly one call exists.
		expect(sandbox.state.calls.calls.size).toBe(1);
	});

	it('gives up after a bounded number of retries with a clear error', async () => {
		sandbox.server.injectFault({ status: 429, headers: { 'Retry-After': '0' }, times: 12 });
		const error = await failure(
			runPlivoVoice(sandbox, { resource: 'call', operation: 'getManyQueued', returnAll: true }),
		);
		expect(sandbox.requests).toHaveLength(9);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('429');
		expect((error as NodeApiError).description).toMatch(
			/kept rate-limiting the request \(HTTP 429\) after 8 retries/,
		);
	});
});

describe('no duplicate calls', () => {
	it('a make-call POST is not resent after a 5xx, even though Plivo may have placed the call', async () => {
		sandbox.server.injectFault({ status: 500, method: 'POST', when: 'after' });
		const error = await failure(runPlivoVoice(sandbox, MAKE_CALL));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(sandbox.state.calls.calls.size).toBe(1);
	});

	it('a make-call POST is not resent after a timeout', async () => {
		sandbox.server.latencyMs = 800;
		const error = await failure(
			runPlivoVoice(sandbox, { ...MAKE_CALL, requestOptions: { timeout: 200 } }),
		);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('The request to Plivo timed out');
		expect((error as NodeApiError).description).toMatch(/not sent again/);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.state.calls.calls.size).toBe(1);
	});

	it('an idempotent GET is retried after a 5xx', async () => {
		const uuid = liveCall(sandbox).call_uuid;
		sandbox.server.injectFault({ status: 503, method: 'GET' });
		const output = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'getLive',
			callUuid: uuid,
		});
		expect(sandbox.requests.map((request) => request.status)).toEqual([503, 200]);
		expect(output[0].json.call_uuid).toBe(uuid);
	});

	it('a DELETE is retried after a 5xx, and the outcome reported', async () => {
		const uuid = liveCall(sandbox).call_uuid;
		sandbox.server.injectFault({ status: 502, method: 'DELETE' });
		const output = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'hangup',
			callUuid: uuid,
		});
		expect(sandbox.requests.map((request) => request.status)).toEqual([502, 204]);
		expect(output[0].json).toEqual({ success: true });
	});
});

describe('Continue On Fail', () => {
	it('gives one error item per failed input item, each paired with its input', async () => {
		const live = liveCall(sandbox).call_uuid;
		const items = [
			{ json: { uuid: live } },
			{ json: { uuid: '' } },
			{ json: { uuid: 'no-such-call' } },
			{ json: { uuid: live } },
		];
		const output = await runPlivoVoice(
			sandbox,
			{ resource: 'call', operation: 'getLive', callUuid: '={{ $json.uuid }}' },
			{ items, continueOnFail: true },
		);
		expect(output).toHaveLength(4);
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json.call_uuid).toBe(live);
		expect(output[0].error).toBeUndefined();
		expect(output[1].error).toBeInstanceOf(NodeOperationError);
		expect(output[1].json.error).toMatch(/‘Call UUID’ field is empty/);
		expect(output[2].error).toBeInstanceOf(NodeApiError);
		expect(output[2].json).toMatchObject({ error: 'call not found', httpCode: '404' });
		expect(output[3].json.call_uuid).toBe(live);
		// The empty UUID was refused before sending: only three requests went out.
		expect(sandbox.requests).toHaveLength(3);
	});

	it('keeps pairing when one input item yields several output items', async () => {
		const calls = [liveCall(sandbox).call_uuid, liveCall(sandbox).call_uuid];
		const output = await runPlivoVoice(
			sandbox,
			{
				resource: 'call',
				operation: 'getManyLive',
				returnAll: true,
				filters: { fromNumber: '={{ $json.prefix }}' },
			},
			{
				items: [
					{ json: { prefix: '1415' } },
					{ json: { prefix: '1999' } },
					{ json: { prefix: '1415' } },
				],
				continueOnFail: true,
			},
		);
		expect(output.map((item) => [item.json.call_uuid, item.pairedItem])).toEqual([
			[calls[0], { item: 0 }],
			[calls[1], { item: 0 }],
			[calls[0], { item: 2 }],
			[calls[1], { item: 2 }],
		]);
	});

	it('without it, the first failure stops the node', async () => {
		const error = await failure(
			runPlivoVoice(
				sandbox,
				{ resource: 'call', operation: 'getLive', callUuid: '={{ $json.uuid }}' },
				{
					items: [{ json: { uuid: 'no-such-call' } }],
				},
			),
		);
		expect(error).toBeInstanceOf(NodeApiError);
	});
});

describe('credential test', () => {
	const credentialType = new PlivoVoiceApi();

	it('passes with the right Auth ID and Auth Token, checking them against the account', async () => {
		const result = await testCredential(credentialType, {
			authId: sandbox.account.authId,
			authToken: sandbox.account.authToken,
			baseUrl: `${sandbox.url}/`,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].method).toBe('GET');
		expect(sandbox.requests[0].path).toBe(`${accountPath(sandbox)}/`);
		expect(sandbox.requests[0].headers.authorization).toBe(basicAuthHeader(sandbox));
	});

	it('fails with a wrong token', async () => {
		const result = await testCredential(credentialType, {
			authId: sandbox.account.authId,
			authToken: 'not-the-token',
			baseUrl: sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('not-the-token');
	});

	it('fails with another account’s Auth ID', async () => {
		const result = await testCredential(credentialType, {
			authId: 'MAOTHERACCOUNT000000',
			authToken: sandbox.account.authToken,
			baseUrl: sandbox.url,
		});
		expect(result.status).toBe('Error');
	});
});
