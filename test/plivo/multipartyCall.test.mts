/**
 * Every Multiparty Call operation through n8n-core's RoutingNode against the sandbox: the exact
 * request that arrived (method, path, query, JSON body, Basic auth) and the items the node
 * returned; the MPC field in its three modes, the list search behind "From List", and the MPC
 * list's filters and pages.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { failure, locator, paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { mpcWith } from '../harness/mpc.mts';
import {
	accountPath,
	basicAuthHeader,
	runOneRequest,
	runPlivoVoice,
	searchPlivoVoice,
} from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

const success = [{ json: { success: true }, pairedItem: paired(0) }];

/** The keys of an MPC object in the reference's list example (seed 002). */
const MPC_KEYS = [
	'billed_amount',
	'billed_duration',
	'creation_time',
	'duration',
	'end_time',
	'friendly_name',
	'mpc_uuid',
	'participants',
	'recording',
	'resource_uri',
	'start_time',
	'status',
	'stay_alone',
	'sub_account',
	'termination_cause',
	'termination_cause_code',
].sort();

async function run(parameters: INodeParameters) {
	return await runOneRequest(sandbox, { resource: 'multipartyCall', ...parameters });
}

describe('Multiparty Call › Start', () => {
	it('activates an initialized MPC by name with {status: "active"}', async () => {
		const { mpc } = mpcWith(sandbox, 'sales_floor', ['agent', 'customer'], {
			start_mpc_on_enter: false,
		});
		expect(mpc.status).toBe('Initialized');
		const { output, request } = await run({
			operation: 'start',
			mpc: locator('sales_floor', 'name'),
		});
		expectRequest(sandbox, request, 'POST', '/MultiPartyCall/name_sales_floor/');
		expect(request.query).toEqual({});
		expect(request.body).toEqual({ status: 'active' });
		expect(request.status).toBe(204);
		expect(output).toEqual(success);
		expect(mpc.status).toBe('Active');
		expect(mpc.started_at).toBeInstanceOf(Date);
	});

	it('addresses the MPC by UUID, and URL-encodes a name with spaces', async () => {
		const { mpc } = mpcWith(sandbox, 'queue 7+b', ['agent'], { start_mpc_on_enter: false });
		const byUuid = await run({ operation: 'start', mpc: locator(mpc.mpc_uuid, 'uuid') });
		expect(byUuid.request.path).toBe(
			`${accountPath(sandbox)}/MultiPartyCall/uuid_${mpc.mpc_uuid}/`,
		);
		expect(mpc.status).toBe('Active');
		const byName = await run({ operation: 'get', mpc: locator(' queue 7+b ', 'name') });
		expect(byName.request.path).toBe(`${accountPath(sandbox)}/MultiPartyCall/name_queue%207%2Bb/`);
		expect(byName.output[0].json.mpc_uuid).toBe(mpc.mpc_uuid);
	});

	it('reports Plivo’s 404 for an MPC that has already started', async () => {
		mpcWith(sandbox, 'sales_floor', ['agent']);
		const error = await failure(run({ operation: 'start', mpc: locator('sales_floor', 'name') }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(error.message).toBe('no initialized MPC with this name or UUID');
	});
});

describe('Multiparty Call › Get', () => {
	it('gets a live MPC by name, with the fields of the reference', async () => {
		const { mpc } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		const { output, request } = await run({ operation: 'get', mpc: locator('support_42', 'name') });
		expectRequest(sandbox, request, 'GET', '/MultiPartyCall/name_support_42/');
		expect(request.query).toEqual({});
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					billed_amount: null,
					billed_duration: null,
					creation_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/),
					duration: null,
					end_time: null,
					friendly_name: 'support_42',
					mpc_uuid: mpc.mpc_uuid,
					participants: `${accountPath(sandbox)}/MultiPartyCall/name_support_42/Participant/`,
					recording: 'not-recording',
					resource_uri: `${accountPath(sandbox)}/MultiPartyCall/name_support_42/`,
					start_time: expect.stringMatching(/\+00:00$/),
					status: 'Active',
					stay_alone: false,
					sub_account: null,
					termination_cause: null,
					termination_cause_code: null,
				},
				pairedItem: paired(0),
			},
		]);
	});

	it('finds an ended MPC by UUID only, as the reference says', async () => {
		const { mpc } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		sandbox.state.mpcs.end(mpc, { cause: 'Hangup API Triggered', code: 3000 });
		const { output } = await run({ operation: 'get', mpc: locator(mpc.mpc_uuid, 'uuid') });
		expect(output[0].json).toMatchObject({
			status: 'Ended',
			termination_cause: 'Hangup API Triggered',
			termination_cause_code: 3000,
			recording: null,
			billed_duration: 120,
			billed_amount: '0.10000',
			resource_uri: `${accountPath(sandbox)}/MultiPartyCall/uuid_${mpc.mpc_uuid}/`,
		});
		const error = await failure(run({ operation: 'get', mpc: locator('support_42', 'name') }));
		expect((error as NodeApiError).httpCode).toBe('404');
	});

	it('addresses an MPC picked from the list by its UUID', async () => {
		const { mpc } = mpcWith(sandbox, 'support_42', ['agent']);
		const { request } = await run({ operation: 'get', mpc: locator(mpc.mpc_uuid, 'list') });
		expect(request.path).toBe(`${accountPath(sandbox)}/MultiPartyCall/uuid_${mpc.mpc_uuid}/`);
	});
});

