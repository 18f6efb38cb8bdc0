/**
 * The SignalWire sandbox on its own, over plain HTTP: what the reference says SignalWire does,
 * independently of what the node sends. Auth, form bodies, the error shape, `.json` paths, paging
 * and the conference and participant rules.
 */
import { describe, expect, it } from 'vitest';

import { basicAuth } from '../../../test/harness/common.mts';
import { useSandbox } from '../../../test/harness/useSandbox.mts';
import { SignalWireSandbox } from '../sandbox/index.mts';
import type { ConferenceRecord } from '../sandbox/conferences.mts';
import { MORE_INFO_URL } from '../sandbox/errors.mts';

let sandbox: SignalWireSandbox;
let account: string;

useSandbox(SignalWireSandbox.start, (started) => {
	sandbox = started;
	account = `/api/laml/2010-04-01/Accounts/${sandbox.project.projectId}`;
});

interface Answer {
	status: number;
	body: unknown;
	text: string;
}

async function call(
	method: string,
	path: string,
	options: { form?: Record<string, string>; json?: unknown; auth?: string | null } = {},
): Promise<Answer> {
	const headers: Record<string, string> = {};
	const auth =
		options.auth === undefined
			? basicAuth(sandbox.project.projectId, sandbox.project.apiToken)
			: options.auth;
	if (auth) headers.Authorization = auth;
	let body: string | undefined;
	if (options.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(options.form).toString();
	} else if (options.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(options.json);
	}
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
	const text = await response.text();
	return { status: response.status, text, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const error = (status: number, code: number, message: string | RegExp) => ({
	code,
	message: typeof message === 'string' ? message : expect.stringMatching(message),
	more_info: MORE_INFO_URL,
	status,
});

function room(participants = 2): ConferenceRecord {
	return sandbox.state.conferences.create({ friendlyName: 'Room', participants });
}

describe('authentication', () => {
	it('answers 401 in SignalWire’s shape without credentials, with a wrong token, or for another project', async () => {
		const conference = room();
		const expected = { status: 401, body: error(401, 20003, 'Authentication failed') };
		expect(
			await call('GET', `${account}/Conferences/${conference.sid}.json`, { auth: null }),
		).toMatchObject(expected);
		expect(
			await call('GET', `${account}/Conferences/${conference.sid}.json`, {
				auth: basicAuth(sandbox.project.projectId, 'wrong'),
			}),
		).toMatchObject(expected);
		expect(
			await call('GET', `/api/laml/2010-04-01/Accounts/someone-else/Conferences.json`),
		).toMatchObject(expected);
	});
});

describe('bodies', () => {
	it('takes POST arguments as a form, and refuses JSON with 400 in SignalWire’s shape', async () => {
		const conference = room();
		const [participant] = conference.participants.values();
		const path = `${account}/Conferences/${conference.sid}/Participants/${participant.call_sid}.json`;
		expect(await call('POST', path, { json: { Muted: true } })).toEqual({
			status: 400,
			text: expect.any(String),
			body: error(
				400,
				21100,
				'POST arguments must be form-encoded (Content-Type: application/x-www-form-urlencoded)',
			),
		});
		expect(participant.muted).toBe(false);
		expect(await call('POST', path, { form: { Muted: 'true' } })).toMatchObject({
			status: 200,
			body: { muted: true },
		});
	});

	it('refuses arguments the reference does not list, and values it does not allow', async () => {
		const conference = room();
		const [participant] = conference.participants.values();
		const path = `${account}/Conferences/${conference.sid}/Participants/${participant.call_sid}`;
		expect(await call('POST', path, { form: { Mute: 'true' } })).toMatchObject({
			status: 400,
			body: error(400, 21100, 'unexpected argument: Mute'),
		});
		expect(await call('POST', path, { form: { Muted: 'yes' } })).toMatchObject({
			status: 400,
			body: error(400, 21100, 'Muted must be true or false'),
		});
		expect(await call('POST', path, { form: { HoldUrl: 'music.mp3' } })).toMatchObject({
			status: 400,
			body: error(400, 21100, 'HoldUrl is not a valid URL'),
		});
		expect(await call('POST', path, { form: { WaitMethod: 'PUT' } })).toMatchObject({
			status: 400,
		});
		expect(await call('GET', `${account}/Conferences.json?Status=running`)).toMatchObject({
			status: 400,
		});
		expect(await call('GET', `${account}/Conferences.json?DateCreated%3C=May+1`)).toMatchObject({
			status: 400,
			body: error(400, 21100, 'DateCreated< must be a date of the form YYYY-MM-DD'),
		});
	});
});

describe('paths and status codes', () => {
	it('serves the reference’s paths with or without .json', async () => {
		const conference = room();
		const [participant] = conference.participants.values();
		const plain = await call(
			'GET',
			`${account}/Conferences/${conference.sid}/Participants/${participant.call_sid}`,
		);
		const json = await call(
			'GET',
			`${account}/Conferences/${conference.sid}/Participants/${participant.call_sid}.json`,
		);
		expect(plain.status).toBe(200);
		expect(json).toEqual(plain);
		expect(json.body).toMatchObject({
			call_sid: participant.call_sid,
			conference_sid: conference.sid,
		});
	});

	it('answers 404 for unknown sids and 204 with no body when a participant is removed', async () => {
		const conference = room();
		const [participant] = conference.participants.values();
		expect(await call('GET', `${account}/Conferences/no-such-conference.json`)).toMatchObject({
			status: 404,
			body: error(
				404,
				20404,
				'The requested resource /Conferences/no-such-conference was not found',
			),
		});
		const path = `${account}/Conferences/${conference.sid}/Participants/${participant.call_sid}.json`;
		expect(await call('DELETE', path)).toEqual({ status: 204, text: '', body: undefined });
		expect(await call('GET', path)).toMatchObject({ status: 404, body: { code: 20404 } });
		expect(await call('DELETE', path)).toMatchObject({ status: 404 });
	});
});

describe('paging', () => {
	it('pages with Page, PageSize and PageToken, and says where the other pages are', async () => {
		const rooms = Array.from({ length: 5 }, () => room(1));
		const first = (await call('GET', `${account}/Conferences.json?FriendlyName=Room&PageSize=2`))
			.body as Record<string, unknown>;
		const list = `${account}/Conferences.json`;
		expect(first).toEqual({
			uri: `${list}?FriendlyName=Room&Page=0&PageSize=2`,
			first_page_uri: `${list}?FriendlyName=Room&Page=0&PageSize=2`,
			next_page_uri: `${list}?FriendlyName=Room&Page=1&PageSize=2&PageToken=PA${rooms[1].sid}`,
			previous_page_uri: null,
			page: 0,
			page_size: 2,
			conferences: [
				expect.objectContaining({ sid: rooms[0].sid }),
				expect.objectContaining({ sid: rooms[1].sid }),
			],
		});
		const second = (await call('GET', first.next_page_uri as string)).body as Record<
			string,
			unknown
		>;
		expect(second).toMatchObject({
			page: 1,
			previous_page_uri: `${list}?FriendlyName=Room&Page=0&PageSize=2`,
			conferences: [
				expect.objectContaining({ sid: rooms[2].sid }),
				expect.objectContaining({ sid: rooms[3].sid }),
			],
		});
		const last = (await call('GET', second.next_page_uri as string)).body as Record<
			string,
			unknown
		>;
		expect(last).toMatchObject({
			page: 2,
			next_page_uri: null,
			conferences: [expect.objectContaining({ sid: rooms[4].sid })],
		});
		// Page alone gives the same page as the token.
		expect(
			(
				(await call('GET', `${list}?FriendlyName=Room&Page=2&PageSize=2`)).body as Record<
					string,
					unknown
				>
			).conferences,
		).toEqual(last.conferences);
		expect(await call('GET', `${list}?PageSize=1001`)).toMatchObject({ status: 400 });
		expect(await call('GET', `${list}?PageToken=PAnope`)).toMatchObject({ status: 400 });
	});

	it('lists participants with 50 a page unless asked, under `participants`', async () => {
		const conference = room(51);
		const page = (await call('GET', `${account}/Conferences/${conference.sid}/Participants.json`))
			.body as Record<string, unknown>;
		expect(page).toMatchObject({
			account_sid: sandbox.project.projectId,
			conference_sid: conference.sid,
			page_size: 50,
		});
		expect(page.participants).toHaveLength(50);
		expect(page.next_page_uri).toMatch(/Page=1&PageSize=50&PageToken=PA/);
	});
});

describe('participants and conferences', () => {
	it('coaching needs CallSidToCoach, naming another participant of the same conference', async () => {
		const conference = room(2);
		const [coach, agent] = conference.participants.values();
		const other = room(1);
		const [stranger] = other.participants.values();
		const path = `${account}/Conferences/${conference.sid}/Participants/${coach.call_sid}.json`;
		expect(await call('POST', path, { form: { Coaching: 'true' } })).toMatchObject({
			status: 400,
			body: error(400, 21100, 'CallSidToCoach is required when Coaching is true'),
		});
		expect(
			await call('POST', path, { form: { Coaching: 'true', CallSidToCoach: coach.call_sid } }),
		).toMatchObject({ status: 400 });
		expect(
			await call('POST', path, { form: { Coaching: 'true', CallSidToCoach: stranger.call_sid } }),
		).toMatchObject({ status: 400 });
		expect(coach.coaching).toBe(false);
		expect(
			await call('POST', path, { form: { Coaching: 'true', CallSidToCoach: agent.call_sid } }),
		).toMatchObject({
			status: 200,
			body: { coaching: true, call_sid_to_coach: agent.call_sid },
		});
		expect(await call('POST', path, { form: { Coaching: 'false' } })).toMatchObject({
			status: 200,
			body: { coaching: false, call_sid_to_coach: null },
		});
	});

	it('mutes and holds, and lists by those states', async () => {
		const conference = room(3);
		const [first, second] = conference.participants.values();
		const base = `${account}/Conferences/${conference.sid}/Participants`;
		await call('POST', `${base}/${first.call_sid}.json`, { form: { Muted: 'true' } });
		await call('POST', `${base}/${second.call_sid}.json`, {
			form: { Hold: 'true', HoldUrl: 'https://example.com/hold.mp3', HoldMethod: 'GET' },
		});
		const sids = async (query: string) =>
			(
				(await call('GET', `${base}.json?${query}`)).body as {
					participants: Array<{ call_sid: string }>;
				}
			).participants.map((p) => p.call_sid);
		expect(await sids('Muted=true')).toEqual([first.call_sid]);
		expect(await sids('Hold=true')).toEqual([second.call_sid]);
		expect(await sids('Muted=false&Hold=false')).toHaveLength(1);
		expect(second.holdMusic).toEqual({ url: 'https://example.com/hold.mp3', method: 'GET' });
	});

	it('ending a conference removes its participants; an ended conference cannot be updated', async () => {
		const conference = room(2);
		const path = `${account}/Conferences/${conference.sid}.json`;
		expect(await call('POST', path, { form: { Status: 'in-progress' } })).toMatchObject({
			status: 400,
		});
		expect(await call('POST', path, { form: { Status: 'completed' } })).toMatchObject({
			status: 200,
			body: { status: 'completed' },
		});
		const list = (await call('GET', `${account}/Conferences/${conference.sid}/Participants.json`))
			.body as { participants: unknown[] };
		expect(list.participants).toEqual([]);
		expect(
			await call('POST', path, { form: { AnnounceUrl: 'https://example.com/a.xml' } }),
		).toMatchObject({ status: 400 });
	});

	it('the conference ends when its last participant leaves', async () => {
		const conference = room(1);
		const [participant] = conference.participants.values();
		await call(
			'DELETE',
			`${account}/Conferences/${conference.sid}/Participants/${participant.call_sid}`,
		);
		expect(
			((await call('GET', `${account}/Conferences/${conference.sid}`)).body as { status: string })
				.status,
		).toBe('completed');
	});
});
