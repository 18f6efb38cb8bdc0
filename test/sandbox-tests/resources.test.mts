/**
 * What the sandbox does for the Audio Stream, Verified Caller ID and Endpoint resources that the
 * node never asks of it (the node refuses such input first): the sandbox must still answer as the
 * reference says, for other clients and for the node's own refusals to mean something.
 */
import { describe, expect, it } from 'vitest';

import { useSandbox } from '../harness/useSandbox.mts';
import { callPlivoApi, liveCall } from '../harness/plivo.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

describe('audio streams', () => {
	it.each([
		[
			'a service URL that is not a WebSocket',
			{ service_url: 'https://example.com/a' },
			'service_url is not a valid URL',
		],
		[
			'a bidirectional stream of both tracks',
			{ service_url: 'wss://e.com/a', bidirectional: true, audio_track: 'both' },
			'audio_track must be inbound when bidirectional is true',
		],
		[
			'a timeout of 0',
			{ service_url: 'wss://e.com/a', stream_timeout: 0 },
			'stream_timeout must be an integer from 1 up',
		],
		[
			'extra headers over 512 bytes',
			{ service_url: 'wss://e.com/a', extra_headers: `A=${'x'.repeat(511)}` },
			'extra_headers exceeds 512 bytes',
		],
		[
			'a content type Plivo does not offer',
			{ service_url: 'wss://e.com/a', content_type: 'audio/wav' },
			expect.stringMatching(/^content_type must be one of/),
		],
		[
			'the text’s capitalised Service_url',
			{ Service_url: 'wss://e.com/a' },
			'unexpected argument: Service_url',
		],
	])('refuses %s with 400', async (_name, body, error) => {
		const response = await callPlivoApi(
			sandbox,
			'POST',
			`/Call/${liveCall(sandbox).call_uuid}/Stream/`,
			body,
		);
		expect(response).toEqual({ status: 400, body: { api_id: expect.any(String), error } });
	});

	it('ends a stream at its timeout, with a StopStream callback', async () => {
		const call = liveCall(sandbox);
		const started = await callPlivoApi(sandbox, 'POST', `/Call/${call.call_uuid}/Stream/`, {
			service_url: 'wss://e.com/a',
			stream_timeout: 30,
			status_callback_url: 'http://127.0.0.1:9/status',
		});
		expect(started.status).toBe(202);
		sandbox.state.core.clockOffsetMs = 31_000;
		const fetched = await callPlivoApi(
			sandbox,
			'GET',
			`/Call/${call.call_uuid}/Stream/${String(started.body.stream_id)}/`,
		);
		expect(fetched.body).toMatchObject({
			bill_duration: 30,
			rounded_bill_duration: 60,
			billed_amount: '0.00300',
			end_time: expect.any(String),
		});
		await sandbox.state.callbacks.idle();
		expect(sandbox.state.callbacks.delivered.map((callback) => callback.params.Event)).toEqual([
			'StartStream',
			'StopStream',
		]);
		// Once it has ended, the same URL may stream again.
		expect(
			(
				await callPlivoApi(sandbox, 'POST', `/Call/${call.call_uuid}/Stream/`, {
					service_url: 'wss://e.com/a',
				})
			).status,
		).toBe(202);
	});

	it('answers 404 for an unknown call or stream', async () => {
		expect((await callPlivoApi(sandbox, 'GET', '/Call/no-such-call/Stream/')).status).toBe(404);
		expect(
			(
				await callPlivoApi(
					sandbox,
					'GET',
					`/Call/${liveCall(sandbox).call_uuid}/Stream/no-such-stream/`,
				)
			).status,
		).toBe(404);
	});
});

