/**
 * Data never becomes markup: values from expressions are escaped, characters XML cannot carry are
 * refused with the field named, out-of-range values are refused before any output, and Continue
 * On Fail pairs one error item with each failed input.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { documentOf, parsed, response, runPlivoXml } from './helpers.mts';

const HOSTILE = 'a</Speak><Hangup/><!-- x --> & "q" \'s\' ]]> <![CDATA[y]]> &amp; \t\n\r end';

describe('Plivo XML: escaping', () => {
	it('writes markup, quotes, &, ]]> and <!-- from expressions as text, in text and in attributes', async () => {
		const [output] = await runPlivoXml(
			[
				{ type: 'Speak', speakText: '={{ $json.text }}' },
				{
					type: 'Conference',
					conferenceName: '={{ $json.text }}',
					conferenceOptions: { digitsMatch: '12' },
				},
				{
					type: 'Dial',
					dialOptions: { callerId: '={{ $json.text }}' },
					destinations: { destination: [{ type: 'Number', numberValue: '123' }] },
				},
				{ type: 'Redirect', redirectUrl: '={{ $json.url }}' },
			],
			{ items: [{ json: { text: HOSTILE, url: 'https://example.com/next?a=1&b="<x>"' } }] },
		);
		const document = output.json.xml as string;
		expect(document).toContain(
			'a&lt;/Speak&gt;&lt;Hangup/&gt;&lt;!-- x --&gt; &amp; "q" \'s\' ]]&gt;',
		);
		expect(document).toContain(
			'callerId="a&lt;/Speak&gt;&lt;Hangup/&gt;&lt;!-- x --&gt; &amp; &quot;q&quot; &apos;s&apos; ]]&gt; &lt;![CDATA[y]]&gt; &amp;amp; &#9;&#10;&#13; end"',
		);
		const root = parsed(document);
		expect(root.children!.map((child) => child.verb)).toEqual([
			'Speak',
			'Conference',
			'Dial',
			'Redirect',
		]);
		expect(root.children![0].text).toBe(HOSTILE);
		expect(root.children![1].text).toBe(HOSTILE);
		expect(root.children![2].attributes.callerId).toBe(HOSTILE);
		expect(root.children![3].text).toBe('https://example.com/next?a=1&b="<x>"');
	});

	it.each([
		['\u0000', 'U+0000'],
		['\u0007', 'U+0007'],
		['\u001B', 'U+001B'],
		['\uFFFE', 'U+FFFE'],
		['\uD800', 'U+D800'],
	])(
		'refuses %j (not an XML 1.0 character), naming the instruction and field',
		async (character, code) => {
			await expect(
				runPlivoXml([{ type: 'Wait' }, { type: 'Speak', speakText: '={{ $json.text }}' }], {
					items: [{ json: { text: `hi${character}` } }],
				}),
			).rejects.toThrow(
				`Instruction 2 (Speak): ‘Text’ contains the character ${code}, which XML cannot carry; remove it`,
			);
			await expect(
				runPlivoXml([
					{
						type: 'Dial',
						dialOptions: { callerName: `x${character}` },
						destinations: { destination: [{ type: 'Number', numberValue: '1' }] },
					},
				]),
			).rejects.toThrow(`Instruction 1 (Dial): ‘Caller Name’ contains the character ${code}`);
		},
	);
});

/** Characters XML 1.0 can carry (the `Char` production), any plane. */
const xmlChar = fc
	.oneof(
		fc.constantFrom('\t', '\n', '\r', '<', '>', '&', '"', "'", ']', '-', '!', '?', '=', ' '),
		fc.integer({ min: 0x20, max: 0xd7ff }),
		fc.integer({ min: 0xe000, max: 0xfffd }),
		fc.integer({ min: 0x10000, max: 0x10ffff }),
	)
	.map((value) => (typeof value === 'string' ? value : String.fromCodePoint(value)));
const xmlText = fc.array(xmlChar, { maxLength: 40 }).map((chars) => chars.join(''));
const nonBlankXmlText = xmlText.filter((text) => text.trim() !== '');

