/**
 * Every instruction type, run through n8n-core: the exact document, attributes written only when
 * the user added them, and the nesting Plivo allows.
 */
import plivo from 'plivo';
import { describe, expect, it } from 'vitest';

import {
	INSTRUCTION_ELEMENTS,
	PROMPT_ELEMENTS,
	DESTINATION_ELEMENTS,
} from '../../lib/plivo/xmlInstructions/elements';
import { PLIVO_VERBS } from '../../lib/plivo/xml';
import { documentOf, parsed, response, runPlivoXml } from './helpers.mts';

describe('Plivo XML: one document per instruction type', () => {
	it.each([
		[
			'Speak, Plivo defaults left to Plivo',
			{ type: 'Speak', speakText: 'Hello there' },
			'<Speak>Hello there</Speak>',
		],
		[
			'Speak with voice, language and repeat',
			{
				type: 'Speak',
				speakText: 'Bonjour',
				speakOptions: { voice: 'MAN', language: 'fr-FR', loop: 0 },
			},
			'<Speak language="fr-FR" loop="0" voice="MAN">Bonjour</Speak>',
		],
		[
			'Speak with a Polly voice (from an expression)',
			{ type: 'Speak', speakText: 'Hi', speakOptions: { voice: '={{ "Polly.Joanna" }}' } },
			'<Speak voice="Polly.Joanna">Hi</Speak>',
		],
		[
			'Play',
			{ type: 'Play', playUrl: 'https://example.com/a.mp3', playOptions: { loop: 3 } },
			'<Play loop="3">https://example.com/a.mp3</Play>',
		],
		['Wait with no options', { type: 'Wait' }, '<Wait/>'],
		[
			'Wait for silence',
			{ type: 'Wait', waitOptions: { length: 10, silence: true, minSilence: 3000, beep: false } },
			'<Wait beep="false" length="10" minSilence="3000" silence="true"/>',
		],
		[
			'GetInput',
			{
				type: 'GetInput',
				getInputAction: 'https://example.com/menu',
				getInputInputType: 'dtmf speech',
				getInputOptions: {
					executionTimeout: 20,
					numDigits: 1,
					hints: 'sales,support',
					speechModel: 'phone_call',
					log: false,
				},
			},
			'<GetInput action="https://example.com/menu" inputType="dtmf speech" executionTimeout="20" hints="sales,support" log="false" numDigits="1" speechModel="phone_call"/>',
		],
		[
			'GetDigits',
			{
				type: 'GetDigits',
				getDigitsOptions: {
					action: 'https://example.com/d',
					numDigits: 4,
					finishOnKey: 'none',
					validDigits: '123',
				},
			},
			'<GetDigits action="https://example.com/d" finishOnKey="none" numDigits="4" validDigits="123"/>',
		],
		[
			'Record',
			{
				type: 'Record',
				recordOptions: {
					action: 'https://example.com/r',
					maxLength: 120,
					fileFormat: 'wav',
					recordChannelType: 'mono',
				},
			},
			'<Record action="https://example.com/r" fileFormat="wav" maxLength="120" recordChannelType="mono"/>',
		],
		[
			'Dial',
			{
				type: 'Dial',
				dialOptions: { callerId: '+14150000000', timeout: 20, dialMusic: 'real' },
				destinations: { destination: [{ type: 'Number', numberValue: '+14155551234' }] },
			},
			'<Dial callerId="+14150000000" dialMusic="real" timeout="20"><Number>+14155551234</Number></Dial>',
		],
		[
			'Conference',
			{
				type: 'Conference',
				conferenceName: 'standup',
				conferenceOptions: { enterSound: 'beep:1', maxMembers: 5, startConferenceOnEnter: false },
			},
			'<Conference enterSound="beep:1" maxMembers="5" startConferenceOnEnter="false">standup</Conference>',
		],
		[
			'MultiPartyCall',
			{
				type: 'MultiPartyCall',
				multiPartyCallName: 'support-1',
				multiPartyCallRole: 'Agent',
				multiPartyCallOptions: {
					maxParticipants: 4,
					statusCallbackEvents: ['mpc-state-changes', 'participant-speak-events'],
				},
			},
			'<MultiPartyCall role="Agent" maxParticipants="4" statusCallbackEvents="mpc-state-changes,participant-speak-events">support-1</MultiPartyCall>',
		],
		[
			'Redirect',
			{
				type: 'Redirect',
				redirectUrl: 'https://example.com/next',
				redirectOptions: { method: 'GET' },
			},
			'<Redirect method="GET">https://example.com/next</Redirect>',
		],
		['Hangup', { type: 'Hangup', hangupOptions: { reason: 'busy' } }, '<Hangup reason="busy"/>'],
		[
			'Hangup scheduled',
			{ type: 'Hangup', hangupOptions: { schedule: 60 } },
			'<Hangup schedule="60"/>',
		],
		[
			'PreAnswer',
			{ type: 'PreAnswer', prompts: { prompt: [{ type: 'Speak', speakText: 'Connecting' }] } },
			'<PreAnswer><Speak>Connecting</Speak></PreAnswer>',
		],
		[
			'DTMF',
			{ type: 'DTMF', dtmfDigits: '1w2W#', dtmfOptions: { async: false } },
			'<DTMF async="false">1w2W#</DTMF>',
		],
		[
			'Stream',
			{
				type: 'Stream',
				streamUrl: 'wss://example.com/s',
				streamOptions: {
					bidirectional: true,
					keepCallAlive: true,
					contentType: 'audio/x-mulaw;rate=8000',
				},
			},
			'<Stream bidirectional="true" contentType="audio/x-mulaw;rate=8000" keepCallAlive="true">wss://example.com/s</Stream>',
		],
	])('%s', async (_name, instruction, expected) => {
		expect(await documentOf(instruction)).toBe(response(expected));
	});

	it('offers every element Plivo allows under <Response>, as the trigger’s checker knows them', () => {
		expect(INSTRUCTION_ELEMENTS.map((element) => element.verb).sort()).toEqual(
			[...PLIVO_VERBS].sort(),
		);
	});

	it('keeps the order of instructions of different types, and outputs them as plain JSON', async () => {
		const [output] = await runPlivoXml([
			{ type: 'Speak', speakText: 'One' },
			{ type: 'Wait', waitOptions: { length: 2 } },
			{ type: 'Speak', speakText: 'Two' },
			{ type: 'Hangup' },
		]);
		expect(output.json.xml).toBe(
			response('<Speak>One</Speak><Wait length="2"/><Speak>Two</Speak><Hangup/>'),
		);
		expect(output.json.instructions).toEqual([
			{ verb: 'Speak', attributes: {}, text: 'One' },
			{ verb: 'Wait', attributes: { length: '2' } },
			{ verb: 'Speak', attributes: {}, text: 'Two' },
			{ verb: 'Hangup', attributes: {} },
		]);
		expect(output.pairedItem).toEqual({ item: 0 });
	});

	it('leaves out options that were added but left empty', async () => {
		expect(
			await documentOf({
				type: 'Record',
				recordOptions: { action: '', callbackUrl: '  ', finishOnKey: '' },
			}),
		).toBe(response('<Record/>'));
	});
});