describe('Multiparty Call › Get Many', () => {
	it('sends every filter with Plivo’s exact names, double underscores included', async () => {
		const { mpc: match } = mpcWith(sandbox, 'night_shift', ['agent', 'customer']);
		sandbox.state.mpcs.end(match, { cause: 'Hangup API Triggered', code: 3000 });
		const { mpc: otherName } = mpcWith(sandbox, 'day_shift', ['agent', 'customer']);
		sandbox.state.mpcs.end(otherName, { cause: 'Hangup API Triggered', code: 3000 });
		mpcWith(sandbox, 'night_shift', ['agent']);
		const now = sandbox.state.core.now().getTime();
		const utc = (offset: number) =>
			new Date(now + offset).toISOString().slice(0, 19).replace('T', ' ');

		const { output, request } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: {
				friendlyName: 'night_shift',
				status: 'ended',
				terminationCauseCode: 3000,
				creationTimeGt: new Date(now - 3_600_000).toISOString(),
				creationTimeGte: new Date(now - 3_500_000).toISOString(),
				creationTimeLt: new Date(now + 3_500_000).toISOString(),
				creationTimeLte: new Date(now + 3_600_000).toISOString(),
				endTimeGt: new Date(now - 7_200_000).toISOString(),
				endTimeGte: new Date(now - 7_100_000).toISOString(),
				endTimeLt: new Date(now + 7_100_000).toISOString(),
				endTimeLte: new Date(now + 7_200_000).toISOString(),
			},
		});

		expectRequest(sandbox, request, 'GET', '/MultiPartyCall/');
		expect(request.query).toEqual({
			friendly_name: 'night_shift',
			status: 'ended',
			termination_cause_code: '3000',
			creation_time__gt: utc(-3_600_000),
			creation_time__gte: utc(-3_500_000),
			creation_time__lt: utc(3_500_000),
			creation_time__lte: utc(3_600_000),
			end_time__gt: utc(-7_200_000),
			end_time__gte: utc(-7_100_000),
			end_time__lt: utc(7_100_000),
			end_time__lte: utc(7_200_000),
			limit: '20',
			offset: '0',
		});
		expect(output).toEqual([{ json: sandbox.state.mpcs.toResource(match), pairedItem: paired(0) }]);
		expect(Object.keys(output[0].json).sort()).toEqual(MPC_KEYS);
		expect((request.responseBody as { meta: unknown }).meta).toEqual({
			count: 1,
			limit: 20,
			offset: 0,
			next: null,
			previous: null,
		});
	});

	it('Return All walks every page, newest first', async () => {
		const created = Array.from({ length: 45 }, (_, index) => {
			sandbox.state.core.clockOffsetMs = index * 1000;
			return mpcWith(sandbox, `mpc_${index}`, ['agent']).mpc;
		});
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(sandbox, {
			resource: 'multipartyCall',
			operation: 'getMany',
			returnAll: true,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '20', offset: '20' },
			{ limit: '20', offset: '40' },
		]);
		expect(
			sandbox.requests.map(
				(request) => (request.responseBody as { meta: { count: number } }).meta.count,
			),
		).toEqual([45, 45, 45]);
		expect(output.map((item) => item.json.mpc_uuid)).toEqual(
			created.reverse().map((mpc) => mpc.mpc_uuid),
		);
		expect(output.map((item) => item.pairedItem)).toEqual(output.map(() => paired(0)));
	});

	it('Limit asks only for what it needs', async () => {
		for (let index = 0; index < 30; index++) mpcWith(sandbox, `mpc_${index}`, ['agent']);
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(sandbox, {
			resource: 'multipartyCall',
			operation: 'getMany',
			returnAll: false,
			limit: 23,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '3', offset: '20' },
		]);
		expect(output).toHaveLength(23);
	});

	it('lists, without an end time filter, live MPCs and those that ended in the last 7 days', async () => {
		const { mpc: old } = mpcWith(sandbox, 'last_month', ['agent']);
		sandbox.state.mpcs.end(
			old,
			{ cause: 'Hangup API Triggered', code: 3000 },
			new Date(Date.now() - 8 * 86_400_000),
		);
		const { mpc: live } = mpcWith(sandbox, 'today', ['agent']);
		const { output } = await run({ operation: 'getMany', returnAll: true });
		expect(output.map((item) => item.json.mpc_uuid)).toEqual([live.mpc_uuid]);
	});
});

