/**
 * Every instruction of the Plivo XML node, built by the node (n8n-core running it) and run by the
 * sandbox as Plivo runs call XML: what each does on the call that a test can observe, and the
 * XML Plivo refuses (the call hangs up with Invalid Answer XML, as the reference's CDRs show).
 */
import type { IDataObject } from 'n8n-workflow';
import { beforeEach, describe, expect, it } from 'vitest';

import { INSTRUCTION_ELEMENTS, NESTINGS } from '../../lib/plivo/xmlInstructions/elements';
import { parseWav } from '../harness/audio.mts';
import type { ReceiverAnswer } from '../harness/callbackReceiver.mts';
import { useCallbackReceiver } from '../harness/callbackReceiver.mts';
import { callPlivoApi } from '../harness/plivo.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { CallRecord } from '../sandbox/plivo/calls.mts';
import { ELEMENT_RULES } from '../sandbox/plivo/xmlSchema.mts';
import { documentOf } from '../xml/helpers.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** Each path's answer; emptied before each test. */
const answers = new Map<string, ReceiverAnswer>();
beforeEach(() => answers.clear());

const pathOf = (url: string) => url.split('?')[0];
const receiver = useCallbackReceiver(
	(request) => answers.get(pathOf(request.url)) ?? { status: 200 },
);
const received = () =>
	receiver.received.map((request) => ({ path: pathOf(request.url), params: request.params }));

const xml = (body: string): ReceiverAnswer => ({
	status: 200,
	contentType: 'application/xml',
	body,
});

/** An inbound call whose answer URL answers with `document`. */
async function callAnswered(document: string): Promise<CallRecord> {
	answers.set('/answer', xml(document));
	const application = sandbox.state.applications.add({
		app_name: 'flow',
		answer_url: receiver.url('/answer'),
		hangup_url: receiver.url('/hangup'),
	});
	const call = sandbox.receiveInboundCall({
		from: '14155550123',
		to: '14155550100',
		appId: application.app_id,
	});
	await sandbox.state.callbacks.idle();
	return call;
}

/** An inbound call whose answer URL answers with the document the node builds from `instructions`. */
async function callRunning(...instructions: IDataObject[]): Promise<CallRecord> {
	return await callAnswered(await documentOf(...instructions));
}

const played = (call: CallRecord) => call.xmlPlayed?.map((element) => element.element);
const hangups = () => received().filter(({ path }) => path === '/hangup');
const speak = (text: string) => ({ type: 'Speak', speakText: text });
/** Keeps a call once the elements before it have run (Plivo hangs up at the end of the XML). */
const HOLD = { type: 'Conference', conferenceName: 'hold' };

async function cdr(call: CallRecord) {
	return (await callPlivoApi(sandbox, 'GET', `/Call/${call.call_uuid}/`)).body;
}

describe('the sandbox takes every attribute and nesting the Plivo XML node can write', () => {
	it('knows every element and attribute of the node’s table, where the node puts them', () => {
		for (const element of [
			...INSTRUCTION_ELEMENTS,
			...NESTINGS.prompts.elements,
			...NESTINGS.destinations.elements,
		]) {
			const rule = ELEMENT_RULES[element.verb];
			expect(rule, element.verb).toBeDefined();
			const names = [...(element.required ?? []), ...element.attributes].map((spec) => spec.name);
			expect(
				names.filter((name) => !rule.attributes.includes(name)),
				element.verb,
			).toEqual([]);
			expect(rule.text, element.verb).toBe(element.content !== undefined);
		}
		for (const element of INSTRUCTION_ELEMENTS)
			expect(ELEMENT_RULES.Response.children, element.verb).toContain(element.verb);
		for (const prompt of NESTINGS.prompts.elements)
			for (const holder of INSTRUCTION_ELEMENTS.filter((element) => element.nesting === 'prompts'))
				expect(ELEMENT_RULES[holder.verb].children, holder.verb).toContain(prompt.verb);
	});
});

