/**
 * The Plivo Voice node and the Plivo Voice Trigger together, against the sandbox: a call made
 * with the trigger's URL as answer URL reaches the trigger as Plivo's signed callback, and the
 * XML the trigger answers is what the sandbox (Plivo) runs.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { useSandbox } from '../harness/useSandbox.mts';
import { runPlivoVoice } from '../harness/plivo.mts';
import { startPlivoVoiceTrigger } from '../harness/trigger.mts';
import type { TriggerHarness } from '../harness/webhook.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

// Plivo hangs up once a call's XML has run: this one keeps the call, in a conference.
const XML =
	'<Response>\n\t<Speak>Hello from n8n</Speak>\n\t<Conference>lobby</Conference>\n</Response>';

let sandbox: PlivoSandbox;
let trigger: TriggerHarness;

useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

afterEach(async () => {
	await trigger?.close();
});

describe('outbound call answered by the trigger', () => {
	it('delivers the signed answer callback, and the sandbox runs the XML the trigger answered', async () => {
		trigger = await startPlivoVoiceTrigger(sandbox, {
			events: ['answer', 'ring', 'hangup'],
			registration: 'none',
			responseMode: 'onReceived',
			responseXml: XML,
		});
		const [made] = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'create',
			from: '14155550100',
			to: '14155550111',
			answerUrl: trigger.webhookUrl,
			additionalFields: { ringUrl: trigger.webhookUrl, hangupUrl: trigger.webhookUrl },
		});
		await sandbox.state.callbacks.idle();

		const call = sandbox.state.calls.calls.get(made.json.request_uuid as string)!;
		expect(call.xmlFetches).toEqual([
			{
				kind: 'answer',
				url: trigger.webhookUrl,
				method: 'POST',
				status: 200,
				contentType: 'application/xml; charset=utf-8',
				body: XML,
				xml: XML,
			},
		]);
		// Ring first, then answer: each started the workflow with Plivo's parameters and the event.
		expect(
			trigger.handled.map((request) => [
				request.method,
				request.status,
				request.workflowItems?.[0].json.event,
			]),
		).toEqual([
			['POST', 200, 'ring'],
			['POST', 200, 'answer'],
		]);
		const delivered = sandbox.state.callbacks.delivered;
		expect(trigger.handled[1].workflowItems).toEqual([
			{ json: { event: 'answer', ...delivered[1].params, webhookUrl: trigger.webhookUrl } },
		]);
		expect(delivered[1].params).toMatchObject({
			CallUUID: call.call_uuid,
			Event: 'StartApp',
			From: '14155550100',
			To: '14155550111',
		});

		await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'hangup',
			callUuid: call.call_uuid,
		});
		await sandbox.state.callbacks.idle();
		const hangup = trigger.handled[2];
		expect(hangup).toMatchObject({ method: 'POST', status: 200, body: '' });
		expect(hangup.workflowItems?.[0].json).toMatchObject({
			event: 'hangup',
			Event: 'Hangup',
			CallUUID: call.call_uuid,
			CallStatus: 'completed',
			HangupCauseName: 'Normal Hangup',
		});
	});

	it('answers with the last node’s XML, which the sandbox records as run', async () => {
		trigger = await startPlivoVoiceTrigger(sandbox, {
			events: ['answer'],
			registration: 'none',
			responseMode: 'lastNode',
		});
		trigger.lastNode = (items) => [
			{ json: { xml: `<Response><Speak>Hello ${String(items[0].json.From)}</Speak></Response>` } },
		];
		const [made] = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'create',
			from: '14155550100',
			to: '14155550111',
			answerUrl: trigger.webhookUrl,
		});
		await sandbox.state.callbacks.idle();
		const call = sandbox.state.calls.calls.get(made.json.request_uuid as string)!;
		expect(call.xmlFetches?.map(({ kind, xml, problem }) => ({ kind, xml, problem }))).toEqual([
			{
				kind: 'answer',
				xml: '<Response><Speak>Hello 14155550100</Speak></Response>',
				problem: undefined,
			},
		]);
	});
});

describe('inbound call to an application the trigger registered', () => {
	it('creates the application on activation; an inbound call is answered by the trigger', async () => {
		trigger = await startPlivoVoiceTrigger(sandbox, {
			events: ['answer', 'hangup'],
			registration: 'create',
			applicationName: 'n8n-ivr',
			responseMode: 'onReceived',
			responseXml: XML,
		});
		await trigger.activate();
		const [application] = sandbox.state.applications.applications.values();
		expect(application).toMatchObject({
			app_name: 'n8n-ivr',
			answer_url: trigger.webhookUrl,
			hangup_url: trigger.webhookUrl,
		});

		const call = sandbox.receiveInboundCall({
			from: '14155550123',
			to: '14155550100',
			appId: application.app_id,
		});
		await sandbox.state.callbacks.idle();
		expect(call.xmlFetches?.[0]).toMatchObject({ kind: 'answer', status: 200, xml: XML });
		expect(trigger.handled[0].workflowItems?.[0].json).toMatchObject({
			event: 'answer',
			Direction: 'inbound',
			From: '14155550123',
			To: '14155550100',
			CallUUID: call.call_uuid,
		});

		await trigger.deactivate();
		expect(sandbox.state.applications.applications.size).toBe(0);
	});
});
