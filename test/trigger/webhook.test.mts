/**
 * The trigger's webhook over HTTP, as n8n serves it (test/harness/webhook.mts), receiving
 * callbacks signed by the sandbox the way Plivo signs them: which callbacks start the workflow
 * and with what, signature refusals, and the XML answers in each response mode.
 */
import { randomBytes } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';
import { parser } from 'sax';
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { useSandbox } from '../harness/useSandbox.mts';
import { startPlivoVoiceTrigger } from '../harness/trigger.mts';
import type { TriggerHarness } from '../harness/webhook.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { CallbackParams } from '../sandbox/plivo/callbacks.mts';
import { signV3 } from '../sandbox/plivo/callbacks.mts';

const XML = '<Response><Speak>Thanks for calling</Speak></Response>';

const CALL = {
	CallUUID: 'b8a2f0c4-0000-4000-8000-000000000001',
	From: '14155550100',
	To: '14155550111',
	Direction: 'outbound',
	RequestUUID: 'b8a2f0c4-0000-4000-8000-000000000001',
	ALegRequestUUID: 'b8a2f0c4-0000-4000-8000-000000000001',
};

let sandbox: PlivoSandbox;
let trigger: TriggerHarness;

useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

afterEach(async () => {
	await trigger?.close();
});

async function start(
	parameters: INodeParameters,
	options: { respondToWebhookVersion?: number; authToken?: string } = {},
) {
	trigger = await startPlivoVoiceTrigger(sandbox, { registration: 'none', ...parameters }, options);
	return trigger;
}

/**
 * What `send` got back, and how the trigger handled that one request: never an earlier request's
 * record, and with the status the sender got.
 */
async function handledOne<Sent extends { status?: number }>(send: () => Promise<Sent>) {
	const before = trigger.handled.length;
	const sent = await send();
	expect(trigger.handled).toHaveLength(before + 1);
	const handled = trigger.handled[before];
	expect(handled.status).toBe(sent.status);
	return { sent, handled };
}

/** A callback from "Plivo" (the sandbox's signed delivery), and how the trigger handled it. */
async function callback(
	params: CallbackParams,
	{ method = 'POST', url }: { method?: 'GET' | 'POST'; url?: string } = {},
) {
	const { sent: delivered, handled } = await handledOne(
		async () => await sandbox.state.callbacks.send(url ?? trigger.webhookUrl, method, params),
	);
	return { delivered, handled };
}

/** A POST to the trigger with headers of the test's choosing. */
async function rawPost(url: string, params: CallbackParams, headers: Record<string, string>) {
	const { handled } = await handledOne(async () => {
		const response = await request(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
			body: new URLSearchParams(params).toString(),
		});
		await response.body.text();
		return { status: response.statusCode };
	});
	return handled;
}

function signedHeaders(url: string, params: CallbackParams, token = sandbox.account.authToken) {
	const nonce = randomBytes(10).toString('hex');
	return {
		'X-Plivo-Signature-V3': signV3(token, 'POST', url, params, nonce),
		'X-Plivo-Signature-V3-Nonce': nonce,
	};
}