describe('each instruction, built by the Plivo XML node, run by the sandbox', () => {
	it('Speak, Play, Wait and Send Digits run in order, then Plivo hangs up at the end of the XML', async () => {
		const call = await callRunning(
			speak('Hello'),
			{ type: 'Play', playUrl: 'https://example.com/tune.mp3' },
			{ type: 'Wait', waitOptions: { length: 2 } },
			{ type: 'DTMF', dtmfDigits: '12w3' },
		);
		expect(call.xmlPlayed).toEqual([
			{ element: 'Speak', attributes: {}, text: 'Hello' },
			{ element: 'Play', attributes: {}, text: 'https://example.com/tune.mp3' },
			{ element: 'Wait', attributes: { length: '2' } },
			{ element: 'DTMF', attributes: {}, text: '12w3' },
		]);
		expect(call.status).toBe('completed');
		expect(await cdr(call)).toMatchObject({ hangup_cause_name: 'End Of XML Instructions' });
		expect(hangups()).toHaveLength(1);
	});

	it('Get Digits sends the keys pressed to its action URL and runs the XML it answers', async () => {
		answers.set('/menu', xml(await documentOf(speak('Sales'), HOLD)));
		const call = await callRunning(
			{
				type: 'GetDigits',
				getDigitsOptions: { action: receiver.url('/menu'), numDigits: 1 },
				prompts: { prompt: [speak('Press 1 for sales')] },
			},
			speak('Nothing pressed'),
		);
		expect(call.xmlPlayed?.[0]).toMatchObject({
			element: 'GetDigits',
			prompts: [{ element: 'Speak', text: 'Press 1 for sales' }],
		});
		await sandbox.enterDigits(call.call_uuid, '1');
		expect(received().at(-1)).toEqual({
			path: '/menu',
			params: expect.objectContaining({ CallUUID: call.call_uuid, Digits: '1' }),
		});
		expect(played(call)).toEqual(['GetDigits', 'Speak', 'Conference']);
		expect(call.status).toBe('in-progress');
	});

	it('Get Input sends speech (and keys) to its action URL; with redirect off it goes on with the next element', async () => {
		answers.set('/heard', xml(await documentOf(speak('Heard you'), HOLD)));
		const call = await callRunning({
			type: 'GetInput',
			getInputAction: receiver.url('/heard'),
			getInputInputType: 'speech',
		});
		await expect(sandbox.enterDigits(call.call_uuid, '1')).rejects.toThrow(/gathers no keys/);
		await sandbox.speak(call.call_uuid, 'sales please');
		expect(received().at(-1)?.params).toMatchObject({
			InputType: 'speech',
			Speech: 'sales please',
		});
		expect(played(call)).toEqual(['GetInput', 'Speak', 'Conference']);

		const notified = await callRunning(
			{
				type: 'GetInput',
				getInputAction: receiver.url('/noted'),
				getInputInputType: 'dtmf',
				getInputOptions: { redirect: false },
			},
			speak('Thanks'),
			HOLD,
		);
		await sandbox.enterDigits(notified.call_uuid, '7');
		expect(received().at(-1)).toMatchObject({
			path: '/noted',
			params: { Digits: '7', InputType: 'dtmf' },
		});
		expect(played(notified)).toEqual(['GetInput', 'Speak', 'Conference']);
	});

	it('Record makes a recording of the message, notifies its callback, asks its action URL, and the audio is a playable file', async () => {
		answers.set('/recorded', xml(await documentOf(speak('Thank you'), { type: 'Hangup' })));
		const call = await callRunning(speak('Leave a message'), {
			type: 'Record',
			recordOptions: {
				action: receiver.url('/recorded'),
				callbackUrl: receiver.url('/recording'),
				fileFormat: 'wav',
				maxLength: 30,
			},
		});
		expect(played(call)).toEqual(['Speak', 'Record']);
		await sandbox.finishRecording(call.call_uuid, 7);
		await sandbox.state.callbacks.idle();
		const [recording] = sandbox.state.recordings.items;
		expect(recording).toMatchObject({
			call_uuid: call.call_uuid,
			recording_format: 'wav',
			recording_duration_ms: 7000,
			active: false,
		});
		const expected = {
			RecordUrl: recording.recording_url,
			RecordingID: recording.recording_id,
			RecordingDuration: '7',
			RecordingDurationMs: '7000',
		};
		const byPath = (path: string) => received().find((request) => request.path === path)?.params;
		expect(byPath('/recording')).toMatchObject(expected);
		expect(byPath('/recorded')).toMatchObject({ ...expected, CallUUID: call.call_uuid });
		expect(played(call)).toEqual(['Speak', 'Record', 'Speak', 'Hangup']);
		expect(await cdr(call)).toMatchObject({ hangup_source: 'Answer XML' });

		const audio = await fetch(recording.recording_url);
		expect(audio.headers.get('content-type')).toBe('audio/wav');
		expect(parseWav(Buffer.from(await audio.arrayBuffer())).durationMs).toBe(7000);
	});

	it('Dial places a call to the number and connects the caller', async () => {
		const call = await callRunning({
			type: 'Dial',
			dialOptions: { callerId: '14155550100' },
			destinations: { destination: [{ type: 'Number', numberValue: '14155550199' }] },
		});
		const legs = [...sandbox.state.calls.calls.values()].filter(
			(leg) => leg.parent_call_uuid === call.call_uuid,
		);
		expect(legs).toMatchObject([{ to: '14155550199', from: '14155550100', status: 'in-progress' }]);
		expect(call.xmlPlayed?.[0].dialled).toEqual([legs[0].call_uuid]);
		expect(call.status).toBe('in-progress');
	});

	it('Join Conference puts the caller in the conference', async () => {
		const call = await callRunning(speak('Joining'), {
			type: 'Conference',
			conferenceName: 'standup',
		});
		const members = (await callPlivoApi(sandbox, 'GET', '/Conference/standup/')).body
			.members as IDataObject[];
		expect(members).toMatchObject([{ call_uuid: call.call_uuid }]);
	});

	it('Join Multiparty Call puts the caller in the MPC with their role', async () => {
		const call = await callRunning({
			type: 'MultiPartyCall',
			multiPartyCallName: 'support',
			multiPartyCallRole: 'Agent',
		});
		const [mpc] = sandbox.state.mpcs.mpcs;
		expect(mpc.friendly_name).toBe('support');
		expect(mpc.participants).toMatchObject([
			{ role: 'agent', call: { call_uuid: call.call_uuid } },
		]);
	});

	it('Redirect fetches the URL and runs its XML instead', async () => {
		answers.set('/next', xml(await documentOf(speak('Redirected'), HOLD)));
		const call = await callRunning(
			{ type: 'Redirect', redirectUrl: receiver.url('/next') },
			speak('Never'),
		);
		expect(call.xmlFetches?.map((fetched) => fetched.kind)).toEqual(['answer', 'redirect']);
		expect(played(call)).toEqual(['Redirect', 'Speak', 'Conference']);
	});

	it('Hang Up ends the call; Pre-Answer plays its prompts and goes on', async () => {
		const call = await callRunning(
			{ type: 'PreAnswer', prompts: { prompt: [speak('Early media')] } },
			{ type: 'Hangup' },
			speak('Never'),
		);
		expect(played(call)).toEqual(['PreAnswer', 'Hangup']);
		expect(await cdr(call)).toMatchObject({
			hangup_source: 'Answer XML',
			hangup_cause_name: 'Normal Hangup',
		});
		expect(hangups()).toHaveLength(1);
	});

	it('Stream runs and goes on; kept alive, it holds the call', async () => {
		const call = await callRunning(
			{
				type: 'Stream',
				streamUrl: 'wss://example.com/audio',
				streamOptions: { keepCallAlive: true },
			},
			speak('Never'),
		);
		expect(played(call)).toEqual(['Stream']);
		expect(call.status).toBe('in-progress');
	});
});