describe('verified caller IDs', () => {
	it('takes the number with or without + and keeps it in E.164, on both forms of the initiate path', async () => {
		for (const path of ['/VerifiedCallerId', '/VerifiedCallerId/']) {
			const response = await callPlivoApi(sandbox, 'POST', path, { phone_number: '919876543210' });
			expect(response).toEqual({
				status: 200,
				body: {
					api_id: expect.any(String),
					message:
						'Verification code is sent to number +919876543210 which is valid for 15 minutes',
					verification_uuid: expect.any(String),
				},
			});
		}
	});

	it('refuses what the reference does not list: the SDK’s sub_account, an unknown channel', async () => {
		expect(
			(
				await callPlivoApi(sandbox, 'POST', '/VerifiedCallerId/', {
					phone_number: '+14155550100',
					sub_account: 'SA1',
				})
			).body.error,
		).toBe('unexpected argument: sub_account');
		expect(
			(
				await callPlivoApi(sandbox, 'POST', '/VerifiedCallerId/', {
					phone_number: '+14155550100',
					channel: 'whatsapp',
				})
			).body.error,
		).toBe('channel must be one of sms, call');
	});

	it('finds a verified number by +, %2B or digits, and answers 404 for an unknown one', async () => {
		sandbox.state.verifiedCallerIds.add({ phone_number: '+14155550100' });
		for (const written of ['+14155550100', '%2B14155550100', '14155550100']) {
			expect(
				(await callPlivoApi(sandbox, 'GET', `/VerifiedCallerId/${written}`)).body.phone_number,
			).toBe('+14155550100');
		}
		expect((await callPlivoApi(sandbox, 'GET', '/VerifiedCallerId/14155550199')).status).toBe(404);
	});

	it('accepts an OTP only once', async () => {
		const { body } = await callPlivoApi(sandbox, 'POST', '/VerifiedCallerId/', {
			phone_number: '+14155550100',
		});
		const uuid = String(body.verification_uuid);
		const otp = sandbox.state.verifiedCallerIds.otpFor(uuid);
		expect(
			(await callPlivoApi(sandbox, 'POST', `/VerifiedCallerId/Verification/${uuid}/`, { otp }))
				.status,
		).toBe(200);
		expect(
			(await callPlivoApi(sandbox, 'POST', `/VerifiedCallerId/Verification/${uuid}/`, { otp }))
				.status,
		).toBe(404);
	});
});

describe('endpoints', () => {
	it.each([
		[
			'a username that starts with a digit',
			{ username: '9lives', password: 'secret', alias: 'cat' },
			'username must be letters and digits, starting with a letter',
		],
		[
			'a password of 4 characters',
			{ username: 'cat', password: 'abcd', alias: 'cat' },
			'password must be at least 5 characters long',
		],
		[
			'an alias with a space, as the SDK’s example has',
			{ username: 'cat', password: 'secret', alias: 'Test Account' },
			'alias may contain only letters, digits, hyphens and underscores',
		],
		['no alias', { username: 'cat', password: 'secret' }, 'alias is a required parameter'],
	])('refuses %s with 400', async (_name, body, error) => {
		expect(await callPlivoApi(sandbox, 'POST', '/Endpoint/', body)).toEqual({
			status: 400,
			body: { api_id: expect.any(String), error },
		});
	});

	it('keeps an MD5 hash of the password, which only “retrieve” shows', async () => {
		const created = await callPlivoApi(sandbox, 'POST', '/Endpoint/', {
			username: 'cat',
			password: 'secret',
			alias: 'cat',
		});
		expect(created.status).toBe(201);
		const id = String(created.body.endpoint_id);
		expect(id).toMatch(/^\d{14}$/);
		expect((await callPlivoApi(sandbox, 'GET', `/Endpoint/${id}/`)).body.password).toBe(
			'5ebe2294ecd0e0f08eab7690d2a6ee69',
		);
		const list = await callPlivoApi(sandbox, 'GET', '/Endpoint/');
		expect(list.body.objects).toEqual([
			expect.not.objectContaining({ password: expect.anything() }),
		]);
		expect(list.body.meta).toEqual({
			limit: 20,
			offset: 0,
			next: null,
			previous: null,
			total_count: 1,
		});
	});

	it('answers 404 for an unknown endpoint', async () => {
		expect(
			(await callPlivoApi(sandbox, 'POST', '/Endpoint/12345678901234/', { alias: 'x' })).status,
		).toBe(404);
		expect((await callPlivoApi(sandbox, 'DELETE', '/Endpoint/12345678901234/')).status).toBe(404);
	});
});
