/**
 * Every Conference operation through n8n-core's RoutingNode against the SignalWire sandbox: the
 * exact request that arrived (method, path, query, form body, Basic auth) and the items returned.
 */
import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { failure, paired } from '../../test/harness/common.mts';
import { useSandbox } from '../../test/harness/useSandbox.mts';
import { RFC_2822, expectRequest, runOneRequest, runSignalWire } from './harness.mts';
import { SignalWireSandbox } from './sandbox/index.mts';
import type { ConferenceRecord, NewConference } from './sandbox/conferences.mts';

let sandbox: SignalWireSandbox;
let accountPath: string;

useSandbox(SignalWireSandbox.start, (started) => {
	sandbox = started;
	accountPath = `/api/laml/2010-04-01/Accounts/${sandbox.project.projectId}`;
});

function conference(options: NewConference = {}): ConferenceRecord {
	return sandbox.state.conferences.create({ participants: 2, ...options });
}

/** The conference as the reference describes it, written out here rather than taken from the sandbox. */
function conferenceJson(record: ConferenceRecord, overrides: Record<string, unknown> = {}) {
	const path = `${accountPath}/Conferences/${record.sid}`;
	return {
		account_sid: sandbox.project.projectId,
		api_version: '2010-04-01',
		date_created: expect.stringMatching(RFC_2822),
		date_updated: expect.stringMatching(RFC_2822),
		friendly_name: record.friendly_name,
		region: 'us1',
		sid: record.sid,
		status: 'in-progress',
		uri: `${path}.json`,
		subresource_uris: {
			participants: `${path}/Participants.json`,
			recordings: `${path}/Recordings.json`,
		},
		...overrides,
	};
}

async function run(parameters: INodeParameters) {
	return await runOneRequest(sandbox, { resource: 'conference', ...parameters });
}

describe('Conference › Get', () => {
	it('gets a conference', async () => {
		const room = conference({
			friendlyName: 'Support Room',
			createdAt: new Date('2024-05-01T10:00:00Z'),
		});
		const { output, request } = await run({ operation: 'get', conferenceSid: room.sid });
		expectRequest(sandbox, request, 'GET', `${accountPath}/Conferences/${room.sid}.json`);
		expect(request.query).toEqual({});
		expect(output).toEqual([
			{
				json: conferenceJson(room, { date_created: 'Wed, 01 May 2024 10:00:00 +0000' }),
				pairedItem: paired(0),
			},
		]);
	});
});

