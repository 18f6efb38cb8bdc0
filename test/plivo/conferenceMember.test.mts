/**
 * Every Conference Member operation through n8n-core's RoutingNode against the sandbox: the exact
 * request that arrived, the items the node returned and what changed for the members; a whole
 * conference scenario; Member IDs and speech settings refused before sending.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { failure, locator, paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { accountPath, runOneRequest, runPlivoVoice } from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { ConferenceMember } from '../sandbox/plivo/conferences.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

const ROOM = 'Team Call';
const conferenceName = locator(ROOM);

/** Three callers in the conference, with member IDs 1, 2 and 3. */
function threeMembers(): ConferenceMember[] {
	return ['14155550101', '14155550102', '14155550103'].map((from) =>
		sandbox.state.conferences.join(ROOM, { from, to: '14155550199' }),
	);
}

/** The member path under the account, as the node sends it. */
function memberPath(memberId: string, suffix = ''): string {
	return `/Conference/Team%20Call/Member/${memberId}/${suffix}`;
}

const run = (parameters: INodeParameters) =>
	runOneRequest(sandbox, { resource: 'conferenceMember', conferenceName, ...parameters });

function callStatus(member: ConferenceMember) {
	return sandbox.state.calls.calls.get(member.call_uuid)?.status;
}

describe('Conference Member › mute and deafen', () => {
	it('mutes one member', async () => {
		const [first, second] = threeMembers();
		const { output, request } = await run({ operation: 'mute', memberId: '1' });
		expectRequest(sandbox, request, 'POST', memberPath('1', 'Mute/'));
		expect(request.query).toEqual({});
		expect(request.rawBody).toBe('');
		expect(request.status).toBe(202);
		expect(output).toEqual([
			{ json: { message: 'muted', member_id: '1', api_id: apiId }, pairedItem: paired(0) },
		]);
		expect([first.muted, second.muted]).toEqual([true, false]);
	});

	it('mutes a comma-separated list, sent with its commas and without spaces', async () => {
		const members = threeMembers();
		const { output, request } = await run({ operation: 'mute', memberId: ' 1, 3 ' });
		expect(request.path).toBe(`${accountPath(sandbox)}${memberPath('1,3', 'Mute/')}`);
		expect(output[0].json).toEqual({ message: 'muted', member_id: '1,3', api_id: apiId });
		expect(members.map((member) => member.muted)).toEqual([true, false, true]);
	});

	it('unmutes', async () => {
		const members = threeMembers();
		for (const member of members) member.muted = true;
		const { output, request } = await run({ operation: 'unmute', memberId: '2' });
		expectRequest(sandbox, request, 'DELETE', memberPath('2', 'Mute/'));
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(members.map((member) => member.muted)).toEqual([true, false, true]);
	});

	it('deafens every member with all (written in any case)', async () => {
		const members = threeMembers();
		const { output, request } = await run({ operation: 'deaf', memberId: 'ALL' });
		expectRequest(sandbox, request, 'POST', memberPath('all', 'Deaf/'));
		expect(request.rawBody).toBe('');
		expect(request.status).toBe(202);
		expect(output).toEqual([
			{ json: { message: 'deaf', member_id: 'all', api_id: apiId }, pairedItem: paired(0) },
		]);
		expect(members.every((member) => member.deaf)).toBe(true);
	});

	it('undeafens', async () => {
		const members = threeMembers();
		for (const member of members) member.deaf = true;
		const { output, request } = await run({ operation: 'undeaf', memberId: '1,2' });
		expectRequest(sandbox, request, 'DELETE', memberPath('1,2', 'Deaf/'));
		expect(request.query).toEqual({});
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(members.map((member) => member.deaf)).toEqual([false, false, true]);
	});
});

