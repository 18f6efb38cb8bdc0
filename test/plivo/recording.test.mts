/**
 * Every Recording operation through n8n-core's RoutingNode against the sandbox: the exact request
 * that arrived and the items the node returned; recordings made by the Call operations, then
 * listed, fetched and deleted; every list filter and the search-window rules; Return All and
 * Limit across pages; the recording list search; bad input.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { parseMp3, parseWav } from '../harness/audio.mts';
import { everythingIn, failure, locator, paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import {
	accountPath,
	callPlivoApi,
	runOneRequest,
	runPlivoVoice,
	searchPlivoVoice,
} from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { RecordingRecord } from '../sandbox/plivo/recordings.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const fromList = (id: string) => locator(id);
const byId = (id: string) => locator(id, 'id');

const run = (parameters: INodeParameters) =>
	runOneRequest(sandbox, { resource: 'recording', ...parameters });

/** A finished 30-second recording, added `ageMs` ago (one hour by default). */
function finishedRecording(source: Partial<RecordingRecord> = {}, ageMs = HOUR): RecordingRecord {
	const { core, recordings } = sandbox.state;
	core.clockOffsetMs = -ageMs;
	const record = recordings.start({
		recording_type: 'normal',
		call_uuid: `call-${recordings.items.length + 1}`,
		from_number: '14155550100',
		to_number: '14155550111',
		...source,
	});
	core.clockOffsetMs = -ageMs + 30_000;
	recordings.stop(record);
	core.clockOffsetMs = 0;
	return record;
}

/** UTC `YYYY-MM-DD HH:MM:SS`, as the node sends times to Plivo. */
function plivoUtc(date: Date): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

const refused = (parameters: INodeParameters) =>
	failure(runPlivoVoice(sandbox, { resource: 'recording', ...parameters }));

describe('Recording › made by the Call operations, then listed, fetched and deleted', () => {
	it('start and stop a call recording → list it → get it → delete it', async () => {
		const made = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'create',
			from: '14155550100',
			to: '14155550123',
			answerUrl: 'https://example.com/answer',
		});
		const [call] = sandbox.state.calls.calls.values();
		expect(made[0].json.request_uuid).toBe(call.request_uuid);
		const started = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'startRecording',
			callUuid: call.call_uuid,
			additionalFields: { fileFormat: 'wav' },
		});
		const recordingId = started[0].json.recording_id as string;

		// Until it is stopped the recording has no file: the account does not list it yet.
		expect((await run({ operation: 'getMany', returnAll: true })).output).toEqual([]);

		sandbox.state.core.clockOffsetMs = 42_000;
		await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'stopRecording',
			callUuid: call.call_uuid,
		});

		const listed = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { callUuid: call.call_uuid },
		});
		expect(listed.output.map((item) => item.json.recording_id)).toEqual([recordingId]);

		const fetched = await run({ operation: 'get', recordingId: fromList(recordingId) });
		expect(fetched.output[0].json).toMatchObject({
			recording_id: recordingId,
			recording_url: started[0].json.url,
			recording_format: 'wav',
			recording_type: 'normal',
			call_uuid: call.call_uuid,
			conference_name: null,
		});
		expect(Number(fetched.output[0].json.recording_duration_ms)).toBeGreaterThanOrEqual(42_000);

		const deleted = await run({ operation: 'delete', recordingId: fromList(recordingId) });
		expect(deleted.output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		const gone = await refused({ operation: 'get', recordingId: byId(recordingId) });
		expect((gone as NodeApiError).httpCode).toBe('404');
		expect((await run({ operation: 'getMany', returnAll: true })).output).toEqual([]);
	});

	it('lists conference recordings made through the Conference operations', async () => {
		sandbox.state.conferences.join('Standup', { from: '14155550100', to: '14155550199' });
		const conferenceName = { __rl: true, mode: 'name', value: 'Standup' };
		await runPlivoVoice(sandbox, {
			resource: 'conference',
			operation: 'startRecording',
			conferenceName,
		});
		await runPlivoVoice(sandbox, {
			resource: 'conference',
			operation: 'stopRecording',
			conferenceName,
		});
		const { output } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { conferenceName: 'Standup' },
		});
		expect(output).toEqual([
			{
				json: expect.objectContaining({
					recording_type: 'conference',
					conference_name: 'Standup',
					call_uuid: null,
				}),
				pairedItem: paired(0),
			},
		]);
	});
});

