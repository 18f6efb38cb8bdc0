/**
 * Every Conference Participant operation through n8n-core's RoutingNode against the SignalWire
 * sandbox: the exact request that arrived (method, path, query, form body, Basic auth) and the
 * items the node returned, with every field of the reference's participant object.
 */
import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { paired } from '../../test/harness/common.mts';
import { useSandbox } from '../../test/harness/useSandbox.mts';
import { RFC_2822, expectRequest, runOneRequest, runSignalWire } from './harness.mts';
import { SignalWireSandbox } from './sandbox/index.mts';
import type {
	ConferenceRecord,
	NewParticipant,
	ParticipantRecord,
} from './sandbox/conferences.mts';

let sandbox: SignalWireSandbox;
let accountPath: string;

useSandbox(SignalWireSandbox.start, (started) => {
	sandbox = started;
	accountPath = `/api/laml/2010-04-01/Accounts/${sandbox.project.projectId}`;
});

/** Every field of the participant object on the seed page "Retrieve a Participant". */
const SEED_PAGE_FIELDS = [
	'account_sid',
	'call_sid',
	'call_sid_to_coach',
	'coaching',
	'conference_sid',
	'date_created',
	'status',
	'date_updated',
	'end_conference_on_exit',
	'muted',
	'hold',
	'start_conference_on_enter',
	'uri',
];

function conferenceWith(
	count: number,
	options: NewParticipant = {},
): { conference: ConferenceRecord; participants: ParticipantRecord[] } {
	const conference = sandbox.state.conferences.create({ friendlyName: 'Support Room' });
	const participants = Array.from({ length: count }, () =>
		sandbox.state.conferences.join(conference, options),
	);
	return { conference, participants };
}

/** The participant as the reference describes it, written out here rather than taken from the sandbox. */
function participantJson(
	conference: ConferenceRecord,
	participant: ParticipantRecord,
	overrides: Record<string, unknown> = {},
) {
	return {
		account_sid: sandbox.project.projectId,
		call_sid: participant.call_sid,
		call_sid_to_coach: null,
		coaching: false,
		conference_sid: conference.sid,
		date_created: expect.stringMatching(RFC_2822),
		status: 'in-progress',
		date_updated: expect.stringMatching(RFC_2822),
		end_conference_on_exit: false,
		muted: false,
		hold: false,
		start_conference_on_enter: true,
		uri: `${accountPath}/Conferences/${conference.sid}/Participants/${participant.call_sid}.json`,
		...overrides,
	};
}

function participantPath(conference: ConferenceRecord, participant: ParticipantRecord): string {
	return `${accountPath}/Conferences/${conference.sid}/Participants/${participant.call_sid}.json`;
}

/** Runs an operation with a clean request log; lists may send several requests. */
async function run(parameters: INodeParameters) {
	return await runOneRequest(sandbox, { resource: 'conferenceParticipant', ...parameters });
}

describe('Conference Participant › Get', () => {
	it('gets a participant with every field of the reference', async () => {
		const { conference, participants } = conferenceWith(2, { end_conference_on_exit: true });
		const { output, request } = await run({
			operation: 'get',
			conferenceSid: conference.sid,
			callSid: participants[1].call_sid,
		});

		expectRequest(sandbox, request, 'GET', participantPath(conference, participants[1]));
		expect(request.query).toEqual({});
		expect(output).toEqual([
			{
				json: participantJson(conference, participants[1], { end_conference_on_exit: true }),
				pairedItem: paired(0),
			},
		]);
		expect(Object.keys(output[0].json).sort()).toEqual([...SEED_PAGE_FIELDS].sort());
	});

	it('shows who a coach is coaching', async () => {
		const { conference, participants } = conferenceWith(2);
		const [coach, agent] = participants;
		coach.coaching = true;
		coach.call_sid_to_coach = agent.call_sid;
		const { output } = await run({
			operation: 'get',
			conferenceSid: conference.sid,
			callSid: coach.call_sid,
		});
		expect(output[0].json).toEqual(
			participantJson(conference, coach, { coaching: true, call_sid_to_coach: agent.call_sid }),
		);
	});
});

