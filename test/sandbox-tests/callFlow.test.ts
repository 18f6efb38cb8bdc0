/**
 * The sandbox's call flow: signed ring, answer (then fallback) and hangup callbacks with the
 * reference's parameters, and the XML it accepts or refuses as Plivo would.
 */
import { validateV3Signature } from 'plivo';
import { beforeEach, describe, expect, it } from 'vitest';

import type { ReceivedCallback, ReceiverAnswer } from '../harness/callbackReceiver';
import { useCallbackReceiver } from '../harness/callbackReceiver';
import { useSandbox } from '../harness/common';
import { callPlivoApi } from '../harness/plivo';
import { PlivoSandbox } from '../sandbox/plivo';
import type { CallRecord } from '../sandbox/plivo/calls';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** Each path's answer, as the test says; emptied before each test. */
const answers = new Map<string, ReceiverAnswer>();
beforeEach(() => answers.clear());

const pathOf = (request: ReceivedCallback) => request.url.split('?')[0];

/**
 * A stand-in for the customer's server: it answers a request signed by the sandbox as the test
 * says (200 with no body by default), and one that is not signed with 403.
 */
const receiver = useCallbackReceiver((request) => {
	const signature = String(request.headers['x-plivo-signature-v3']);
	const nonce = String(request.headers['x-plivo-signature-v3-nonce']);
	const signedUrl = receiver.url(request.method === 'GET' ? pathOf(request) : request.url);
	if (!validateV3Signature(request.method, signedUrl, nonce, sandbox.account.authToken, signature, request.params as Record<string, string>)) {
		return { status: 403 };
	}
	return answers.get(pathOf(request)) ?? { status: 200 };
});

/** What the receiver got: method, path and parameters. */
const received = () => receiver.received.map((request) => ({ method: request.method, path: pathOf(request), params: request.params }));

async function makeCall(options: Record<string, unknown>): Promise<CallRecord> {
	const made = await callPlivoApi(sandbox, 'POST', '/Call/', { from: '14155550100', to: '14155550111', ...options });
	await sandbox.state.callbacks.idle();
	return sandbox.state.calls.calls.get(made.body.request_uuid as string)!;
}

const XML = '<Response><Speak>Hello</Speak></Response>';