describe('Recording › Get', () => {
	it('gets a recording with the fields the reference documents', async () => {
		const record = finishedRecording({}, 3 * DAY);
		const { output, request } = await run({
			operation: 'get',
			recordingId: byId(` ${record.recording_id} `),
		});
		expectRequest(sandbox, request, 'GET', `/Recording/${record.recording_id}/`);
		expect(request.query).toEqual({});
		expect(record.recording_duration_ms! - 30_000).toBeGreaterThanOrEqual(0);
		expect(record.recording_duration_ms! - 30_000).toBeLessThan(1_000);
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					add_time: `${plivoUtc(record.add_time)}+00:00`,
					call_uuid: record.call_uuid,
					conference_name: null,
					from_number: '14155550100',
					monthly_recording_storage_amount: '0.00000',
					// 30 s of sandbox time, plus the real milliseconds between its start and stop.
					recording_duration_ms: `${record.recording_duration_ms}.00000`,
					recording_end_ms: `${record.recording_end_ms}.00000`,
					recording_format: 'mp3',
					recording_id: record.recording_id,
					recording_start_ms: `${record.recording_start_ms}.00000`,
					// Day 1 is the day it was added: three days later it is stored for its 4th day.
					recording_storage_duration: 4,
					recording_storage_rate: '0.0004',
					recording_type: 'normal',
					recording_url: record.recording_url,
					resource_uri: `${accountPath(sandbox)}/Recording/${record.recording_id}/`,
					rounded_recording_duration: 60,
					to_number: '14155550111',
				},
				pairedItem: paired(0),
			},
		]);
	});

	it('reports Plivo’s 404 for an unknown recording', async () => {
		const error = await refused({ operation: 'get', recordingId: byId('no-such-recording') });
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(error.message).toBe('recording not found');
	});
});

describe('Recording › Delete', () => {
	it('deletes a recording', async () => {
		const [kept, removed] = [finishedRecording(), finishedRecording()];
		const { output, request } = await run({
			operation: 'delete',
			recordingId: byId(removed.recording_id),
		});
		expectRequest(sandbox, request, 'DELETE', `/Recording/${removed.recording_id}/`);
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(sandbox.state.recordings.items).toEqual([kept]);
	});

	it('reports Plivo’s 404 for a recording that is not there', async () => {
		const error = await refused({ operation: 'delete', recordingId: byId('no-such-recording') });
		expect((error as NodeApiError).httpCode).toBe('404');
	});
});