describe('XML Plivo refuses', () => {
	it.each([
		['an unknown element', '<Response><Say>Hi</Say></Response>'],
		['an unknown attribute', '<Response><Speak colour="red">Hi</Speak></Response>'],
		[
			'an element where it may not be',
			'<Response><GetDigits><Dial><Number>1</Number></Dial></GetDigits></Response>',
		],
		['text in an element that holds none', '<Response><Hangup>now</Hangup></Response>'],
		['a Dial with nobody to ring', '<Response><Dial/></Response>'],
		['a multiparty call without a role', '<Response><MultiPartyCall>m</MultiPartyCall></Response>'],
	])('hangs up the call with Invalid Answer XML for %s', async (_what, body) => {
		const call = await callAnswered(body);
		expect(call.xmlPlayed).toBeUndefined();
		expect(await cdr(call)).toMatchObject({
			hangup_cause_name: 'Invalid Answer XML',
			hangup_cause_code: 8011,
			hangup_source: 'Error',
		});
		// The application still hears of the hang-up, as of any other.
		expect(hangups()).toMatchObject([{ params: { HangupCauseName: 'Invalid Answer XML' } }]);
	});
});

describe('the sandbox’s controls for speech and messages', () => {
	async function control(path: string) {
		const response = await fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST' });
		return { status: response.status, body: (await response.json()) as IDataObject };
	}

	it('call an application by name, speak to its GetInput, leave a message at its Record', async () => {
		answers.set(
			'/answer',
			xml(
				await documentOf({
					type: 'GetInput',
					getInputAction: receiver.url('/heard'),
					getInputInputType: 'speech',
				}),
			),
		);
		answers.set(
			'/heard',
			xml(await documentOf({ type: 'Record', recordOptions: { fileFormat: 'mp3' } }, speak('Bye'))),
		);
		sandbox.state.applications.add({ app_name: 'voicemail', answer_url: receiver.url('/answer') });
		sandbox.state.applications.add({ app_name: 'other', answer_url: receiver.url('/other') });
		expect((await control('inbound-call?app_name=nobody')).body.error).toBe(
			'The sandbox has no application named nobody',
		);
		const placed = await control('inbound-call?app_name=voicemail');
		expect(placed.status).toBe(200);
		const spoken = await control('speech?speech=leave%20a%20message');
		expect(spoken.body.xml_fetch).toMatchObject({ kind: 'input', url: receiver.url('/heard') });
		expect(received().at(-1)?.params).toMatchObject({ Speech: 'leave a message' });
		const recorded = await control('record?seconds=3');
		const [recording] = sandbox.state.recordings.items;
		expect(recorded.body).toMatchObject({ seconds: 3, recording: recording.recording_id });
		expect(recording.recording_duration_ms).toBe(3000);
		const call = sandbox.state.calls.calls.get(String(placed.body.call_uuid))!;
		expect(played(call)).toEqual(['GetInput', 'Record', 'Speak']);
		expect(call.status).toBe('completed');
		expect((await control('record?seconds=3')).status).toBe(400);
	});
});
