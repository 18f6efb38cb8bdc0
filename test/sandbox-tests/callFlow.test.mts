/**
 * The sandbox's call flow: signed ring, answer (then fallback) and hangup callbacks with the
 * reference's parameters, and the XML it accepts or refuses as Plivo would.
 */
import { validateV3Signature } from 'plivo';
import { beforeEach, describe, expect, it } from 'vitest';

import type { ReceivedCallback, ReceiverAnswer } from '../harness/callbackReceiver.mts';
import { useCallbackReceiver } from '../harness/callbackReceiver.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { callPlivoApi } from '../harness/plivo.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { CallRecord } from '../sandbox/plivo/calls.mts';

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
	if (
		!validateV3Signature(
			request.method,
			signedUrl,
			nonce,
			sandbox.account.authToken,
			signature,
			request.params as Record<string, string>,
		)
	) {
		return { status: 403 };
	}
	return answers.get(pathOf(request)) ?? { status: 200 };
});

/** What the receiver got: method, path and parameters. */
const received = () =>
	receiver.received.map((request) => ({
		method: request.method,
		path: pathOf(request),
		params: request.params,
	}));

async function makeCall(options: Record<string, unknown>): Promise<CallRecord> {
	const made = await callPlivoApi(sandbox, 'POST', '/Call/', {
		from: '14155550100',
		to: '14155550111',
		...options,
	});
	await sandbox.state.callbacks.idle();
	return sandbox.state.calls.calls.get(made.body.request_uuid as string)!;
}

/** Plivo hangs up once a call's XML has run: this one keeps the call, in a conference. */
const XML = '<Response><Speak>Hello</Speak><Conference>lobby</Conference></Response>';