describe('Conference Participant › Get Many', () => {
	it('lists the participants matching the filters, sent under SignalWire’s names', async () => {
		const { conference, participants } = conferenceWith(4);
		participants[0].muted = true;
		participants[1].muted = true;
		participants[1].hold = true;
		participants[2].hold = true;
		const { output, request } = await run({
			operation: 'getMany',
			conferenceSid: conference.sid,
			returnAll: false,
			limit: 10,
			filters: { muted: true, hold: false },
		});

		expectRequest(
			sandbox,
			request,
			'GET',
			`${accountPath}/Conferences/${conference.sid}/Participants.json`,
		);
		expect(request.query).toEqual({ Muted: 'true', Hold: 'false', PageSize: '10' });
		expect(output).toEqual([
			{
				json: participantJson(conference, participants[0], { muted: true }),
				pairedItem: paired(0),
			},
		]);
	});

	it('Return All follows next_page_uri as SignalWire gives it, page after page', async () => {
		const { conference, participants } = conferenceWith(2300);
		const output = await runSignalWire(sandbox, {
			resource: 'conferenceParticipant',
			operation: 'getMany',
			conferenceSid: conference.sid,
			returnAll: true,
			filters: { muted: false },
		});

		const requests = sandbox.requests;
		expect(requests).toHaveLength(3);
		expect(requests[0].query).toEqual({ Muted: 'false', PageSize: '1000' });
		for (const [index, request] of requests.entries()) {
			expectRequest(
				sandbox,
				request,
				'GET',
				`${accountPath}/Conferences/${conference.sid}/Participants.json`,
			);
			if (index > 0) {
				const previous = requests[index - 1].responseBody as { next_page_uri: string };
				expect(`${request.path}?${request.rawQuery}`).toBe(previous.next_page_uri);
				expect(request.query).toMatchObject({
					Muted: 'false',
					Page: String(index),
					PageSize: '1000',
				});
			}
		}
		expect((requests[2].responseBody as { next_page_uri: unknown }).next_page_uri).toBeNull();
		expect(output.map((item) => item.json.call_sid)).toEqual(
			participants.map((participant) => participant.call_sid),
		);
		expect(output.map((item) => item.pairedItem)).toEqual(output.map(() => paired(0)));
		expect(output[2299]).toEqual({
			json: participantJson(conference, participants[2299]),
			pairedItem: paired(0),
		});
	});

	it('Limit asks for a page of that size and stops there', async () => {
		const { conference, participants } = conferenceWith(5);
		const { output, request } = await run({
			operation: 'getMany',
			conferenceSid: conference.sid,
			returnAll: false,
			limit: 3,
		});
		expect(request.query).toEqual({ PageSize: '3' });
		expect(output.map((item) => item.json.call_sid)).toEqual(
			participants.slice(0, 3).map((participant) => participant.call_sid),
		);
	});

	it('a Limit beyond SignalWire’s largest page takes what it needs from the next one', async () => {
		const { conference, participants } = conferenceWith(2300);
		const output = await runSignalWire(sandbox, {
			resource: 'conferenceParticipant',
			operation: 'getMany',
			conferenceSid: conference.sid,
			returnAll: false,
			limit: 1500,
		});
		expect(sandbox.requests.map((request) => request.query.PageSize)).toEqual(['1000', '1000']);
		expect(output.map((item) => item.json.call_sid)).toEqual(
			participants.slice(0, 1500).map((participant) => participant.call_sid),
		);
	});
});