describe('Multiparty Call › End', () => {
	it('ends a live MPC; participants added by the API are hung up with cause 4020', async () => {
		const { mpc, participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		const { output, request } = await run({ operation: 'end', mpc: locator('support_42', 'name') });
		expectRequest(sandbox, request, 'DELETE', '/MultiPartyCall/name_support_42/');
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual(success);
		expect(mpc).toMatchObject({
			status: 'Ended',
			termination_cause: 'Hangup API Triggered',
			termination_cause_code: 3000,
		});
		for (const participant of participants) {
			expect(participant.exit_cause).toBe('Multiparty Call Ended');
			expect(participant.call).toMatchObject({
				status: 'completed',
				hangup_cause_name: 'Multiparty Call Ended',
				hangup_cause_code: 4020,
				hangup_source: 'API Request',
			});
		}
	});

	it('keeps the call of a participant with an on-exit action URL', async () => {
		const { mpc, participants } = mpcWith(sandbox, 'support_42', ['agent'], {
			on_exit_action_url: 'https://example.com/after',
		});
		await run({ operation: 'end', mpc: locator(mpc.mpc_uuid, 'uuid') });
		expect(participants[0].call.status).toBe('in-progress');
	});
});

describe('Multiparty Call › recording', () => {
	it('starts, pauses, resumes and stops recording the MPC', async () => {
		const { mpc } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		const support = locator('support_42', 'name');

		const started = await run({
			operation: 'startRecording',
			mpc: support,
			additionalFields: {
				fileFormat: 'wav',
				recordingCallbackUrl: 'https://example.com/recording',
				recordingCallbackMethod: 'GET',
			},
		});
		expectRequest(sandbox, started.request, 'POST', '/MultiPartyCall/name_support_42/Record/');
		expect(started.request.body).toEqual({
			file_format: 'wav',
			recording_callback_url: 'https://example.com/recording',
			recording_callback_method: 'GET',
		});
		const [recording] = sandbox.state.recordings.items;
		expect(recording).toMatchObject({
			recording_type: 'mpc',
			mpc_name: 'support_42',
			mpc_uuid: mpc.mpc_uuid,
			recording_format: 'wav',
			active: true,
		});
		expect(started.output).toEqual([
			{
				json: {
					api_id: apiId,
					message: 'MPC: support_42 record started',
					recording_id: recording.recording_id,
					recording_url: recording.recording_url,
				},
				pairedItem: paired(0),
			},
		]);

		const paused = await run({ operation: 'pauseRecording', mpc: support });
		expectRequest(sandbox, paused.request, 'POST', '/MultiPartyCall/name_support_42/Record/Pause/');
		expect(paused.request.query).toEqual({});
		expect(paused.request.rawBody).toBe('');
		expect(paused.request.status).toBe(204);
		expect(paused.output).toEqual(success);
		expect(sandbox.state.mpcs.toResource(mpc).recording).toBe('paused');

		const resumed = await run({ operation: 'resumeRecording', mpc: support });
		expectRequest(
			sandbox,
			resumed.request,
			'POST',
			'/MultiPartyCall/name_support_42/Record/Resume/',
		);
		expect(resumed.request.rawBody).toBe('');
		expect(resumed.output).toEqual(success);
		expect(sandbox.state.mpcs.toResource(mpc).recording).toBe('recording');

		const stopped = await run({ operation: 'stopRecording', mpc: support });
		expectRequest(sandbox, stopped.request, 'DELETE', '/MultiPartyCall/name_support_42/Record/');
		expect(stopped.request.query).toEqual({});
		expect(stopped.output).toEqual(success);
		expect(recording.active).toBe(false);
		expect(sandbox.state.mpcs.toResource(mpc).recording).toBe('not-recording');

		await sandbox.state.callbacks.idle();
		expect(
			sandbox.state.callbacks.delivered.map((callback) => [
				callback.method,
				callback.params.EventName,
			]),
		).toEqual([
			['GET', 'MPCRecordingInitiated'],
			['GET', 'MPCRecordingPaused'],
			['GET', 'MPCRecordingResumed'],
			['GET', 'MPCRecordingCompleted'],
		]);
		expect(sandbox.state.callbacks.delivered[3].params).toMatchObject({
			MPCName: 'support_42',
			MPCUUID: mpc.mpc_uuid,
			RecordingUUID: recording.recording_id,
			RecordingURL: recording.recording_url,
			RecordingFormat: 'wav',
		});
	});

	it('sends only the MPC when nothing else is set', async () => {
		mpcWith(sandbox, 'support_42', ['agent']);
		const { request } = await run({
			operation: 'startRecording',
			mpc: locator('support_42', 'name'),
			additionalFields: {},
		});
		expect(request.rawBody).toBe('');
	});

	it('reports pausing a recording that is not running as Plivo answers it', async () => {
		mpcWith(sandbox, 'support_42', ['agent']);
		const error = await failure(
			run({ operation: 'pauseRecording', mpc: locator('support_42', 'name') }),
		);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error.message).toBe('MPC: support_42 has no recording in progress');
	});
});