describe('Recording › Get Many', () => {
	it('filters by the call: numbers, subaccount and call UUID, sent under Plivo’s names', async () => {
		const match = finishedRecording({
			from_number: '+14155550100',
			to_number: 'sip:alice@phone.plivo.com',
			subaccount: 'SA0000000000000000001',
			call_uuid: 'call-match',
		});
		finishedRecording({
			from_number: '14155550100',
			to_number: 'sip:alice@phone.plivo.com',
			subaccount: 'SA0000000000000000002',
			call_uuid: 'call-match',
		});
		finishedRecording({
			from_number: '14155550199',
			to_number: 'sip:alice@phone.plivo.com',
			subaccount: 'SA0000000000000000001',
			call_uuid: 'call-match',
		});

		const { output, request } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: {
				// Written the way people write numbers; sent the way Plivo stores them.
				fromNumber: '+1 (415) 555-0100',
				toNumber: 'sip:alice@phone.plivo.com',
				subaccount: 'SA0000000000000000001',
				callUuid: 'call-match',
			},
		});
		expectRequest(sandbox, request, 'GET', '/Recording/');
		expect(request.query).toEqual({
			from_number: '+14155550100',
			to_number: 'sip:alice@phone.plivo.com',
			subaccount: 'SA0000000000000000001',
			call_uuid: 'call-match',
			limit: '20',
			offset: '0',
		});
		expect(output).toEqual([
			{ json: sandbox.state.recordings.toResource(match), pairedItem: paired(0) },
		]);
	});

	it('filters by conference and by multiparty call', async () => {
		const conference = finishedRecording({
			recording_type: 'conference',
			call_uuid: null,
			conference_name: 'Standup',
			conference_uuid: 'conf-1',
		});
		finishedRecording({
			recording_type: 'conference',
			call_uuid: null,
			conference_name: 'Standup',
			conference_uuid: 'conf-2',
		});
		const mpc = finishedRecording({
			recording_type: 'mpc',
			call_uuid: null,
			mpc_name: 'Dialer',
			mpc_uuid: 'mpc-1',
		});
		finishedRecording({
			recording_type: 'mpc',
			call_uuid: null,
			mpc_name: 'Dialer',
			mpc_uuid: 'mpc-2',
		});

		const byConference = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { conferenceName: 'Standup', conferenceUuid: 'conf-1' },
		});
		expect(byConference.request.query).toEqual({
			conference_name: 'Standup',
			conference_uuid: 'conf-1',
			limit: '20',
			offset: '0',
		});
		expect(byConference.output.map((item) => item.json.recording_id)).toEqual([
			conference.recording_id,
		]);

		const byMpc = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { mpcName: 'Dialer', mpcUuid: 'mpc-1' },
		});
		expect(byMpc.request.query).toEqual({
			mpc_name: 'Dialer',
			mpc_uuid: 'mpc-1',
			limit: '20',
			offset: '0',
		});
		expect(byMpc.output.map((item) => item.json.recording_id)).toEqual([mpc.recording_id]);
	});

	it('filters by when recordings were added, sending the times in UTC', async () => {
		const now = sandbox.state.core.now();
		const inRange = finishedRecording({}, 2 * DAY);
		finishedRecording({}, 6 * DAY);
		finishedRecording({}, HOUR);
		const at = (ago: number) => new Date(now.getTime() - ago);

		const { output, request } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: {
				addTimeGt: at(5 * DAY).toISOString(),
				addTimeGte: at(4 * DAY).toISOString(),
				addTimeLt: at(DAY).toISOString(),
				// A time with an offset is sent in UTC.
				addTimeLte: `${new Date(at(DAY).getTime() + 2 * HOUR).toISOString().slice(0, 19)}+02:00`,
			},
		});
		expect(request.query).toEqual({
			add_time__gt: plivoUtc(at(5 * DAY)),
			add_time__gte: plivoUtc(at(4 * DAY)),
			add_time__lt: plivoUtc(at(DAY)),
			add_time__lte: plivoUtc(at(DAY)),
			limit: '20',
			offset: '0',
		});
		expect(output.map((item) => item.json.recording_id)).toEqual([inRange.recording_id]);
	});

	it('lists the last 7 days when no time filter is given, newest first', async () => {
		const recent = [finishedRecording({}, 6 * DAY), finishedRecording({}, HOUR)];
		const older = finishedRecording({}, 8 * DAY);
		const { output } = await run({ operation: 'getMany', returnAll: true });
		expect(output.map((item) => item.json.recording_id)).toEqual([
			recent[1].recording_id,
			recent[0].recording_id,
		]);

		const since = new Date(sandbox.state.core.now().getTime() - 9 * DAY).toISOString();
		const widened = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { addTimeGte: since },
		});
		expect(widened.output.map((item) => item.json.recording_id)).toContain(older.recording_id);
	});

	it('filters by storage days, which reach past the 7-day window', async () => {
		const days40 = finishedRecording({}, 40 * DAY + HOUR);
		finishedRecording({}, 100 * DAY + HOUR);
		finishedRecording({}, HOUR);

		const ranged = await run({
			operation: 'getMany',
			returnAll: true,
			filters: {
				recordingStorageDurationGt: 30,
				recordingStorageDurationGte: 31,
				recordingStorageDurationLt: 60,
				recordingStorageDurationLte: 59,
			},
		});
		expect(ranged.request.query).toEqual({
			recording_storage_duration__gt: '30',
			recording_storage_duration__gte: '31',
			recording_storage_duration__lt: '60',
			recording_storage_duration__lte: '59',
			limit: '20',
			offset: '0',
		});
		expect(ranged.output.map((item) => item.json.recording_id)).toEqual([days40.recording_id]);
		expect(ranged.output[0].json.recording_storage_duration).toBe(41);

		const exact = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { recordingStorageDuration: 41 },
		});
		expect(exact.request.query).toEqual({
			recording_storage_duration: '41',
			limit: '20',
			offset: '0',
		});
		expect(exact.output.map((item) => item.json.recording_id)).toEqual([days40.recording_id]);
	});

	it('Return All walks every page of 20', async () => {
		for (let index = 0; index < 45; index++) finishedRecording({}, HOUR + index * 60_000);
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(sandbox, {
			resource: 'recording',
			operation: 'getMany',
			returnAll: true,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '20', offset: '20' },
			{ limit: '20', offset: '40' },
		]);
		expect(output.map((item) => item.json.recording_id)).toEqual(
			sandbox.state.recordings.items.map((record) => record.recording_id),
		);
		expect(output.map((item) => item.pairedItem)).toEqual(output.map(() => paired(0)));
	});

	it('Limit stops across a page boundary and asks only for what it needs', async () => {
		for (let index = 0; index < 45; index++) finishedRecording({}, HOUR + index * 60_000);
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(sandbox, {
			resource: 'recording',
			operation: 'getMany',
			returnAll: false,
			limit: 25,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '5', offset: '20' },
		]);
		expect(output.map((item) => item.json.recording_id)).toEqual(
			sandbox.state.recordings.items.slice(0, 25).map((record) => record.recording_id),
		);
	});
});