describe('an outbound call', () => {
	it('notifies the ring URL, then fetches XML from the answer URL, every request signed', async () => {
		answers.set('/answer', { status: 200, contentType: 'text/xml', body: XML });
		const call = await makeCall({ answer_url: receiver.url('/answer'), ring_url: receiver.url('/ring'), ring_method: 'GET' });
		expect(received()).toEqual([
			{
				method: 'GET',
				path: '/ring',
				params: {
					From: '14155550100', To: '14155550111', CallUUID: call.call_uuid, Direction: 'outbound', Event: 'Ring', CallStatus: 'ringing',
					SessionStart: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/), STIRAttestation: 'Not Applicable',
					RequestUUID: call.request_uuid, ALegRequestUUID: call.request_uuid,
				},
			},
			{
				method: 'POST',
				path: '/answer',
				params: expect.objectContaining({ Event: 'StartApp', CallStatus: 'in-progress', ALegUUID: call.call_uuid, stir_verification: 'Not Applicable' }),
			},
		]);
		expect(call.xmlFetches).toEqual([
			{ kind: 'answer', url: receiver.url('/answer'), method: 'POST', status: 200, contentType: 'text/xml', body: XML, xml: XML },
		]);
	});

	it('records why it refuses an answer, and then asks the fallback URL with the same parameters', async () => {
		const refusals: Array<[{ status: number; contentType?: string; body: string }, string]> = [
			[{ status: 500, contentType: 'application/xml', body: XML }, 'HTTP 500'],
			[{ status: 200, contentType: 'text/plain', body: XML }, 'content type text/plain, not application/xml or text/xml'],
			[{ status: 200, contentType: 'application/xml', body: '<Response><Speak>Hi</Response>' }, 'Unexpected close tag'],
			[{ status: 200, contentType: 'application/xml', body: '<Speak>Hi</Speak>' }, 'root element is <Speak>, not <Response>'],
			[{ status: 200, contentType: 'application/xml', body: '<Response><Say>Hi</Say></Response>' }, '<Say> is not allowed in <Response>'],
			[{ status: 200, contentType: 'application/xml', body: '<Response/><Response/>' }, 'more than one root element'],
			[{ status: 200, contentType: 'application/xml', body: '' }, 'no root element'],
			[{ status: 200, contentType: 'application/xml', body: `<Response>${'<Wait/>'.repeat(20000)}</Response>` }, 'XML larger than 100 KB'],
		];
		answers.set('/fallback', { status: 200, contentType: 'application/xml', body: XML });
		// More than 2 calls a second would be queued, and queued calls play no flow.
		sandbox.state.calls.callsPerSecond = refusals.length;
		for (const [answer, problem] of refusals) {
			answers.set('/answer', answer);
			receiver.received.length = 0;
			const call = await makeCall({ answer_url: receiver.url('/answer'), fallback_url: receiver.url('/fallback'), fallback_method: 'GET' });
			expect(call.xmlFetches?.map(({ kind, problem: why, xml }) => ({ kind, problem: why, xml })), problem).toEqual([
				{ kind: 'answer', problem: expect.stringContaining(problem), xml: undefined },
				{ kind: 'fallback', problem: undefined, xml: XML },
			]);
			expect(received()[1]).toEqual({ method: 'GET', path: '/fallback', params: received()[0].params });
		}
	});

	it('records an answer URL that cannot be reached', async () => {
		const call = await makeCall({ answer_url: 'http://127.0.0.1:1/answer' });
		expect(call.xmlFetches).toEqual([
			expect.objectContaining({ kind: 'answer', status: undefined, problem: expect.stringMatching(/^not reachable: /) }),
		]);
	});

	it('notifies the hangup URL with the hangup parameters when the call is hung up', async () => {
		answers.set('/answer', { status: 200, contentType: 'application/xml', body: XML });
		const call = await makeCall({ answer_url: receiver.url('/answer'), hangup_url: receiver.url('/hangup') });
		receiver.received.length = 0;
		await callPlivoApi(sandbox, 'DELETE', `/Call/${call.call_uuid}/`);
		await sandbox.state.callbacks.idle();
		expect(received()).toEqual([
			{
				method: 'POST',
				path: '/hangup',
				params: expect.objectContaining({
					Event: 'Hangup', CallStatus: 'completed', CallUUID: call.call_uuid, HangupCause: 'NORMAL_CLEARING', HangupCauseName: 'Normal Hangup',
					HangupCauseCode: '4000', HangupSource: 'API Request', BillDuration: '1', Duration: '0',
					StartTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), AnswerTime: expect.any(String), EndTime: expect.any(String),
				}),
			},
		]);
	});

	it('plays no flow for a queued call, nor sends anything on the API request itself', async () => {
		sandbox.state.calls.holdQueue = true;
		const call = await makeCall({ answer_url: receiver.url('/answer') });
		expect(call.status).toBe('queued');
		expect(received()).toEqual([]);
	});
});

describe('an inbound call to an application', () => {
	it('fetches the application’s answer URL, and notifies its hangup URL at the end', async () => {
		answers.set('/app/answer', { status: 200, contentType: 'application/xml', body: XML });
		const application = sandbox.state.applications.add({ app_name: 'ivr', answer_url: receiver.url('/app/answer'), hangup_url: receiver.url('/app/hangup') });
		const call = sandbox.receiveInboundCall({ from: '14155550123', to: '14155550100', appId: application.app_id });
		expect(call).toMatchObject({ direction: 'inbound', status: 'in-progress', from: '14155550123', to: '14155550100' });
		await sandbox.state.callbacks.idle();
		expect(received()).toEqual([
			{
				method: 'POST',
				path: '/app/answer',
				params: {
					From: '14155550123', To: '14155550100', CallUUID: call.call_uuid, Direction: 'inbound', Event: 'StartApp', CallStatus: 'in-progress',
					SessionStart: expect.any(String), STIRAttestation: 'Not Applicable', ALegUUID: call.call_uuid, stir_verification: 'Not Applicable',
				},
			},
		]);
		expect(call.xmlFetches?.[0]).toMatchObject({ kind: 'answer', xml: XML });
		await callPlivoApi(sandbox, 'DELETE', `/Call/${call.call_uuid}/`);
		await sandbox.state.callbacks.idle();
		expect(received()[1]).toMatchObject({ path: '/app/hangup', params: { Event: 'Hangup', Direction: 'inbound' } });
	});

	it('refuses an application the sandbox does not have', () => {
		expect(() => sandbox.receiveInboundCall({ from: '14155550123', to: '14155550100', appId: '1' })).toThrow('The sandbox has no application 1');
	});
});