describe('Plivo XML: any text round-trips (property)', () => {
	it('the parsed document has exactly the instructions’ elements and attributes, and the text comes back', async () => {
		await fc.assert(
			fc.asyncProperty(
				nonBlankXmlText,
				nonBlankXmlText,
				xmlText,
				async (speech, room, callerId) => {
					const instructions: IDataObject[] = [
						{ type: 'Speak', speakText: '={{ $json.speech }}' },
						{
							type: 'GetInput',
							getInputAction: 'https://example.com/a',
							getInputInputType: 'speech',
							prompts: { prompt: [{ type: 'Speak', speakText: '={{ $json.speech }}' }] },
						},
						{ type: 'Conference', conferenceName: '={{ $json.room }}' },
						{
							type: 'Dial',
							dialOptions: { callerId: '={{ $json.callerId }}' },
							destinations: { destination: [{ type: 'Number', numberValue: '1' }] },
						},
					];
					const [output] = await runPlivoXml(instructions, {
						items: [{ json: { speech, room, callerId } }],
					});
					const root = parsed(output.json.xml as string);
					expect(root.verb).toBe('Response');
					expect(root.children).toEqual([
						{ verb: 'Speak', attributes: {}, text: speech },
						{
							verb: 'GetInput',
							attributes: { action: 'https://example.com/a', inputType: 'speech' },
							children: [{ verb: 'Speak', attributes: {}, text: speech }],
						},
						{ verb: 'Conference', attributes: {}, text: room },
						{
							verb: 'Dial',
							attributes: callerId === '' ? {} : { callerId },
							children: [{ verb: 'Number', attributes: {}, text: '1' }],
						},
					]);
					expect(root.children).toEqual(output.json.instructions);
				},
			),
			{ numRuns: 200 },
		);
	});
});

describe('Plivo XML: values Plivo would refuse are refused first, naming instruction and field', () => {
	const dialTo = { destinations: { destination: [{ type: 'Number', numberValue: '1' }] } };
	it.each([
		[
			[
				{ type: 'Speak', speakText: 'a' },
				{ type: 'Wait', waitOptions: { length: 0 } },
			],
			'Instruction 2 (Wait): ‘Seconds’ must be a whole number of at least 1, not ‘0’',
		],
		[
			[{ type: 'Wait', waitOptions: { length: '={{ "2.5" }}' } }],
			'Instruction 1 (Wait): ‘Seconds’ must be a whole number of at least 1, not ‘2.5’',
		],
		[
			[
				{
					type: 'GetInput',
					getInputAction: 'https://e.com',
					getInputInputType: 'dtmf',
					getInputOptions: { executionTimeout: 61 },
				},
			],
			'Instruction 1 (Get Input): ‘Time Limit (Seconds)’ must be a whole number from 5 to 60, not ‘61’',
		],
		[
			[
				{
					type: 'GetInput',
					getInputAction: 'https://e.com',
					getInputInputType: 'speech',
					getInputOptions: { hints: Array(501).fill('x').join(',') },
				},
			],
			'Instruction 1 (Get Input): ‘Hints’ has 501 phrases; Plivo takes at most 500',
		],
		[
			[
				{
					type: 'GetInput',
					getInputAction: 'https://e.com',
					getInputInputType: 'speech',
					getInputOptions: { hints: `ok,${'y'.repeat(101)}` },
				},
			],
			'Instruction 1 (Get Input): ‘Hints’ phrase 2 has more than 100 characters',
		],
		[
			[{ type: 'GetInput', getInputAction: 'example.com/menu', getInputInputType: 'dtmf' }],
			'Instruction 1 (Get Input): ‘Action URL’ must be a full URL starting with https:// or http://',
		],
		[
			[{ type: 'GetInput', getInputAction: '', getInputInputType: 'dtmf' }],
			'Instruction 1 (Get Input): ‘Action URL’ is required',
		],
		[
			[{ type: 'Record', recordOptions: { maxLength: 1 } }],
			'Instruction 1 (Record): ‘Max Length (Seconds)’ must be a whole number of at least 2, not ‘1’',
		],
		[
			[
				{
					type: 'MultiPartyCall',
					multiPartyCallName: 'x',
					multiPartyCallRole: 'Agent',
					multiPartyCallOptions: { maxParticipants: 11 },
				},
			],
			'Instruction 1 (Join Multiparty Call): ‘Max Participants’ must be a whole number from 2 to 10, not ‘11’',
		],
		[
			[{ type: 'MultiPartyCall', multiPartyCallName: 'x', multiPartyCallRole: '={{ "boss" }}' }],
			'Instruction 1 (Join Multiparty Call): ‘Role’ must be one of',
		],
		[
			[{ type: 'Conference', conferenceName: 'x', conferenceOptions: { maxMembers: 21 } }],
			'‘Max Members’ must be a whole number from 1 to 20',
		],
		[
			[{ type: 'DTMF', dtmfDigits: '12a' }],
			'Instruction 1 (Send Digits (DTMF)): ‘Digits’ must be keys 0–9, * and #',
		],
		[
			[{ type: 'Stream', streamUrl: 'https://example.com/s' }],
			'Instruction 1 (Stream Audio): ‘WebSocket URL’ must be a full URL starting with wss:// or ws://',
		],
		[
			[
				{
					type: 'Stream',
					streamUrl: 'wss://e.com',
					streamOptions: { extraHeaders: Array(60).fill('key=value').join(',') },
				},
			],
			'‘Extra Headers’ has 599 bytes; Plivo takes at most 512',
		],
		[
			[
				{
					type: 'Stream',
					streamUrl: 'wss://e.com',
					streamOptions: { bidirectional: true, audioTrack: 'both' },
				},
			],
			'‘Audio Track’ must be Inbound when ‘Two-Way’ is on',
		],
		[
			[{ type: 'Speak', speakText: 'Marhaba', speakOptions: { language: 'arb', voice: 'MAN' } }],
			'Instruction 1 (Speak): Arabic has no man’s voice. Set ‘Voice’ to Woman.',
		],
		[[{ type: 'Speak', speakText: '   ' }], 'Instruction 1 (Speak): ‘Text’ is required'],
		[
			[{ type: 'Dial', dialOptions: { callerName: 'n'.repeat(51) }, ...dialTo }],
			'‘Caller Name’ has 51 characters; Plivo takes at most 50',
		],
		[[{ type: 'Dial' }], 'Instruction 1 (Dial): add at least one number or endpoint'],
		[
			[
				{
					type: 'Dial',
					destinations: { destination: [{ type: 'Number', numberValue: '+1 (415) 555' }] },
				},
			],
			'Instruction 1 (Dial), number or endpoint 1 (Phone Number): ‘Phone Number’ must be digits',
		],
		[
			[
				{
					type: 'GetInput',
					getInputAction: 'https://e.com',
					getInputInputType: 'dtmf',
					prompts: {
						prompt: [
							{ type: 'Speak', speakText: 'ok' },
							{ type: 'Play', playUrl: 'ftp://x/a.mp3' },
						],
					},
				},
			],
			'Instruction 1 (Get Input), prompt 2 (Play Audio): ‘Audio URL’ must be a full URL',
		],
		[
			[{ type: 'Hangup', hangupOptions: { reason: '={{ "angry" }}' } }],
			'Instruction 1 (Hang Up): ‘Reason’ must be one of busy, rejected',
		],
		[[], 'No instructions: add at least one'],
	])('%j', async (instructions, message) => {
		await expect(runPlivoXml(instructions as IDataObject[])).rejects.toThrow(message);
	});

	it('checks the finished document with the trigger’s checker (Plivo reads at most 100 KB)', async () => {
		await expect(
			runPlivoXml([{ type: 'Speak', speakText: '={{ "a".repeat(102400) }}' }]),
		).rejects.toThrow(
			/The document cannot be sent to Plivo: the XML has \d+ bytes; Plivo reads at most 102400/,
		);
	});
});