describe('Recording › list search', () => {
	it('offers recordings a page at a time, named by when and what was recorded', async () => {
		const records = Array.from({ length: 22 }, (_, index) =>
			index === 5
				? finishedRecording(
						{ recording_type: 'conference', call_uuid: null, conference_name: 'Board Meeting' },
						HOUR + index * 60_000,
					)
				: finishedRecording({}, HOUR + index * 60_000),
		);
		const first = await searchPlivoVoice(sandbox, 'searchRecordings');
		expect(first.results).toHaveLength(20);
		expect(first.paginationToken).toBe('20');
		expect(first.results[0]).toEqual({
			name: `${plivoUtc(records[0].add_time).slice(0, 16)} · Call ${records[0].call_uuid} · 30 s`,
			value: records[0].recording_id,
			url: records[0].recording_url,
		});
		const second = await searchPlivoVoice(sandbox, 'searchRecordings', {
			paginationToken: first.paginationToken,
		});
		expect(second.results.map((item) => item.value)).toEqual(
			records.slice(20).map((record) => record.recording_id),
		);
		expect(second.paginationToken).toBeUndefined();
		expect(sandbox.requests.map((request) => [request.path, request.query])).toEqual([
			[`${accountPath(sandbox)}/Recording/`, { limit: '20', offset: '0' }],
			[`${accountPath(sandbox)}/Recording/`, { limit: '20', offset: '20' }],
		]);

		const filtered = await searchPlivoVoice(sandbox, 'searchRecordings', { filter: 'board' });
		expect(filtered.results).toEqual([
			{
				name: `${plivoUtc(records[5].add_time).slice(0, 16)} · Conference Board Meeting · 30 s`,
				value: records[5].recording_id,
				url: records[5].recording_url,
			},
		]);
	});
});