describe('Conference › Get Many', () => {
	it('lists the conferences matching every filter, sent under SignalWire’s names', async () => {
		const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
		const room = (friendlyName: string, created: string, updated = '2024-05-10') => {
			const record = conference({ friendlyName, createdAt: day(created) });
			record.updated = day(updated);
			return record;
		};
		room('Support', '2024-04-30');
		const second = room('Support', '2024-05-01');
		const third = room('Support', '2024-05-03');
		room('Support', '2024-05-02', '2024-05-11');
		room('Support', '2024-05-04');
		room('Sales', '2024-05-02');
		sandbox.state.conferences.end(room('Support', '2024-05-02'));

		const { output, request } = await run({
			operation: 'getMany',
			returnAll: false,
			limit: 20,
			filters: {
				friendlyName: 'Support',
				status: 'in-progress',
				// Picked in the editor: a day at midnight in the workflow's time zone, sent as that day.
				createdOnOrAfter: '2024-05-01T00:00:00',
				createdOnOrBefore: '2024-05-03T00:00:00',
				updatedOn: '={{ "2024-05-10" }}',
				updatedOnOrAfter: '2024-01-01T00:00:00',
				updatedOnOrBefore: '2099-12-31T00:00:00',
			},
		});

		expectRequest(sandbox, request, 'GET', `${accountPath}/Conferences.json`);
		expect(request.query).toEqual({
			FriendlyName: 'Support',
			Status: 'in-progress',
			'DateCreated>': '2024-05-01',
			'DateCreated<': '2024-05-03',
			DateUpdated: '2024-05-10',
			'DateUpdated>': '2024-01-01',
			'DateUpdated<': '2099-12-31',
			PageSize: '20',
		});
		// Sent as SignalWire writes the inequalities: `DateCreated<=2024-05-03`.
		expect(request.rawQuery).toContain('DateCreated%3C=2024-05-03');
		expect(output).toEqual([
			{
				json: conferenceJson(second, {
					date_created: 'Wed, 01 May 2024 12:00:00 +0000',
					date_updated: 'Fri, 10 May 2024 12:00:00 +0000',
				}),
				pairedItem: paired(0),
			},
			{
				json: conferenceJson(third, {
					date_created: 'Fri, 03 May 2024 12:00:00 +0000',
					date_updated: 'Fri, 10 May 2024 12:00:00 +0000',
				}),
				pairedItem: paired(0),
			},
		]);
	});

	it('filters on one day', async () => {
		conference({ createdAt: new Date('2024-05-01T23:59:59Z') });
		const match = conference({ createdAt: new Date('2024-05-02T00:00:00Z') });
		const { output, request } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { createdOn: '2024-05-02' },
		});
		expect(request.query).toEqual({ DateCreated: '2024-05-02', PageSize: '1000' });
		expect(output.map((item) => item.json.sid)).toEqual([match.sid]);
	});

	it('Return All follows next_page_uri as SignalWire gives it, page after page', async () => {
		const rooms = Array.from({ length: 2100 }, () =>
			sandbox.state.conferences.create({ friendlyName: 'Room' }),
		);
		sandbox.server.clearRequests();
		const output = await runSignalWire(sandbox, {
			resource: 'conference',
			operation: 'getMany',
			returnAll: true,
			filters: { friendlyName: 'Room' },
		});
		const requests = sandbox.requests;
		expect(requests.map((request) => request.query)).toEqual([
			{ FriendlyName: 'Room', PageSize: '1000' },
			{ FriendlyName: 'Room', Page: '1', PageSize: '1000', PageToken: `PA${rooms[999].sid}` },
			{ FriendlyName: 'Room', Page: '2', PageSize: '1000', PageToken: `PA${rooms[1999].sid}` },
		]);
		for (const [index, request] of requests.entries()) {
			expectRequest(sandbox, request, 'GET', `${accountPath}/Conferences.json`);
			if (index > 0) {
				expect(`${request.path}?${request.rawQuery}`).toBe(
					(requests[index - 1].responseBody as { next_page_uri: string }).next_page_uri,
				);
			}
		}
		expect(output.map((item) => item.json.sid)).toEqual(rooms.map((room) => room.sid));
		expect(output[0]).toEqual({
			json: conferenceJson(rooms[0], { status: 'init' }),
			pairedItem: paired(0),
		});
	});

	it('Limit stops at the limit', async () => {
		const rooms = [conference(), conference(), conference()];
		const { output, request } = await run({ operation: 'getMany', returnAll: false, limit: 2 });
		expect(request.query).toEqual({ PageSize: '2' });
		expect(output.map((item) => item.json.sid)).toEqual([rooms[0].sid, rooms[1].sid]);
	});
});

describe('Conference › Update', () => {
	it('ends a conference with Status=completed, disconnecting every participant', async () => {
		const room = conference();
		const { output, request } = await run({
			operation: 'update',
			conferenceSid: room.sid,
			updateFields: { endConference: true },
		});
		expectRequest(sandbox, request, 'POST', `${accountPath}/Conferences/${room.sid}.json`);
		expect(request.query).toEqual({});
		expect(request.body).toEqual({ Status: 'completed' });
		expect(room.status).toBe('completed');
		expect(room.participants.size).toBe(0);
		expect(output).toEqual([
			{ json: conferenceJson(room, { status: 'completed' }), pairedItem: paired(0) },
		]);
	});

	it('plays an announcement to everybody, and the conference goes on', async () => {
		const room = conference();
		const { output, request } = await run({
			operation: 'update',
			conferenceSid: room.sid,
			updateFields: {
				endConference: false,
				announceUrl: 'https://example.com/announce.xml',
				announceMethod: 'GET',
			},
		});
		// "End Conference" off sends no Status at all.
		expect(request.body).toEqual({
			AnnounceUrl: 'https://example.com/announce.xml',
			AnnounceMethod: 'GET',
		});
		expect(room.announcements).toEqual([
			{ url: 'https://example.com/announce.xml', method: 'GET' },
		]);
		expect(output).toEqual([{ json: conferenceJson(room), pairedItem: paired(0) }]);
	});
});

describe('the credential’s Project ID', () => {
	it('enters the path through the segment builder: one that would lead elsewhere sends nothing', async () => {
		const room = conference();
		const error = await failure(
			runSignalWire(
				sandbox,
				{ resource: 'conference', operation: 'get', conferenceSid: room.sid },
				{ credentials: { projectId: '../../Accounts/a1b2c3d4' } },
			),
		);
		expect(error.message).toMatch(/^The SignalWire API credential cannot be used: .*‘Project ID’/);
		expect(sandbox.requests).toEqual([]);
	});
});