describe('Plivo XML: Continue On Fail', () => {
	it('gives one paired error item per failed input, and documents for the others', async () => {
		const output = await runPlivoXml(
			[{ type: 'Wait', waitOptions: { length: '={{ $json.seconds }}' } }],
			{
				continueOnFail: true,
				items: [
					{ json: { seconds: 2 } },
					{ json: { seconds: -1 } },
					{ json: { seconds: 3 } },
					{ json: { seconds: 'soon' } },
				],
			},
		);
		expect(output).toHaveLength(4);
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json.xml).toBe(response('<Wait length="2"/>'));
		expect(output[1].json).toEqual({
			error: 'Instruction 1 (Wait): ‘Seconds’ must be a whole number of at least 1, not ‘-1’',
		});
		expect(output[2].json.xml).toBe(response('<Wait length="3"/>'));
		expect(output[3].json).toEqual({
			error: 'Instruction 1 (Wait): ‘Seconds’ must be a whole number of at least 1, not ‘soon’',
		});
	});

	it('without it, stops at the first failed input', async () => {
		await expect(
			runPlivoXml([{ type: 'Wait', waitOptions: { length: '={{ $json.seconds }}' } }], {
				items: [{ json: { seconds: 2 } }, { json: { seconds: 0 } }],
			}),
		).rejects.toThrow('Instruction 1 (Wait): ‘Seconds’');
	});
});

it('document of a single instruction is well-formed for sax', async () => {
	expect(parsed(await documentOf({ type: 'Hangup' })).children).toEqual([
		{ verb: 'Hangup', attributes: {} },
	]);
});