describe('Recording › bad input is refused before sending', () => {
	const now = Date.now();
	const iso = (ago: number) => new Date(now - ago).toISOString();
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'an empty recording',
			{ operation: 'get', recordingId: fromList('') },
			/‘Recording’ field is empty/,
		],
		[
			'a recording that resolves to nothing',
			{ operation: 'delete', recordingId: byId('={{ $json.id }}') },
			/‘Recording’ field is empty/,
		],
		[
			'a From Number that is not a number',
			{ operation: 'getMany', returnAll: true, filters: { fromNumber: 'reception' } },
			/‘reception’ in the ‘From Number’ field is not a phone number with country code .* or a SIP URI/,
		],
		[
			'a To Number that is too short',
			{ operation: 'getMany', returnAll: true, filters: { toNumber: '555-01' } },
			/‘555-01’ in the ‘To Number’ field/,
		],
		[
			'storage days together with a time filter',
			{
				operation: 'getMany',
				returnAll: true,
				filters: { recordingStorageDurationGt: 3, addTimeGt: iso(DAY) },
			},
			/‘Storage Days’ filters cannot be combined with the ‘Added’ filters/,
		],
		[
			'a time range of more than 30 days',
			{
				operation: 'getMany',
				returnAll: true,
				filters: { addTimeGte: iso(45 * DAY), addTimeLt: iso(DAY) },
			},
			/‘Added’ filters span 44 days; Plivo searches at most 30 days at a time/,
		],
		[
			'a storage range of more than 30 days',
			{
				operation: 'getMany',
				returnAll: true,
				filters: { recordingStorageDurationGt: 10, recordingStorageDurationLt: 50 },
			},
			/‘Storage Days’ filters span 40 days/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(sandbox, { resource: 'recording', ...parameters }, message);
	});
});

describe('Recording › the sandbox answers as the reference says', () => {
	const list = (query: Record<string, string>) =>
		callPlivoApi(sandbox, 'GET', `/Recording/?${new URLSearchParams(query).toString()}`);

	it('refuses storage days combined with add_time', async () => {
		const { status, body } = await list({
			recording_storage_duration__gt: '1',
			add_time__gt: '2026-01-01 00:00',
		});
		expect(status).toBe(400);
		expect(body.error).toBe('recording_storage_duration cannot be used with add_time');
	});

	it('refuses an add_time range of more than 30 days', async () => {
		const { status, body } = await list({
			add_time__gte: '2026-01-01 00:00',
			add_time__lte: '2026-02-15 00:00:00.5',
		});
		expect(status).toBe(400);
		expect(body.error).toBe('the add_time range cannot be more than 30 days');
	});

	it('refuses a time that is not YYYY-MM-DD HH:MM[:ss[.uuuuuu]], and unknown arguments', async () => {
		expect((await list({ add_time__gt: '2026-01-01T00:00:00Z' })).status).toBe(400);
		expect((await list({ recording_type: 'conference' })).body.error).toBe(
			'unexpected argument: recording_type',
		);
	});

	it('does not list or return a recording still in progress', async () => {
		const active = sandbox.state.recordings.start({
			recording_type: 'normal',
			call_uuid: 'call-1',
		});
		expect((await list({})).body.objects).toEqual([]);
		expect((await callPlivoApi(sandbox, 'GET', `/Recording/${active.recording_id}/`)).status).toBe(
			404,
		);
	});
});