describe('events', () => {
	const examples: Array<[string, CallbackParams, string?]> = [
		['answer', { ...CALL, Event: 'StartApp', CallStatus: 'in-progress', ALegUUID: CALL.CallUUID }],
		['ring', { ...CALL, Event: 'Ring', CallStatus: 'ringing' }],
		[
			'hangup',
			{
				...CALL,
				Event: 'Hangup',
				CallStatus: 'completed',
				HangupCause: 'NORMAL_CLEARING',
				Duration: '12',
				BillDuration: '60',
			},
		],
		[
			'machineDetection',
			{ ...CALL, Event: 'MachineDetection', Machine: 'true', IfMachine: 'continue' },
		],
		['streamStatus', { CallUUID: CALL.CallUUID, Event: 'DroppedStream', StreamID: 's1' }],
		[
			'conference',
			{
				ConferenceAction: 'enter',
				ConferenceName: 'room',
				ConferenceUUID: 'c1',
				ConferenceMemberID: '12',
				CallUUID: CALL.CallUUID,
			},
		],
		[
			'mpcStatus',
			{
				EventName: 'ParticipantJoin',
				EventTimestamp: '2026-05-01 10:00:00',
				MPCUUID: 'm1',
				MPCName: 'team',
				MemberID: '3',
				ParticipantRole: 'Agent',
				ParticipantCallUUID: CALL.CallUUID,
			},
		],
		[
			'mpcRecordingStatus',
			{
				EventName: 'MPCRecordingCompleted',
				MPCUUID: 'm1',
				RecordingURL: 'https://media.plivo.com/r.mp3',
				RecordingUUID: 'r1',
				RecordingDuration: '30',
				RecordingFormat: 'mp3',
			},
		],
		[
			'recordingReady',
			{
				...CALL,
				RecordUrl: 'https://media.plivo.com/r.mp3',
				RecordingID: 'r1',
				RecordingDuration: '12',
				RecordingDurationMs: '12000',
				RecordingStartMs: '1',
				RecordingEndMs: '12001',
			},
		],
		[
			'transcriptionReady',
			{
				transcription: 'hello there',
				transcription_charge: '0.05',
				transcription_rate: '0.05',
				duration: '12',
				call_uuid: CALL.CallUUID,
				recording_id: 'r1',
				error: '',
			},
		],
		['input', { ...CALL, Event: 'Redirect', InputType: 'dtmf', Digits: '1' }],
		['other', { Unrelated: 'value' }],
	];

	it('recognises each callback from its parameters; the item holds every parameter and the event', async () => {
		await start({ events: ['*'] });
		for (const [event, params] of examples) {
			const { handled } = await callback(params);
			expect(handled.status, event).toBe(200);
			expect(handled.workflowItems, event).toEqual([
				{ json: { event, ...params, webhookUrl: trigger.webhookUrl } },
			]);
		}
	});

	it('recognises the fallback URL by its ?plivoEvent=fallback marker (which it keeps in the item)', async () => {
		await start({ events: ['fallback'] });
		const params = { ...CALL, Event: 'StartApp', CallStatus: 'in-progress' };
		const { handled } = await callback(params, {
			url: `${trigger.webhookUrl}?plivoEvent=fallback`,
		});
		expect(handled).toMatchObject({ status: 200, contentType: 'application/xml; charset=utf-8' });
		expect(handled.workflowItems).toEqual([
			{
				json: {
					event: 'fallback',
					plivoEvent: 'fallback',
					...params,
					webhookUrl: trigger.webhookUrl,
				},
			},
		]);
		// Without the marker the same callback is an answer, which this trigger does not take.
		const plain = await callback(params);
		expect(plain.handled).toMatchObject({ status: 200, body: '', workflowItems: undefined });
	});

	it('acknowledges callbacks that are not selected with 200 and starts nothing', async () => {
		await start({ events: ['hangup'] });
		for (const [event, params] of examples.filter(([name]) => name !== 'hangup')) {
			const { handled, delivered } = await callback(params);
			expect(handled, event).toMatchObject({ status: 200, body: '', workflowItems: undefined });
			expect(delivered.status).toBe(200);
		}
		const { handled } = await callback(examples[2][1]);
		expect(handled.workflowItems?.[0].json.event).toBe('hangup');
	});

	it('takes GET callbacks, with Plivo’s parameters in the query', async () => {
		await start({ events: ['ring'] });
		const params = { ...CALL, Event: 'Ring', CallStatus: 'ringing' };
		const { handled } = await callback(params, {
			method: 'GET',
			url: `${trigger.webhookUrl}?flow=sales`,
		});
		expect(handled).toMatchObject({ method: 'GET', status: 200 });
		expect(handled.workflowItems).toEqual([
			{ json: { event: 'ring', flow: 'sales', ...params, webhookUrl: trigger.webhookUrl } },
		]);
	});

	it('keeps the query of a POST callback’s URL, and repeated parameters as lists', async () => {
		await start({ events: ['hangup'] });
		const { handled } = await callback(
			{ ...CALL, Event: 'Hangup' },
			{ url: `${trigger.webhookUrl}?flow=sales&tag=a&tag=b` },
		);
		expect(handled.workflowItems?.[0].json).toEqual({
			event: 'hangup',
			flow: 'sales',
			tag: ['a', 'b'],
			...CALL,
			Event: 'Hangup',
			webhookUrl: trigger.webhookUrl,
		});
	});
});