describe('Conference Participant › Update', () => {
	it('sends every setting as a form under SignalWire’s names, and the participant changes', async () => {
		const { conference, participants } = conferenceWith(2);
		const [coach, agent] = participants;
		const { output, request } = await run({
			operation: 'update',
			conferenceSid: conference.sid,
			callSid: coach.call_sid,
			updateFields: {
				muted: true,
				hold: true,
				holdUrl: 'https://example.com/hold.mp3',
				holdMethod: 'GET',
				announceUrl: 'https://example.com/announce.xml',
				announceMethod: 'GET',
				coaching: true,
				callSidToCoach: agent.call_sid,
				waitUrl: 'https://example.com/wait.xml',
				waitMethod: 'GET',
			},
		});

		expectRequest(sandbox, request, 'POST', participantPath(conference, coach));
		expect(request.query).toEqual({});
		expect(request.body).toEqual({
			Muted: 'true',
			Hold: 'true',
			HoldUrl: 'https://example.com/hold.mp3',
			HoldMethod: 'GET',
			AnnounceUrl: 'https://example.com/announce.xml',
			AnnounceMethod: 'GET',
			Coaching: 'true',
			CallSidToCoach: agent.call_sid,
			WaitUrl: 'https://example.com/wait.xml',
			WaitMethod: 'GET',
		});
		expect(coach).toMatchObject({
			muted: true,
			hold: true,
			coaching: true,
			call_sid_to_coach: agent.call_sid,
			holdMusic: { url: 'https://example.com/hold.mp3', method: 'GET' },
			waitMusic: { url: 'https://example.com/wait.xml', method: 'GET' },
		});
		expect(conference.announcements).toEqual([
			{ url: 'https://example.com/announce.xml', method: 'GET', callSid: coach.call_sid },
		]);
		expect(output).toEqual([
			{
				json: participantJson(conference, coach, {
					muted: true,
					hold: true,
					coaching: true,
					call_sid_to_coach: agent.call_sid,
				}),
				pairedItem: paired(0),
			},
		]);
	});

	it('sends only what was set: unmuting sends Muted=false and nothing else', async () => {
		const { conference, participants } = conferenceWith(1, { muted: true });
		const { output, request } = await run({
			operation: 'update',
			conferenceSid: conference.sid,
			callSid: participants[0].call_sid,
			updateFields: { muted: false, holdUrl: '' },
		});
		expect(request.body).toEqual({ Muted: 'false' });
		expect(participants[0].muted).toBe(false);
		expect(output[0].json).toEqual(participantJson(conference, participants[0]));
	});

	it('ends coaching with Coaching=false', async () => {
		const { conference, participants } = conferenceWith(2);
		const [coach, agent] = participants;
		Object.assign(coach, { coaching: true, call_sid_to_coach: agent.call_sid });
		const { output, request } = await run({
			operation: 'update',
			conferenceSid: conference.sid,
			callSid: coach.call_sid,
			updateFields: { coaching: false },
		});
		expect(request.body).toEqual({ Coaching: 'false' });
		expect(output[0].json).toMatchObject({ coaching: false, call_sid_to_coach: null });
	});
});

describe('Conference Participant › Remove', () => {
	it('takes the participant out of the conference (204)', async () => {
		const { conference, participants } = conferenceWith(2);
		const { output, request } = await run({
			operation: 'remove',
			conferenceSid: conference.sid,
			callSid: participants[0].call_sid,
		});

		expectRequest(sandbox, request, 'DELETE', participantPath(conference, participants[0]));
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect([...conference.participants.keys()]).toEqual([participants[1].call_sid]);
		expect(conference.status).toBe('in-progress');
	});

	it('ends the conference when the participant was set to end it on exit', async () => {
		const { conference, participants } = conferenceWith(1);
		const host = sandbox.state.conferences.join(conference, { end_conference_on_exit: true });
		await run({ operation: 'remove', conferenceSid: conference.sid, callSid: host.call_sid });
		expect(conference.status).toBe('completed');
		expect(conference.participants.has(participants[0].call_sid)).toBe(false);
	});
});