describe('Recording › Download', () => {
	const audioOf = (item: { binary?: Record<string, { data: string }> }, field = 'data') =>
		Buffer.from(item.binary![field].data, 'base64');

	it('downloads a recording by ID: its details from the API, its audio from the media host, with no credential there', async () => {
		const record = finishedRecording({}, HOUR);
		record.recording_format = 'wav';
		record.recording_url = record.recording_url.replace(/\.mp3$/, '.wav');
		sandbox.media.clearRequests();
		const { output, request } = await run({
			operation: 'download',
			recordingId: byId(record.recording_id),
			binaryPropertyName: 'audio',
		});
		expectRequest(sandbox, request, 'GET', `/Recording/${record.recording_id}/`);
		const [media] = sandbox.media.requests;
		expect(sandbox.media.requests).toHaveLength(1);
		expect(`${sandbox.media.url}${media.path}`).toBe(record.recording_url);
		// Plivo's media host is not the API: the account's credential stays with the API.
		expect(media.headers.authorization).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			recording_id: record.recording_id,
			recording_url: record.recording_url,
			file_name: `${record.recording_id}.wav`,
			mime_type: 'audio/wav',
			duration: 30,
		});
		expect(output[0].binary!.audio).toMatchObject({
			fileName: `${record.recording_id}.wav`,
			mimeType: 'audio/wav',
			fileExtension: 'wav',
		});
		const wav = parseWav(audioOf(output[0] as never, 'audio'));
		expect(wav).toMatchObject({ channels: 1, sampleRate: 8000, bitsPerSample: 16 });
		expect(wav.durationMs).toBe(30_000);
		expect(output[0].pairedItem).toEqual(paired(0));
	});

	it('downloads by the URL a recording callback gives, without asking the API', async () => {
		const record = finishedRecording({}, HOUR);
		sandbox.media.clearRequests();
		sandbox.server.clearRequests();
		const items = await runPlivoVoice(sandbox, {
			resource: 'recording',
			operation: 'download',
			source: 'url',
			recordingUrl: record.recording_url,
		});
		expect(sandbox.server.requests).toEqual([]);
		expect(sandbox.media.requests.at(-1)!.headers.authorization).toBeUndefined();
		expect(items[0].json).toEqual({
			recording_url: record.recording_url,
			file_name: `${record.recording_id}.mp3`,
			mime_type: 'audio/mpeg',
		});
		const mp3 = parseMp3(audioOf(items[0] as never));
		expect(mp3.sampleRate).toBe(44100);
		// Whole frames of 1152 samples: within one frame of the recording's 30 seconds.
		expect(Math.abs(mp3.durationMs - 30_000)).toBeLessThan(27);
	});

	it('never sends the credential along a redirect: a URL on the API’s host that redirects is refused', async () => {
		const record = finishedRecording({}, HOUR);
		sandbox.media.clearRequests();
		sandbox.server.injectFault({
			status: 302,
			pathIncludes: '/moved.mp3',
			headers: { Location: record.recording_url },
			body: '',
		});
		const error = await refused({
			operation: 'download',
			source: 'url',
			recordingUrl: `${sandbox.url}/moved.mp3`,
		});
		expect(error.message).toMatch(/answered HTTP 302/);
		// On the API's own host the credential was sent; the redirect was not followed.
		expect(sandbox.server.requests.at(-1)!.auth?.username).toBe(sandbox.account.authId);
		expect(sandbox.media.requests).toEqual([]);
		expect(everythingIn(error)).not.toContain(sandbox.account.authToken);
	});

	it('reports a recording the media host does not have, and refuses a URL that is not one', async () => {
		const missing = await refused({
			operation: 'download',
			source: 'url',
			recordingUrl: `${sandbox.media.url}/v1/Account/${sandbox.account.authId}/Recording/gone.mp3`,
		});
		expect(missing.message).toMatch(/answered HTTP 404/);
		const notUrl = await refused({
			operation: 'download',
			source: 'url',
			recordingUrl: 'recording.mp3',
		});
		expect(notUrl.message).toBe(
			'‘recording.mp3’ in the ‘Recording URL’ field is not a full URL starting with http:// or https://.',
		);
		const unknown = await refused({
			operation: 'download',
			recordingId: byId('no-such-recording'),
		});
		expect((unknown as NodeApiError).httpCode).toBe('404');
	});

	it('with Continue On Fail, a failed download is an error item paired with its input', async () => {
		const record = finishedRecording({}, HOUR);
		const items = await runPlivoVoice(
			sandbox,
			{
				resource: 'recording',
				operation: 'download',
				source: 'url',
				recordingUrl: '={{ $json.url }}',
			},
			{
				continueOnFail: true,
				items: [
					{
						json: {
							url: `${sandbox.media.url}/v1/Account/${sandbox.account.authId}/Recording/gone.mp3`,
						},
					},
					{ json: { url: record.recording_url } },
				],
			},
		);
		expect(items.map((item) => item.pairedItem)).toEqual([paired(0), paired(1)]);
		expect(items[0].json.error).toMatch(/HTTP 404/);
		expect(items[1].json.file_name).toBe(`${record.recording_id}.mp3`);
	});
});