describe('signature verification', () => {
	const params = { ...CALL, Event: 'Hangup', CallStatus: 'completed' };

	it('refuses a callback signed with another token: 403, no workflow', async () => {
		await start({ events: ['*'] }, { authToken: 'not-the-sandbox-token' });
		const { handled, delivered } = await callback(params);
		expect(delivered.status).toBe(403);
		expect(handled).toMatchObject({ status: 403, workflowItems: undefined });
		expect(handled.body).toMatch(/signature/i);
	});

	it('refuses missing, empty, comma-only and stale signatures, and a changed body', async () => {
		await start({ events: ['*'] });
		const url = trigger.webhookUrl;
		const genuine = signedHeaders(url, params);
		const attempts: Array<[string, CallbackParams, Record<string, string>]> = [
			['no headers', params, {}],
			['empty signature', params, { ...genuine, 'X-Plivo-Signature-V3': '' }],
			['comma-only signature', params, { ...genuine, 'X-Plivo-Signature-V3': ',,' }],
			['no nonce', params, { 'X-Plivo-Signature-V3': genuine['X-Plivo-Signature-V3'] }],
			['another nonce', params, { ...genuine, 'X-Plivo-Signature-V3-Nonce': 'other' }],
			['changed body', { ...params, Duration: '9999' }, genuine],
			['signed for another URL', params, signedHeaders(`${url}?x=1`, params)],
		];
		for (const [name, body, headers] of attempts) {
			const handled = await rawPost(url, body, headers);
			expect(handled, name).toMatchObject({ status: 403, workflowItems: undefined });
		}
		const accepted = await rawPost(url, params, genuine);
		expect(accepted).toMatchObject({
			status: 200,
			workflowItems: [{ json: { event: 'hangup', ...params } }],
		});
	});

	describe('the Auth Token, read from the credential only when needed', () => {
		afterEach(() => {
			vi.useRealTimers();
		});

		it('is read once for a stream of callbacks, genuine or forged, and not at all without a signature', async () => {
			await start({ events: ['*'] });
			const url = trigger.webhookUrl;
			const reads = () => trigger.credentialsHelper.reads;
			expect((await rawPost(url, params, {})).status).toBe(403);
			expect(reads()).toBe(0);
			for (let index = 0; index < 5; index++)
				expect((await rawPost(url, params, signedHeaders(url, params))).status).toBe(200);
			const forged = { ...signedHeaders(url, params), 'X-Plivo-Signature-V3': 'AAAA' };
			for (let index = 0; index < 5; index++)
				expect((await rawPost(url, params, forged)).status).toBe(403);
			expect(reads()).toBe(1);
		});

		it('follows a token changed in the credential: read again when a signature does not match, at most every 10 s', async () => {
			vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T12:00:00Z') });
			await start({ events: ['*'] });
			const url = trigger.webhookUrl;
			expect((await rawPost(url, params, signedHeaders(url, params))).status).toBe(200);
			const rotated = 'rotated-auth-token';
			trigger.credentialsHelper.update('plivoVoiceApi', { authToken: rotated });
			const withRotated = () => signedHeaders(url, params, rotated);
			// Right after the last read, a mismatch does not cost a read: forged floods stay cheap.
			expect((await rawPost(url, params, withRotated())).status).toBe(403);
			expect(trigger.credentialsHelper.reads).toBe(1);
			vi.setSystemTime(new Date('2026-12-01T12:00:11Z'));
			expect((await rawPost(url, params, withRotated())).status).toBe(200);
			expect(trigger.credentialsHelper.reads).toBe(2);
			// The old token is no longer taken once the new one is known.
			expect((await rawPost(url, params, signedHeaders(url, params))).status).toBe(403);
		});
	});

	it('accepts the main account’s signature (X-Plivo-Signature-Ma-V3) when the other one does not match', async () => {
		await start({ events: ['*'] });
		const genuine = signedHeaders(trigger.webhookUrl, params);
		const handled = await rawPost(trigger.webhookUrl, params, {
			'X-Plivo-Signature-V3': 'c3ViYWNjb3VudC1zaWduYXR1cmUtZm9yLWFub3RoZXItdG9rZW4=',
			'X-Plivo-Signature-Ma-V3': genuine['X-Plivo-Signature-V3'],
			'X-Plivo-Signature-V3-Nonce': genuine['X-Plivo-Signature-V3-Nonce'],
		});
		expect(handled.status).toBe(200);
	});

	it('can be switched off: then any request starts the workflow', async () => {
		await start({ events: ['*'], verifySignature: false });
		const handled = await rawPost(trigger.webhookUrl, params, {});
		expect(handled).toMatchObject({
			status: 200,
			workflowItems: [{ json: { event: 'hangup', ...params } }],
		});
	});

	it('checks the test URL while the editor listens for a test event', async () => {
		await start({ events: ['hangup'] });
		const { handled } = await callback(params, { url: trigger.testWebhookUrl });
		expect(handled).toMatchObject({
			status: 200,
			workflowItems: [{ json: { event: 'hangup', webhookUrl: trigger.testWebhookUrl } }],
		});
		expect(handled.url).toMatch(/^\/webhook-test\//);
	});

	it('checks the public URL set in the options when n8n sits behind a proxy', async () => {
		await start({ events: ['*'] });
		const publicUrl = `https://n8n.example.com/hooks/webhook/${trigger.node.webhookId}/webhook`;
		trigger.setParameters({ registration: 'none', events: ['*'], options: { publicUrl } });
		// Signed for the public URL, received on n8n's own address; the item gives the public URL,
		// without the query.
		const item = (webhookUrl: string) => [{ json: expect.objectContaining({ webhookUrl }) }];
		expect(
			await rawPost(trigger.webhookUrl, params, signedHeaders(publicUrl, params)),
		).toMatchObject({ status: 200, workflowItems: item(publicUrl) });
		expect(
			await rawPost(`${trigger.webhookUrl}?a=1`, params, signedHeaders(`${publicUrl}?a=1`, params)),
		).toMatchObject({
			status: 200,
			workflowItems: item(publicUrl),
		});
		expect(
			await rawPost(trigger.webhookUrl, params, signedHeaders(trigger.webhookUrl, params)),
		).toMatchObject({ status: 403 });
		// A test call goes to the public test URL.
		const publicTestUrl = publicUrl.replace('/webhook/', '/webhook-test/');
		expect(
			await rawPost(trigger.testWebhookUrl, params, signedHeaders(publicTestUrl, params)),
		).toMatchObject({
			status: 200,
			workflowItems: item(publicTestUrl),
		});
	});
	it('checks a proxy’s URL exactly as written, whatever its path shares with n8n’s', async () => {
		await start({ events: ['*'] });
		const proxies = [
			'https://calls.example.net/n8n-hooks/webhook',
			'https://calls.example.net/plivo',
			`https://calls.example.net/${trigger.node.webhookId}/webhook`,
			'https://calls.example.net/webhook/webhook',
		];
		for (const publicUrl of proxies) {
			trigger.setParameters({ registration: 'none', events: ['*'], options: { publicUrl } });
			// Production: the proxy forwards to n8n's production URL.
			expect(
				await rawPost(trigger.webhookUrl, params, signedHeaders(publicUrl, params)),
				publicUrl,
			).toMatchObject({
				status: 200,
				workflowItems: [{ json: expect.objectContaining({ webhookUrl: publicUrl }) }],
			});
			// Test: a URL that is not n8n's shape is not rewritten either.
			expect(
				await rawPost(trigger.testWebhookUrl, params, signedHeaders(publicUrl, params)),
				publicUrl,
			).toMatchObject({ status: 200 });
		}
	});
});

describe('oversized requests', () => {
	const params = { ...CALL, Event: 'Hangup', CallStatus: 'completed' };

	/** `count` parameters in all, Plivo's first. */
	function withParameters(count: number): CallbackParams {
		const extra = Object.fromEntries(
			Array.from({ length: count - Object.keys(params).length }, (_, index) => [
				`X-PH-${index}`,
				'v',
			]),
		);
		return { ...params, ...extra };
	}

	it('refuses more than 1,000 parameters with 413 before checking the signature, genuine or not', async () => {
		await start({ events: ['*'] });
		const atLimit = withParameters(1000);
		expect(
			await rawPost(trigger.webhookUrl, atLimit, signedHeaders(trigger.webhookUrl, atLimit)),
		).toMatchObject({ status: 200 });
		const over = withParameters(1001);
		for (const headers of [
			signedHeaders(trigger.webhookUrl, over),
			{},
			{ 'X-Plivo-Signature-V3': 'garbled', 'X-Plivo-Signature-V3-Nonce': '1' },
		]) {
			const handled = await rawPost(trigger.webhookUrl, over, headers);
			expect(handled).toMatchObject({ status: 413, workflowItems: undefined });
			expect(handled.error).toBeUndefined();
			expect(handled.body).toMatch(/more than 1000 parameters/);
		}
	});

	it('refuses a body over 256 KB with 413 before checking the signature', async () => {
		await start({ events: ['*'] });
		const fits = { ...params, Padding: 'x'.repeat(256 * 1024 - 400) };
		expect(new URLSearchParams(fits).toString().length).toBeLessThanOrEqual(256 * 1024);
		expect(
			await rawPost(trigger.webhookUrl, fits, signedHeaders(trigger.webhookUrl, fits)),
		).toMatchObject({ status: 200 });
		const over = { ...params, Padding: 'x'.repeat(256 * 1024) };
		expect(
			await rawPost(trigger.webhookUrl, over, signedHeaders(trigger.webhookUrl, over)),
		).toMatchObject({ status: 413, workflowItems: undefined });
		// A forged request of millions of bytes and parameters gets the same cheap answer.
		const response = await request(trigger.webhookUrl, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-Plivo-Signature-V3': 'garbled',
				'X-Plivo-Signature-V3-Nonce': '1',
			},
			body: 'a=1&'.repeat(500_000),
		});
		expect(response.statusCode).toBe(413);
		await response.body.text();
	});

	it('counts the parameters of a GET callback’s query, and refuses even with verification off', async () => {
		await start({ events: ['*'], verifySignature: false });
		const query = new URLSearchParams(withParameters(1001)).toString();
		const response = await request(`${trigger.webhookUrl}?${query}`);
		await response.body.text();
		expect(trigger.handled.at(-1)).toMatchObject({
			method: 'GET',
			status: 413,
			workflowItems: undefined,
		});
	});
});