describe('Conference Member › audio and speech', () => {
	it('plays audio to members, and stops it', async () => {
		const members = threeMembers();
		const played = await run({
			operation: 'playAudio',
			memberId: '1,2',
			url: 'https://example.com/announcement.mp3',
		});
		expectRequest(sandbox, played.request, 'POST', memberPath('1,2', 'Play/'));
		expect(played.request.query).toEqual({});
		expect(played.request.body).toEqual({ url: 'https://example.com/announcement.mp3' });
		expect(played.request.status).toBe(202);
		// Plivo shows the members of a play or speak request as a Python list.
		expect(played.output).toEqual([
			{
				json: { message: 'play queued into conference', member_id: "[u'1', u'2']", api_id: apiId },
				pairedItem: paired(0),
			},
		]);
		expect(members.map((member) => member.playing?.args.url)).toEqual([
			'https://example.com/announcement.mp3',
			'https://example.com/announcement.mp3',
			undefined,
		]);

		const stopped = await run({ operation: 'stopAudio', memberId: '1,2' });
		expectRequest(sandbox, stopped.request, 'DELETE', memberPath('1,2', 'Play/'));
		expect(stopped.request.query).toEqual({});
		expect(stopped.request.status).toBe(204);
		expect(stopped.output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(members.every((member) => member.playing === undefined)).toBe(true);
	});

	it('stops audio started for all only with all, as Plivo does', async () => {
		const members = threeMembers();
		await run({ operation: 'playAudio', memberId: 'all', url: 'https://example.com/hold.wav' });
		await run({ operation: 'stopAudio', memberId: '1' });
		expect(members.every((member) => member.playing !== undefined)).toBe(true);
		await run({ operation: 'stopAudio', memberId: 'all' });
		expect(members.every((member) => member.playing === undefined)).toBe(true);
	});

	it('speaks text with a voice and language of the conference list, and stops speaking', async () => {
		const members = threeMembers();
		const spoken = await run({
			operation: 'speakText',
			memberId: 'all',
			text: 'The meeting ends in five minutes.',
			additionalFields: { language: 'pt-PT', voice: 'MAN' },
		});
		expectRequest(sandbox, spoken.request, 'POST', memberPath('all', 'Speak/'));
		expect(spoken.request.query).toEqual({});
		expect(spoken.request.body).toEqual({
			text: 'The meeting ends in five minutes.',
			language: 'pt-PT',
			voice: 'MAN',
		});
		expect(spoken.request.status).toBe(202);
		expect(spoken.output).toEqual([
			{
				json: { message: 'speak queued into conference', member_id: "[u'all']", api_id: apiId },
				pairedItem: paired(0),
			},
		]);
		expect(
			members.every((member) => member.speaking?.args.text === 'The meeting ends in five minutes.'),
		).toBe(true);

		const stopped = await run({ operation: 'stopSpeaking', memberId: 'all' });
		expectRequest(sandbox, stopped.request, 'DELETE', memberPath('all', 'Speak/'));
		expect(stopped.request.query).toEqual({});
		expect(stopped.request.status).toBe(204);
		expect(stopped.output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(members.every((member) => member.speaking === undefined)).toBe(true);
	});

	it('sends only the text when voice and language are left to Plivo’s defaults', async () => {
		threeMembers();
		const { request } = await run({ operation: 'speakText', memberId: '3', text: 'Hello' });
		expect(request.body).toEqual({ text: 'Hello' });
	});
});

describe('Conference Member › kick and hang up', () => {
	it('kicks a member out of the conference; their call goes on', async () => {
		const [first, second] = threeMembers();
		const { output, request } = await run({ operation: 'kick', memberId: '2' });
		expectRequest(sandbox, request, 'POST', memberPath('2', 'Kick/'));
		expect(request.query).toEqual({});
		expect(request.rawBody).toBe('');
		expect(request.status).toBe(202);
		expect(output).toEqual([
			{ json: { message: 'kicked', member_id: '2', api_id: apiId }, pairedItem: paired(0) },
		]);
		expect(sandbox.state.conferences.get(ROOM).members.map((member) => member.member_id)).toEqual([
			'1',
			'3',
		]);
		expect(callStatus(second)).toBe('in-progress');
		expect(callStatus(first)).toBe('in-progress');
	});

	it('hangs up a member: their call ends', async () => {
		const [first, second] = threeMembers();
		const { output, request } = await run({ operation: 'hangup', memberId: '1' });
		expectRequest(sandbox, request, 'DELETE', memberPath('1'));
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(callStatus(first)).toBe('completed');
		expect(callStatus(second)).toBe('in-progress');
		expect(sandbox.state.conferences.get(ROOM).members.map((member) => member.member_id)).toEqual([
			'2',
			'3',
		]);
	});

	it('reports Plivo’s 404 for a member who is not in the conference', async () => {
		threeMembers();
		const error = await failure(
			runPlivoVoice(sandbox, {
				resource: 'conferenceMember',
				operation: 'mute',
				conferenceName,
				memberId: '1,9',
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect((error as NodeApiError).message).toBe('member 9 not found in the conference');
		expect(sandbox.state.conferences.get(ROOM).members.every((member) => !member.muted)).toBe(true);
	});
});

describe('Conference Member › a conference from start to end', () => {
	it('members join → mute one → play → kick → hang up all', async () => {
		// Three callers dial into the conference (in Plivo: a call answered with <Conference>).
		const [host, guest, latecomer] = threeMembers();
		const members = async () =>
			(await run({ resource: 'conference', operation: 'get' })).output[0].json.members as Array<
				Record<string, unknown>
			>;
		expect((await members()).map((member) => [member.member_id, member.call_uuid])).toEqual([
			['1', host.call_uuid],
			['2', guest.call_uuid],
			['3', latecomer.call_uuid],
		]);

		await run({ operation: 'mute', memberId: '2' });
		expect((await members()).map((member) => member.muted)).toEqual([false, true, false]);

		const played = await run({
			operation: 'playAudio',
			memberId: 'all',
			url: 'https://example.com/welcome.mp3',
		});
		expect(played.output[0].json.message).toBe('play queued into conference');
		expect(
			[host, guest, latecomer].every(
				(member) => member.playing?.args.url === 'https://example.com/welcome.mp3',
			),
		).toBe(true);

		await run({ operation: 'kick', memberId: '3' });
		expect((await members()).map((member) => member.member_id)).toEqual(['1', '2']);
		expect(callStatus(latecomer)).toBe('in-progress');

		const hungUp = await run({ operation: 'hangup', memberId: 'all' });
		expectRequest(sandbox, hungUp.request, 'DELETE', memberPath('all'));
		expect([callStatus(host), callStatus(guest)]).toEqual(['completed', 'completed']);
		// With its last member gone, the conference has ended.
		expect(
			(await run({ resource: 'conference', operation: 'getMany', returnAll: true })).output,
		).toEqual([]);
		expect(callStatus(latecomer)).toBe('in-progress');
	});

	it('holds at most 20 members', () => {
		for (let index = 0; index < 20; index++)
			sandbox.state.conferences.join(ROOM, {
				from: `1415555${String(index).padStart(4, '0')}`,
				to: '14155550199',
			});
		expect(() =>
			sandbox.state.conferences.join(ROOM, { from: '14155559999', to: '14155550199' }),
		).toThrow(/at most 20 members/);
	});

	it('a member whose call is hung up through the Call API leaves the conference', async () => {
		const [first] = threeMembers();
		await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'hangup',
			callUuid: first.call_uuid,
		});
		expect(sandbox.state.conferences.get(ROOM).members.map((member) => member.member_id)).toEqual([
			'2',
			'3',
		]);
	});
});

describe('Conference Member › bad input is refused before sending', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		['an empty Member ID', { operation: 'mute', memberId: ' ' }, /‘Member ID’ field is empty/],
		[
			'a Member ID that is not a number',
			{ operation: 'deaf', memberId: '1,bob' },
			/‘bob’ in the ‘Member ID’ field is not a member ID/,
		],
		[
			'an empty entry in the list',
			{ operation: 'unmute', memberId: '1,,2' },
			/‘Member ID’ field has an empty entry/,
		],
		[
			'a list for Hang Up',
			{ operation: 'hangup', memberId: '1,2' },
			/lists 2 members, but Hang Up takes one member ID or all/,
		],
		[
			'a list for Kick',
			{ operation: 'kick', memberId: '={{ "4, 5, 6" }}' },
			/lists 3 members, but Kick takes one member ID or all/,
		],
		[
			'an empty conference',
			{ operation: 'mute', memberId: '1', conferenceName: locator('', 'id') },
			/‘Conference’ field is empty/,
		],
		[
			'an audio URL that is not a URL',
			{ operation: 'playAudio', memberId: '1', url: 'hold.mp3' },
			/‘hold.mp3’ in the ‘Audio URL’ field/,
		],
		['empty text', { operation: 'speakText', memberId: '1', text: '' }, /‘Text’ field is empty/],
		[
			'a voice the conference language does not have',
			{
				operation: 'speakText',
				memberId: '1',
				text: 'Olá',
				additionalFields: { language: 'pt-PT' },
			},
			/Portuguese \(Portugal\) has no woman’s voice\. Set ‘Voice’ to Man/,
		],
		[
			'a voice calls have but conferences do not',
			{
				operation: 'speakText',
				memberId: '1',
				text: 'Hej',
				additionalFields: { language: 'da-DK', voice: 'MAN' },
			},
			/Danish \(Denmark\) has no man’s voice/,
		],
		[
			'a language calls speak but conferences do not',
			{
				operation: 'speakText',
				memberId: '1',
				text: 'Hi',
				additionalFields: { language: '={{ "en-IN" }}' },
			},
			/‘en-IN’ in the ‘Language’ field is not a language Plivo can speak here/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		threeMembers();
		await expectRefusedBeforeSending(
			sandbox,
			{ resource: 'conferenceMember', conferenceName, ...parameters },
			message,
		);
	});
});