describe('Plivo XML: nesting', () => {
	it('puts Speak, Play and Wait prompts inside GetInput, in order, with their own options', async () => {
		const document = await documentOf({
			type: 'GetInput',
			getInputAction: 'https://example.com/menu',
			getInputInputType: 'dtmf',
			prompts: {
				prompt: [
					{ type: 'Play', playUrl: 'https://example.com/jingle.mp3' },
					{ type: 'Wait', waitOptions: { length: 1 } },
					{ type: 'Speak', speakText: 'Press 1 for sales', speakOptions: { language: 'en-GB' } },
				],
			},
		});
		expect(document).toBe(
			response(
				'<GetInput action="https://example.com/menu" inputType="dtmf"><Play>https://example.com/jingle.mp3</Play><Wait length="1"/><Speak language="en-GB">Press 1 for sales</Speak></GetInput>',
			),
		);
	});

	it('puts prompts inside GetDigits and PreAnswer', async () => {
		expect(
			await documentOf(
				{
					type: 'PreAnswer',
					prompts: {
						prompt: [{ type: 'Play', playUrl: 'https://example.com/ring.wav' }, { type: 'Wait' }],
					},
				},
				{
					type: 'GetDigits',
					prompts: { prompt: [{ type: 'Speak', speakText: 'Your PIN?' }] },
					getDigitsOptions: { log: false },
				},
			),
		).toBe(
			response(
				'<PreAnswer><Play>https://example.com/ring.wav</Play><Wait/></PreAnswer><GetDigits log="false"><Speak>Your PIN?</Speak></GetDigits>',
			),
		);
	});

	it('puts Number and User entries inside Dial, with their own options', async () => {
		const document = await documentOf({
			type: 'Dial',
			destinations: {
				destination: [
					{
						type: 'User',
						userValue: 'sip:alice@phone.plivo.com',
						userOptions: { sipHeaders: 'team=sales' },
					},
					{
						type: 'Number',
						numberValue: '14155551234',
						numberOptions: { sendDigits: 'ww12', sendOnPreanswer: true },
					},
				],
			},
		});
		expect(document).toBe(
			response(
				'<Dial><User sipHeaders="team=sales">sip:alice@phone.plivo.com</User><Number sendDigits="ww12" sendOnPreanswer="true">14155551234</Number></Dial>',
			),
		);
		expect(parsed(document).children![0].children!.map((child) => child.verb)).toEqual([
			'User',
			'Number',
		]);
	});
});

