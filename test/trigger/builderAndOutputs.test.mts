/**
 * The trigger's "Answer With: XML Instructions" (the Plivo XML node's builder, inline) and its
 * "Output per Event" option, over HTTP as n8n serves the trigger, with callbacks signed by the
 * sandbox; the outputs as n8n computes them from the node's `outputs` expression.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { PlivoVoiceTrigger } from '../../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import { TRIGGER_OUTPUTS } from '../../nodes/PlivoVoiceTrigger/outputs';
import { startPlivoVoiceTrigger } from '../harness/trigger.mts';
import type { TriggerHarness } from '../harness/webhook.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { CallbackParams } from '../sandbox/plivo/callbacks.mts';
import { documentOf } from '../xml/helpers.mts';

const CALL = {
	CallUUID: 'b8a2f0c4-0000-4000-8000-000000000001',
	From: '14155550100',
	To: '14155550111',
	Direction: 'inbound',
};
const answer = { ...CALL, Event: 'StartApp', CallStatus: 'in-progress' };
const input = { ...CALL, CallStatus: 'in-progress', Digits: '2' };
const hangup = {
	...CALL,
	Event: 'Hangup',
	CallStatus: 'completed',
	HangupCause: 'NORMAL_CLEARING',
};

let sandbox: PlivoSandbox;
let trigger: TriggerHarness;

useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

afterEach(async () => {
	await trigger?.close();
});

async function start(parameters: INodeParameters) {
	trigger = await startPlivoVoiceTrigger(sandbox, { registration: 'none', ...parameters });
	return trigger;
}

async function callback(params: CallbackParams) {
	const delivered = await sandbox.state.callbacks.send(trigger.webhookUrl, 'POST', params);
	return { delivered, handled: trigger.handled[trigger.handled.length - 1] };
}

const menu = [
	{
		type: 'GetDigits',
		getDigitsOptions: {
			action: '={{ $json.body.From === "14155550100" ? "https://example.com/menu" : "menu" }}',
			numDigits: 1,
		},
		prompts: {
			prompt: [{ type: 'Speak', speakText: '=Hello {{ $json.body.CallerName }}, press a key' }],
		},
	},
	{ type: 'Hangup' },
];

describe('Respond Immediately, answering with XML instructions', () => {
	it('answers with the document the Plivo XML node builds from the same instructions, values as text', async () => {
		await start({
			events: ['answer'],
			responseMode: 'onReceived',
			answerWith: 'instructions',
			instructions: { instruction: menu },
		});
		const name = 'Tom & Jerry</Speak><Dial><Number>19005550100</Number></Dial><Speak>';
		const { delivered, handled } = await callback({ ...answer, CallerName: name });
		expect(handled.status).toBe(200);
		expect(handled.contentType).toBe('application/xml; charset=utf-8');
		const expected = await documentOf(
			{
				...menu[0],
				getDigitsOptions: { action: 'https://example.com/menu', numDigits: 1 },
				prompts: { prompt: [{ type: 'Speak', speakText: `Hello ${name}, press a key` }] },
			},
			menu[1],
		);
		expect(delivered.responseBody).toBe(expected);
		expect(expected).toContain('Hello Tom &amp; Jerry&lt;/Speak&gt;&lt;Dial&gt;');
		expect(expected).toContain('<GetDigits action="https://example.com/menu" numDigits="1">');
		// The name is spoken: it adds no element.
		expect(expected.match(/<Dial/g)).toBeNull();
		expect(handled.workflowItems?.[0].json).toMatchObject({ event: 'answer', CallerName: name });
	});

	it('fails the request, naming the instruction and field, when a value breaks Plivo’s rules', async () => {
		await start({
			events: ['answer'],
			responseMode: 'onReceived',
			answerWith: 'instructions',
			instructions: { instruction: menu },
		});
		const { handled, delivered } = await callback({ ...answer, From: '14155550199' });
		expect(handled.error?.message).toBe(
			'The answer cannot be built: Instruction 1 (Get Digits): ‘Action URL’ must be a full URL starting with https:// or http://, not ‘menu’',
		);
		expect(delivered.status).not.toBe(200);
	});

	it('keeps the Response XML for workflows that do not choose (the default)', async () => {
		await start({
			events: ['answer'],
			responseMode: 'onReceived',
			responseXml: '<Response><Speak>Hi</Speak></Response>',
			instructions: { instruction: menu },
		});
		expect((await callback(answer)).delivered.responseBody).toBe(
			'<Response><Speak>Hi</Speak></Response>',
		);
	});
});

describe('Output per Event', () => {
	function outputsOf(parameters: INodeParameters) {
		const nodeType = new PlivoVoiceTrigger();
		const node = {
			id: 'trigger',
			name: 'Plivo Voice Trigger',
			type: 'n8n-nodes-plivo-voice.plivoVoiceTrigger',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters,
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => nodeType,
				getByNameAndVersion: () => nodeType,
				getKnownTypes: () => ({}),
			},
		});
		return NodeHelpers.getNodeOutputs(workflow, workflow.getNode(node.name)!, nodeType.description);
	}

	it('gives one output by default, and one per selected event, in the Events list’s order, when on', () => {
		expect(outputsOf({ events: ['answer', 'input', 'hangup'] })).toEqual(['main']);
		expect(outputsOf({ events: ['hangup', 'input', 'answer'], outputPerEvent: true })).toEqual([
			{ type: 'main', displayName: 'Answer' },
			{ type: 'main', displayName: 'Hangup' },
			{ type: 'main', displayName: 'Input Received' },
		]);
		const any = outputsOf({ events: ['*'], outputPerEvent: true }) as Array<{
			displayName: string;
		}>;
		expect(any.map((output) => output.displayName)).toEqual([
			'Answer',
			'Audio Stream Status',
			'Conference Event',
			'Fallback',
			'Hangup',
			'Input Received',
			'Machine Detection',
			'MPC Recording Status',
			'MPC Status',
			'Recording Ready',
			'Ring',
			'Transcription Ready',
			'Other',
		]);
		// n8n reads `{{ … }}` up to the first `}}`: the expression must hold no other.
		expect(TRIGGER_OUTPUTS.slice(3, -2)).not.toContain('}}');
	});

	it('puts each callback on its event’s output; the XML answer rules are unchanged', async () => {
		await start({
			events: ['answer', 'input', 'hangup'],
			outputPerEvent: true,
			responseMode: 'onReceived',
			responseXml: '<Response><Speak>Hi</Speak></Response>',
		});
		const outputs = async (params: CallbackParams) => {
			const { handled, delivered } = await callback(params);
			return {
				sizes: handled.workflowOutputs?.map((output) => output.length),
				body: delivered.responseBody,
			};
		};
		expect(await outputs(answer)).toEqual({
			sizes: [1, 0, 0],
			body: '<Response><Speak>Hi</Speak></Response>',
		});
		expect(await outputs(hangup)).toEqual({ sizes: [0, 1, 0], body: '' });
		expect(await outputs(input)).toEqual({
			sizes: [0, 0, 1],
			body: '<Response><Speak>Hi</Speak></Response>',
		});
		await trigger.close();
		await start({
			events: ['answer', 'hangup'],
			responseMode: 'onReceived',
			responseXml: '<Response/>',
		});
		const { handled } = await callback(hangup);
		expect(handled.workflowOutputs?.map((output) => output.length)).toEqual([1]);
	});
});