describe('an outbound call', () => {
	it('notifies the ring URL, then fetches XML from the answer URL, every request signed', async () => {
		answers.set('/answer', { status: 200, contentType: 'text/xml', body: XML });
		const call = await makeCall({
			answer_url: receiver.url('/answer'),
			ring_url: receiver.url('/ring'),
			ring_method: 'GET',
		});
		expect(received()).toEqual([
			{
				method: 'GET',
				path: '/ring',
				params: {
					From: '14155550100',
					To: '14155550111',
					CallUUID: call.call_uuid,
					Direction: 'outbound',
					Event: 'Ring',
					CallStatus: 'ringing',
					SessionStart: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/),
					STIRAttestation: 'Not Applicable',
					RequestUUID: call.request_uuid,
					ALegRequestUUID: call.request_uuid,
				},
			},
			{
				method: 'POST',
				path: '/answer',
				params: expect.objectContaining({
					Event: 'StartApp',
					CallStatus: 'in-progress',
					ALegUUID: call.call_uuid,
					stir_verification: 'Not Applicable',
				}),
			},
		]);
		expect(call.xmlFetches).toEqual([
			{
				kind: 'answer',
				url: receiver.url('/answer'),
				method: 'POST',
				status: 200,
				contentType: 'text/xml',
				body: XML,
				xml: XML,
			},
		]);
	});

	it('records why it refuses an answer, and then asks the fallback URL with the same parameters', async () => {
		const refusals: Array<[{ status: number; contentType?: string; body: string }, string]> = [
			[{ status: 500, contentType: 'application/xml', body: XML }, 'HTTP 500'],
			[
				{ status: 200, contentType: 'text/plain', body: XML },
				'content type text/plain, not application/xml or text/xml',
			],
			[
				{ status: 200, contentType: 'application/xml', body: '<Response><Speak>Hi</Response>' },
				'Unexpected close tag',
			],
			[
				{ status: 200, contentType: 'application/xml', body: '<Speak>Hi</Speak>' },
				'root element is <Speak>, not <Response>',
			],
			[
				{ status: 200, contentType: 'application/xml', body: '<Response><Say>Hi</Say></Response>' },
				'<Say> is not allowed in <Response>',
			],
			[
				{ status: 200, contentType: 'application/xml', body: '<Response/><Response/>' },
				'more than one root element',
			],
			[{ status: 200, contentType: 'application/xml', body: '' }, 'no root element'],
			[
				{
					status: 200,
					contentType: 'application/xml',
					body: `<Response>${'<Wait/>'.repeat(20000)}</Response>`,
				},
				'XML larger than 100 KB',
			],
		];
		answers.set('/fallback', { status: 200, contentType: 'application/xml', body: XML });
		// More than 2 calls a second would be queued, and queued calls play no flow.
		sandbox.state.calls.callsPerSecond = refusals.length;
		for (const [answer, problem] of refusals) {
			answers.set('/answer', answer);
			receiver.received.length = 0;
			const call = await makeCall({
				answer_url: receiver.url('/answer'),
				fallback_url: receiver.url('/fallback'),
				fallback_method: 'GET',
			});
			expect(
				call.xmlFetches?.map(({ kind, problem: why, xml }) => ({ kind, problem: why, xml })),
				problem,
			).toEqual([
				{ kind: 'answer', problem: expect.stringContaining(problem), xml: undefined },
				{ kind: 'fallback', problem: undefined, xml: XML },
			]);
			expect(received()[1]).toEqual({
				method: 'GET',
				path: '/fallback',
				params: received()[0].params,
			});
		}
	});

	it('records an answer URL that cannot be reached', async () => {
		const call = await makeCall({ answer_url: 'http://127.0.0.1:1/answer' });
		expect(call.xmlFetches).toEqual([
			expect.objectContaining({
				kind: 'answer',
				status: undefined,
				problem: expect.stringMatching(/^not reachable: /),
			}),
		]);
	});

	it('notifies the hangup URL with the hangup parameters when the call is hung up', async () => {
		answers.set('/answer', { status: 200, contentType: 'application/xml', body: XML });
		const call = await makeCall({
			answer_url: receiver.url('/answer'),
			hangup_url: receiver.url('/hangup'),
		});
		receiver.received.length = 0;
		await callPlivoApi(sandbox, 'DELETE', `/Call/${call.call_uuid}/`);
		await sandbox.state.callbacks.idle();
		expect(received()).toEqual([
			{
				method: 'POST',
				path: '/hangup',
				params: expect.objectContaining({
					Event: 'Hangup',
					CallStatus: 'completed',
					CallUUID: call.call_uuid,
					HangupCause: 'NORMAL_CLEARING',
					HangupCauseName: 'Normal Hangup',
					HangupCauseCode: '4000',
					HangupSource: 'API Request',
					BillDuration: '1',
					Duration: '0',
					StartTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
					AnswerTime: expect.any(String),
					EndTime: expect.any(String),
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
		const application = sandbox.state.applications.add({
			app_name: 'ivr',
			answer_url: receiver.url('/app/answer'),
			hangup_url: receiver.url('/app/hangup'),
		});
		const call = sandbox.receiveInboundCall({
			from: '14155550123',
			to: '14155550100',
			appId: application.app_id,
		});
		expect(call).toMatchObject({
			direction: 'inbound',
			status: 'in-progress',
			from: '14155550123',
			to: '14155550100',
		});
		await sandbox.state.callbacks.idle();
		expect(received()).toEqual([
			{
				method: 'POST',
				path: '/app/answer',
				params: {
					From: '14155550123',
					To: '14155550100',
					CallUUID: call.call_uuid,
					Direction: 'inbound',
					Event: 'StartApp',
					CallStatus: 'in-progress',
					SessionStart: expect.any(String),
					STIRAttestation: 'Not Applicable',
					ALegUUID: call.call_uuid,
					stir_verification: 'Not Applicable',
				},
			},
		]);
		expect(call.xmlFetches?.[0]).toMatchObject({ kind: 'answer', xml: XML });
		await callPlivoApi(sandbox, 'DELETE', `/Call/${call.call_uuid}/`);
		await sandbox.state.callbacks.idle();
		expect(received()[1]).toMatchObject({
			path: '/app/hangup',
			params: { Event: 'Hangup', Direction: 'inbound' },
		});
	});

	it('refuses an application the sandbox does not have', () => {
		expect(() =>
			sandbox.receiveInboundCall({ from: '14155550123', to: '14155550100', appId: '1' }),
		).toThrow('The sandbox has no application 1');
	});
});

describe('keys pressed while the XML gathers them', () => {
	const menu = (gather: string) => `<Response>${gather}<Speak>Goodbye</Speak></Response>`;
	const BRANCH = '<Response><Speak>Sales</Speak></Response>';

	/** An inbound call whose answer URL answered with `answer`. */
	async function callAnsweredWith(answer: string): Promise<CallRecord> {
		answers.set('/answer', { status: 200, contentType: 'application/xml', body: answer });
		answers.set('/menu', { status: 200, contentType: 'application/xml', body: BRANCH });
		const application = sandbox.state.applications.add({
			app_name: 'ivr',
			answer_url: receiver.url('/answer'),
		});
		const call = sandbox.receiveInboundCall({
			from: '14155550123',
			to: '14155550100',
			appId: application.app_id,
		});
		await sandbox.state.callbacks.idle();
		receiver.received.length = 0;
		return call;
	}

	it('sends GetDigits’ keys to its action URL, signed, with the call’s parameters, and runs the XML that comes back', async () => {
		const action = receiver.url('/menu?plivoEvent=input');
		const call = await callAnsweredWith(
			menu(`<GetDigits action="${action}" numDigits="1"><Speak>Press 1</Speak></GetDigits>`),
		);
		// numDigits="1": the keys beyond the first are ignored.
		const fetched = await sandbox.enterDigits(call.call_uuid, '12');
		expect(received()).toEqual([
			{
				method: 'POST',
				path: '/menu',
				params: {
					From: '14155550123',
					To: '14155550100',
					CallUUID: call.call_uuid,
					Direction: 'inbound',
					CallStatus: 'in-progress',
					SessionStart: expect.any(String),
					STIRAttestation: 'Not Applicable',
					Digits: '1',
				},
			},
		]);
		const expected = {
			kind: 'input',
			url: action,
			method: 'POST',
			status: 200,
			contentType: 'application/xml',
			body: BRANCH,
			xml: BRANCH,
		};
		expect(fetched).toEqual(expected);
		expect(call.xmlFetches?.[1]).toEqual(expected);
	});

	it('sends GetInput’s keys with InputType dtmf, by the method the element names', async () => {
		const call = await callAnsweredWith(
			menu(`<GetInput action="${receiver.url('/menu')}" method="GET" inputType="dtmf speech"/>`),
		);
		await sandbox.enterDigits(call.call_uuid, '42#');
		expect(received()).toEqual([
			{
				method: 'GET',
				path: '/menu',
				params: expect.objectContaining({ Digits: '42#', InputType: 'dtmf' }),
			},
		]);
	});

	it('refuses keys the call’s XML does not gather, or that a phone does not have', async () => {
		const refused: Array<[string, string, RegExp]> = [
			[
				menu('<Conference>lobby</Conference>'),
				'1',
				/gathers no keys now: it waits at no GetDigits, nor GetInput with inputType dtmf/,
			],
			[
				menu(`<GetInput action="${receiver.url('/menu')}" inputType="speech"/>`),
				'1',
				/gathers no keys/,
			],
			[menu('<GetDigits numDigits="1"/>'), '1', /has no action URL/],
			[menu(`<GetDigits action="${receiver.url('/menu')}"/>`), '1a', /are not keys of a phone/],
		];
		for (const [answer, digits, message] of refused) {
			const call = await callAnsweredWith(answer);
			await expect(sandbox.enterDigits(call.call_uuid, digits), answer).rejects.toThrow(message);
		}
		expect(received()).toEqual([]);
		const call = await callAnsweredWith(menu(`<GetDigits action="${receiver.url('/menu')}"/>`));
		await callPlivoApi(sandbox, 'DELETE', `/Call/${call.call_uuid}/`);
		await expect(sandbox.enterDigits(call.call_uuid, '1')).rejects.toThrow(/is not in progress/);
	});
});

describe('the sandbox’s controls (/_sandbox/…, for a person trying a workflow)', () => {
	async function control(path: string) {
		const response = await fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST' });
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	}

	it('place an inbound call to the newest application, then press keys on the newest call, answering with the XML fetched', async () => {
		const MENU = `<Response><GetDigits action="${receiver.url('/menu')}"/></Response>`;
		const SALES = '<Response><Speak>Sales</Speak></Response>';
		answers.set('/answer', { status: 200, contentType: 'application/xml', body: MENU });
		answers.set('/menu', { status: 200, contentType: 'application/xml', body: SALES });
		sandbox.state.applications.add({ app_name: 'older', answer_url: receiver.url('/older') });
		const application = sandbox.state.applications.add({
			app_name: 'ivr',
			answer_url: receiver.url('/answer'),
		});

		const placed = await control('inbound-call');
		const callUuid = [...sandbox.state.calls.calls.keys()].at(-1);
		expect(placed).toEqual({
			status: 200,
			body: {
				call_uuid: callUuid,
				from: '14155550123',
				to: '14155550100',
				app_id: application.app_id,
				xml_fetches: [
					{
						kind: 'answer',
						url: receiver.url('/answer'),
						method: 'POST',
						status: 200,
						contentType: 'application/xml',
						body: MENU,
						xml: MENU,
					},
				],
			},
		});
		expect(await control('digits?digits=1')).toEqual({
			status: 200,
			body: {
				call_uuid: callUuid,
				digits: '1',
				xml_fetch: {
					kind: 'input',
					url: receiver.url('/menu'),
					method: 'POST',
					status: 200,
					contentType: 'application/xml',
					body: SALES,
					xml: SALES,
				},
			},
		});
		// SALES is all the call had left to run: Plivo hangs up, and notifies the application's
		// hangup URL (its answer URL, when it has none of its own).
		expect(received().map(({ path, params }) => [path, params.Event, params.Digits])).toEqual([
			['/answer', 'StartApp', undefined],
			['/menu', undefined, '1'],
			['/answer', 'Hangup', undefined],
		]);
	});

	it('take the caller, the number called, the application and the call in the query', async () => {
		answers.set('/answer', {
			status: 200,
			contentType: 'application/xml',
			body: `<Response><GetDigits action="${receiver.url('/menu')}"/></Response>`,
		});
		const application = sandbox.state.applications.add({
			app_name: 'ivr',
			answer_url: receiver.url('/answer'),
		});
		sandbox.state.applications.add({ app_name: 'newer', answer_url: receiver.url('/newer') });
		const placed = await control(
			`inbound-call?from=14155550777&to=14155550888&app_id=${application.app_id}`,
		);
		expect(placed.body).toMatchObject({
			from: '14155550777',
			to: '14155550888',
			app_id: application.app_id,
		});
		sandbox.state.calls.create({ from: '14155550100', to: '14155550199' });
		expect(
			(await control(`digits?digits=9&call_uuid=${String(placed.body.call_uuid)}`)).body,
		).toMatchObject({
			call_uuid: placed.body.call_uuid,
			digits: '9',
		});
	});

	it('answer 400 with the reason when there is nothing to call or to press keys on', async () => {
		const refusal = (error: string) => ({
			status: 400,
			body: { api_id: expect.any(String), error },
		});
		expect(await control('inbound-call')).toEqual(
			refusal(
				'The sandbox has no application yet: activate a workflow whose Plivo Voice Trigger creates one',
			),
		);
		expect(await control('inbound-call?app_id=1')).toEqual(
			refusal('The sandbox has no application 1'),
		);
		expect(await control('inbound-call?caller=1')).toEqual(
			refusal(expect.stringContaining('caller')),
		);
		expect(await control('digits?digits=1')).toEqual(refusal('No call is in progress'));
		const call = sandbox.state.calls.create({ from: '14155550100', to: '14155550199' });
		expect(await control('digits')).toEqual(refusal(expect.stringContaining('digits')));
		expect(await control('digits?digits=1')).toEqual(
			refusal(
				`The XML call ${call.call_uuid} runs gathers no keys now: it waits at no GetDigits, nor GetInput with inputType dtmf`,
			),
		);
	});
});