describe('Multiparty Call › From List', () => {
	it('offers the live MPCs by name, with their UUID as value, and filters by name', async () => {
		const { mpc: ended } = mpcWith(sandbox, 'support_old', ['agent']);
		sandbox.state.mpcs.end(ended, { cause: 'Hangup API Triggered', code: 3000 });
		const { mpc: waiting } = mpcWith(sandbox, 'support_waiting', ['agent'], {
			start_mpc_on_enter: false,
		});
		const { mpc: active } = mpcWith(sandbox, 'sales_live', ['agent']);

		const all = await searchPlivoVoice(sandbox, 'searchMultipartyCalls');
		expect(all).toEqual({
			results: [
				{ name: 'sales_live', value: active.mpc_uuid, description: 'Active' },
				{ name: 'support_waiting', value: waiting.mpc_uuid, description: 'Initialized' },
			],
			paginationToken: undefined,
		});
		const [request] = sandbox.requests;
		expect(request.path).toBe(`${accountPath(sandbox)}/MultiPartyCall/`);
		expect(request.query).toEqual({ limit: '20', offset: '0' });
		expect(request.headers.authorization).toBe(basicAuthHeader(sandbox));

		const filtered = await searchPlivoVoice(sandbox, 'searchMultipartyCalls', {
			filter: 'SUPPORT',
		});
		expect(filtered.results.map((item) => item.value)).toEqual([waiting.mpc_uuid]);
	});

	it('pages on with the next offset', async () => {
		for (let index = 0; index < 25; index++) mpcWith(sandbox, `mpc_${index}`, ['agent']);
		const first = await searchPlivoVoice(sandbox, 'searchMultipartyCalls');
		expect(first.results).toHaveLength(20);
		expect(first.paginationToken).toBe('20');
		const second = await searchPlivoVoice(sandbox, 'searchMultipartyCalls', {
			paginationToken: first.paginationToken,
		});
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
	});
});

describe('Multiparty Call › bad input fails before any request', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'an empty MPC name',
			{ operation: 'get', mpc: locator('', 'name') },
			/‘Multiparty Call’ field is empty/,
		],
		[
			'an MPC name that resolves to nothing',
			{ operation: 'end', mpc: locator('={{ $json.missing }}', 'name') },
			/‘Multiparty Call’ field is empty/,
		],
		[
			'a UUID that is not one',
			{ operation: 'get', mpc: locator('support_42', 'uuid') },
			/‘support_42’ in the ‘Multiparty Call’ field is not an MPC UUID/,
		],
		[
			'a status filter set to an unknown state',
			{ operation: 'getMany', returnAll: true, filters: { status: '={{ "live" }}' } },
			/‘live’ is not a valid value for ‘Status’/,
		],
		[
			'a termination cause that Plivo does not have',
			{ operation: 'getMany', returnAll: true, filters: { terminationCauseCode: '={{ 4000 }}' } },
			/‘4000’ is not a valid value for ‘Termination Cause’/,
		],
		[
			'a recording callback URL that is not a URL',
			{
				operation: 'startRecording',
				mpc: locator('support_42', 'name'),
				additionalFields: { recordingCallbackUrl: 'example.com/hook' },
			},
			/‘Recording Callback URL’/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(
			sandbox,
			{ resource: 'multipartyCall', ...parameters },
			message,
		);
	});
});