/**
 * Plivo's Node SDK builder refuses any attribute or nesting it does not know: every attribute and
 * nested element this node offers must pass it (where the node follows Plivo's reference over the
 * SDK, the element's comment in elements.ts says so).
 */
describe('Plivo XML: attribute names agree with Plivo’s Node SDK', () => {
	const adders: Record<string, string> = { DTMF: 'addDTMF', MultiPartyCall: 'addMultiPartyCall' };
	const adderOf = (verb: string) => adders[verb] ?? `add${verb}`;
	const sampleValues = (names: string[]) =>
		Object.fromEntries(
			names.map((name) => [
				name,
				name === 'role'
					? 'Agent'
					: name === 'voice'
						? 'MAN'
						: name.endsWith('Method')
							? 'GET'
							: '1',
			]),
		);

	it.each(INSTRUCTION_ELEMENTS.map((element) => [element.verb, element] as const))(
		'%s',
		(_verb, element) => {
			const SdkResponse = (plivo as unknown as { Response: new () => object }).Response;
			const sdkResponse = new SdkResponse();
			const names = [...(element.required ?? []), ...element.attributes].map(
				(attribute) => attribute.name,
			);
			const add = (
				sdkResponse as unknown as Record<
					string,
					(...args: unknown[]) => Record<string, (...args: unknown[]) => unknown>
				>
			)[adderOf(element.verb)];
			const takesBody = element.content !== undefined;
			// MultiPartyCall's builder checks values, so realistic ones are given where it does.
			const attributes = sampleValues(names);
			if (element.verb === 'MultiPartyCall')
				Object.assign(attributes, {
					maxDuration: 600,
					maxParticipants: 5,
					recordMinMemberCount: 1,
					record: true,
					recordFileFormat: 'mp3',
					statusCallbackEvents: 'mpc-state-changes',
					enterSound: 'beep:1',
					exitSound: 'beep:2',
					stayAlone: true,
					coachMode: true,
					mute: true,
					hold: true,
					startMpcOnEnter: true,
					endMpcOnExit: true,
					relayDTMFInputs: true,
					recordParticipantTrack: true,
					waitMusicUrl: 'https://example.com/x',
					agentHoldMusicUrl: 'https://example.com/x',
					customerHoldMusicUrl: 'https://example.com/x',
					recordingCallbackUrl: 'https://example.com/x',
					statusCallbackUrl: 'https://example.com/x',
					startRecordingAudio: 'https://example.com/x',
					stopRecordingAudio: 'https://example.com/x',
					onExitActionUrl: 'https://example.com/x',
				});
			const added =
				element.verb === 'PreAnswer'
					? add.call(sdkResponse)
					: takesBody
						? add.call(sdkResponse, 'x', attributes)
						: add.call(sdkResponse, attributes);
			const nested =
				element.nesting === 'prompts'
					? PROMPT_ELEMENTS
					: element.nesting === 'destinations'
						? DESTINATION_ELEMENTS
						: [];
			for (const child of nested) {
				const childAttributes = sampleValues(child.attributes.map((attribute) => attribute.name));
				const addChild = (added as Record<string, (...args: unknown[]) => unknown>)[
					adderOf(child.verb)
				];
				if (child.content) addChild.call(added, 'x', childAttributes);
				else addChild.call(added, childAttributes);
			}
			expect((sdkResponse as unknown as { toXML(): string }).toXML()).toContain(`<${element.verb}`);
		},
	);
});