describe('XML answers', () => {
	const answer = { ...CALL, Event: 'StartApp', CallStatus: 'in-progress' };

	it('immediately: sends the XML written in the node as application/xml, and starts the workflow', async () => {
		await start({ events: ['answer'], responseMode: 'onReceived', responseXml: XML });
		const { handled } = await callback(answer);
		expect(handled).toMatchObject({
			status: 200,
			contentType: 'application/xml; charset=utf-8',
			body: XML,
		});
		expect(handled.workflowItems).toEqual([
			{ json: { event: 'answer', ...answer, webhookUrl: trigger.webhookUrl } },
		]);
	});

	it('immediately: evaluates expressions in the XML', async () => {
		await start({
			events: ['input'],
			responseMode: 'onReceived',
			responseXml: '={{ "<Response><Speak>" + ["One", "Two"].join(", ") + "</Speak></Response>" }}',
		});
		const { handled } = await callback({ ...CALL, Digits: '2' });
		expect(handled).toMatchObject({
			status: 200,
			body: '<Response><Speak>One, Two</Speak></Response>',
		});
	});

	describe('immediately: values from the callback stay text', () => {
		/** Every parameter Plivo sends to an answer, fallback or input URL (plivo-facts.md), and a caller name and SIP header. */
		const parameters = [
			'CallUUID',
			'From',
			'To',
			'Direction',
			'CallStatus',
			'Event',
			'ALegUUID',
			'ALegRequestUUID',
			'RequestUUID',
			'SessionStart',
			'STIRAttestation',
			'ParentAuthID',
			'BillRate',
			'CallerName',
			'X-PH-Team',
			'SIP-H-To',
			'Digits',
			'Speech',
			'InputType',
			'HangupCause',
			'HangupCauseCode',
			'HangupSource',
			'Duration',
			'BillDuration',
			'StartTime',
			'AnswerTime',
			'EndTime',
		];
		const hostile = [
			'</Speak><Dial><Number>19005550100</Number></Dial><Speak>',
			'" voice="MAN" x="',
			"' loop='0",
			'Tom & Jerry &amp; &lt; &#60;',
			'<![CDATA[',
			']]><Hangup/><![CDATA[',
			'<!-- ',
			'--><Hangup/><!--',
			'<?xml version="1.0"?>',
			'line\r\nbreak\ttab',
			'',
		];
		const value = (name: string) => `$json.body[${JSON.stringify(name)}]`;
		// Each parameter as element text, as an attribute value in either quotes, and in a CDATA section.
		const template = `=<Response>${parameters
			.map(
				(name) =>
					`<Speak voice="{{ ${value(name)} }}" language='{{ ${value(name)} }}'>{{ ${value(name)} }}</Speak><Speak><![CDATA[{{ ${value(name)} }}]]></Speak>`,
			)
			.join('')}</Response>`;

		/** Elements, attributes and text of a document, as sax (strict) reads it. */
		function read(document: string) {
			const xml = parser(true);
			const elements: Array<{ name: string; attributes: Record<string, string>; text: string }> =
				[];
			xml.onopentag = (tag) =>
				elements.push({
					name: tag.name,
					attributes: tag.attributes as Record<string, string>,
					text: '',
				});
			xml.ontext = (text) => (elements[elements.length - 1].text += text);
			xml.oncdata = (text) => (elements[elements.length - 1].text += text);
			xml.write(document).close();
			return elements;
		}

		it('in every parameter Plivo sends, markup, quotes, & and CDATA or comment openers are spoken as text', async () => {
			await start({ events: ['answer'], responseMode: 'onReceived', responseXml: template });
			for (const text of hostile) {
				const params = Object.fromEntries(parameters.map((name) => [name, text]));
				// The marker makes it an answer whatever the parameters say.
				const { handled } = await callback(params, {
					url: `${trigger.webhookUrl}?plivoEvent=answer`,
				});
				expect(handled.error, text).toBeUndefined();
				expect(handled).toMatchObject({
					status: 200,
					contentType: 'application/xml; charset=utf-8',
				});
				const elements = read(handled.body);
				expect(
					elements.map((element) => element.name),
					text,
				).toEqual(['Response', ...parameters.flatMap(() => ['Speak', 'Speak'])]);
				for (const [index, element] of elements.slice(1).entries()) {
					if (index % 2 === 0) {
						expect(element, text).toEqual({
							name: 'Speak',
							attributes: { voice: text, language: text },
							text,
						});
					} else {
						expect(element, text).toEqual({ name: 'Speak', attributes: {}, text });
					}
				}
			}
		});

		it('a caller name with markup or & is spoken as text in the answer Plivo gets', async () => {
			await start({
				events: ['answer'],
				responseMode: 'onReceived',
				responseXml: '=<Response><Speak>Hello {{ $json.body.CallerName }}</Speak></Response>',
			});
			const { handled, delivered } = await callback({
				...answer,
				CallerName: 'Tom & Jerry</Speak><Dial><Number>19005550100</Number></Dial><Speak>',
			});
			expect(delivered.responseBody).toBe(
				'<Response><Speak>Hello Tom &amp; Jerry&lt;/Speak&gt;&lt;Dial&gt;&lt;Number&gt;19005550100&lt;/Number&gt;&lt;/Dial&gt;&lt;Speak&gt;</Speak></Response>',
			);
			expect(handled.status).toBe(200);
		});

		it('takes an expression that is the whole field as the XML itself, and checks it', async () => {
			await start({
				events: ['answer'],
				responseMode: 'onReceived',
				responseXml: '= {{ "<Response><Speak>" + "Hi" + "</Speak></Response>" }}\n',
			});
			expect((await callback(answer)).handled).toMatchObject({
				status: 200,
				body: '<Response><Speak>Hi</Speak></Response>',
			});
			await trigger.close();
			await start({
				events: ['answer'],
				responseMode: 'onReceived',
				responseXml: '={{ $json.body.CallerName }}',
			});
			const { handled } = await callback({ ...answer, CallerName: 'Tom & Jerry' });
			expect(handled.error?.message).toMatch(/^The Response XML is not valid Plivo XML: /);
		});

		it('refuses an expression where a value cannot stand: in a name, unquoted, in a comment or reference', async () => {
			const misplaced: Array<[string, RegExp]> = [
				[
					'=<Response><{{ $json.body.Verb }}/></Response>',
					/inside a tag, outside the quotes of an attribute value/,
				],
				[
					'=<Response><Speak loop={{ $json.body.Loop }}>Hi</Speak></Response>',
					/inside a tag, outside the quotes/,
				],
				[
					'=<Response><Speak {{ $json.body.Name }}="1">Hi</Speak></Response>',
					/inside a tag, outside the quotes/,
				],
				[
					'=<Response><!-- {{ $json.body.From }} --><Speak>Hi</Speak></Response>',
					/inside a comment/,
				],
				[
					'=<Response><Speak>&am{{ $json.body.From }}p;</Speak></Response>',
					/inside an entity reference/,
				],
				[
					'=<Response><?note {{ $json.body.From }}?><Speak>Hi</Speak></Response>',
					/inside a processing instruction/,
				],
			];
			for (const [xml, message] of misplaced) {
				await start({ events: ['answer'], responseMode: 'onReceived', responseXml: xml });
				const { handled } = await callback({ ...answer, Verb: 'Hangup', Loop: '2', Name: 'voice' });
				expect(handled.error?.message, xml).toMatch(
					/^The Response XML cannot be used: the expression \{\{ \$json\.body\.\w+ \}\} stands /,
				);
				expect(handled.error?.message, xml).toMatch(message);
				expect(handled.status).toBe(500);
				await trigger.close();
			}
		});
	});

	it('immediately: refuses XML Plivo could not run, with a clear error, and sends none', async () => {
		const broken: Array<[string, RegExp]> = [
			['<Response><Speak>Hi</Response>', /line 1, column 20: <\/Response> found where <\/Speak>/],
			['<Speak>Hi</Speak>', /the root element must be <Response>/],
			['<Response><Say>Hi</Say></Response>', /<Say> is not a Plivo XML element/],
			['', /the XML is empty/],
		];
		for (const [xml, message] of broken) {
			await start({ events: ['answer'], responseMode: 'onReceived', responseXml: xml });
			const { handled } = await callback(answer);
			expect(handled.error?.message, xml).toMatch(/^The Response XML is not valid Plivo XML: /);
			expect(handled.error?.message, xml).toMatch(message);
			expect(handled.status).toBe(500);
			expect(handled.contentType).not.toMatch(/xml/);
			expect(handled.workflowItems).toBeUndefined();
			await trigger.close();
		}
	});

	it('when the last node finishes: sends its XML field as application/xml', async () => {
		await start({ events: ['answer', 'input'], responseMode: 'lastNode' });
		trigger.lastNode = (items) => [
			{
				json: {
					xml: `<Response><Speak>You called from ${String(items[0].json.From)}</Speak></Response>`,
				},
			},
		];
		const { handled } = await callback(answer);
		expect(handled).toMatchObject({
			status: 200,
			contentType: 'application/xml; charset=utf-8',
			body: '<Response><Speak>You called from 14155550100</Speak></Response>',
			workflowItems: [{ json: { event: 'answer' } }],
		});
	});

	it('when the last node finishes: reads the field named in the node', async () => {
		await start({ events: ['answer'], responseMode: 'lastNode', xmlField: 'plivoXml' });
		trigger.lastNode = () => [{ json: { xml: 'not this', plivoXml: XML } }];
		const { handled } = await callback(answer);
		expect(handled).toMatchObject({ status: 200, body: XML });
	});

	it('when the last node finishes: other callbacks still get 200 at once', async () => {
		await start({ events: ['answer', 'hangup'], responseMode: 'lastNode' });
		trigger.lastNode = () => {
			throw new Error('the workflow is not waited for');
		};
		const { handled } = await callback({ ...CALL, Event: 'Hangup' });
		expect(handled).toMatchObject({
			status: 200,
			body: '',
			workflowItems: [{ json: { event: 'hangup' } }],
		});
	});

	it('using a Respond to Webhook node (version 1): sends what that node sends', async () => {
		await start(
			{ events: ['answer'], responseMode: 'responseNode' },
			{ respondToWebhookVersion: 1 },
		);
		trigger.respondToWebhook = () => ({
			statusCode: 200,
			headers: { 'content-type': 'application/xml' },
			body: XML,
		});
		const { handled } = await callback(answer);
		expect(handled).toMatchObject({
			status: 200,
			contentType: 'application/xml; charset=utf-8',
			body: XML,
			workflowItems: [{ json: { event: 'answer' } }],
		});
	});

	it('using a Respond to Webhook node: refuses a workflow without one, or with a version that cannot answer', async () => {
		await start({ events: ['answer'], responseMode: 'responseNode' });
		let { handled } = await callback(answer);
		expect(handled.error?.message).toBe('No Respond to Webhook node found after this trigger');
		expect(handled.status).toBe(500);
		await trigger.close();

		await start(
			{ events: ['answer'], responseMode: 'responseNode' },
			{ respondToWebhookVersion: 1.2 },
		);
		({ handled } = await callback(answer));
		expect(handled.error?.message).toBe(
			'The Respond to Webhook node ‘Respond to Webhook’ is version 1.2; only version 1 can answer for this trigger',
		);
	});
});
