/**
 * The sandbox's multiparty calls, asked directly over HTTP: the answers the node never provokes
 * (it refuses such input itself) and the behaviour that unfolds over time or through other
 * resources, all as the reference describes it.
 */
import { describe, expect, it } from 'vitest';

import { useSandbox } from '../harness/useSandbox.mts';
import { joinParticipant, mpcWith } from '../harness/mpc.mts';
import { callPlivoApi } from '../harness/plivo.mts';
import { apiId } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** A request to the account's MultiPartyCall resource, as Plivo's clients send it. */
const mpcApi = (method: string, path: string, body?: Record<string, unknown>) =>
	callPlivoApi(sandbox, method, `/MultiPartyCall/${path}`, body);

const plivoError = (message: string) => ({ api_id: apiId, error: message });

describe('arguments the node refuses before sending', () => {
	it('coach_mode for all is a 400, as documented', async () => {
		mpcWith(sandbox, 'support', ['agent', 'supervisor']);
		const answer = await mpcApi('POST', 'name_support/Participant/all/', { coach_mode: false });
		expect(answer).toEqual({
			status: 400,
			body: plivoError('coach_mode can be updated only for a specific member_id, not for all'),
		});
	});

	it('from and to together with call_uuid are a 400', async () => {
		const call = sandbox.state.calls.create({ from: '14155550100', to: '14155550101' });
		const answer = await mpcApi('POST', 'name_support/Participant/', {
			role: 'Agent',
			from: '14155550100',
			to: '14155550102',
			call_uuid: call.call_uuid,
		});
		expect(answer.status).toBe(400);
		expect(sandbox.state.mpcs.mpcs).toHaveLength(0);
	});

	it('neither from and to nor call_uuid is a 400, as are values out of range and unknown arguments', async () => {
		for (const [body, message] of [
			[{ role: 'Agent' }, 'from and to, or call_uuid, are required'],
			[{ role: 'Manager', call_uuid: 'x' }, 'role must be one of Agent, Supervisor, Customer'],
			[
				{ role: 'Agent', call_uuid: 'x', max_participants: 11 },
				'max_participants must be an integer from 2 to 10',
			],
			[
				{ role: 'Customer', from: '14155550100', to: '14155550101<14155550102' },
				'multiple destinations in to are allowed only for the Agent role',
			],
			[
				{ role: 'Agent', call_uuid: 'x', status_callback_events: 'mpc-state-changes,all' },
				expect.stringMatching(/^status_callback_events must be/),
			],
			[{ role: 'Agent', call_uuid: 'x', enter_sound: 'beep:3' }, 'enter_sound is not a valid URL'],
			[{ role: 'Agent', call_uuid: 'x', callerName: 'Desk' }, 'unexpected argument: callerName'],
		] as const) {
			expect(await mpcApi('POST', 'name_support/Participant/', body)).toEqual({
				status: 400,
				body: plivoError(message as string),
			});
		}
	});

	it('takes the role in any case and reports it in lower case, as participant objects do', async () => {
		const call = sandbox.state.calls.create({ from: '14155550100', to: '14155550101' });
		const added = await mpcApi('POST', 'name_support/Participant/', {
			role: 'agent',
			call_uuid: call.call_uuid,
		});
		expect(added.status).toBe(200);
		const listed = await mpcApi('GET', 'name_support/Participant/');
		expect((listed.body.objects as Array<Record<string, unknown>>)[0].role).toBe('agent');
	});

	it('refuses a start without status, and a path without the name_ or uuid_ prefix', async () => {
		mpcWith(sandbox, 'support', ['agent'], { start_mpc_on_enter: false });
		expect(await mpcApi('POST', 'name_support/', {})).toEqual({
			status: 400,
			body: plivoError('status is a required parameter'),
		});
		expect((await mpcApi('GET', 'support/')).status).toBe(404);
	});
});

describe('MPC life', () => {
	it('an MPC past its max_duration has ended, at the time it ran out', async () => {
		const { mpc } = mpcWith(sandbox, 'support', ['agent', 'customer'], { max_duration: 300 });
		sandbox.state.core.clockOffsetMs = 301_000;
		const answer = await mpcApi('GET', `uuid_${mpc.mpc_uuid}/`);
		// Counted from the start to the deadline (creation + max_duration); the start may lag the
		// creation by a few milliseconds on a busy machine.
		const ranOutAt = mpc.created_at.getTime() + 300_000;
		const duration = Math.floor((ranOutAt - (mpc.started_at ?? mpc.created_at).getTime()) / 1000);
		expect(duration).toBeGreaterThanOrEqual(299);
		expect(answer.body).toMatchObject({
			status: 'Ended',
			termination_cause: 'Max Duration Reached',
			termination_cause_code: 2000,
			duration,
		});
		expect(mpc.ended_at?.getTime()).toBe(ranOutAt);
		expect((await mpcApi('GET', 'name_support/')).status).toBe(404);
	});

	it('a participant whose call is hung up through the Call API leaves, and the MPC ends when it empties', async () => {
		const { mpc, participants } = mpcWith(sandbox, 'support', ['agent'], { stay_alone: true });
		const response = await callPlivoApi(
			sandbox,
			'DELETE',
			`/Call/${participants[0].call.call_uuid}/`,
		);
		expect(response.status).toBe(204);
		expect(participants[0].exit_cause).toBe('Participant Call Hangup');
		expect(mpc).toMatchObject({ status: 'Ended', termination_cause_code: 1000 });
	});

	it('a call added to another MPC moves there', async () => {
		const { mpc: first, participants } = mpcWith(sandbox, 'first', ['agent', 'customer'], {
			stay_alone: true,
		});
		const customerCall = participants[1].call;
		const added = await mpcApi('POST', 'name_second/Participant/', {
			role: 'Customer',
			call_uuid: customerCall.call_uuid,
		});
		expect(added.body).toMatchObject({ message: 'add participant action initiated' });
		expect(participants[1].exit_cause).toBe('Participant Call Transferred');
		expect(customerCall.status).toBe('in-progress');
		expect(first.status).toBe('Active');
		expect(sandbox.state.mpcs.mpcs[1].participants[0].call).toBe(customerCall);
	});

	it('record with record_min_member_count 2 starts recording when the second member joins', async () => {
		const { mpc } = mpcWith(sandbox, 'support', ['agent'], {
			record: true,
			record_min_member_count: '2',
			record_file_format: 'wav',
		});
		expect(mpc.recording).toBeUndefined();
		joinParticipant(sandbox, mpc, 'customer');
		expect(mpc.recording?.record).toMatchObject({
			recording_type: 'mpc',
			recording_format: 'wav',
			mpc_uuid: mpc.mpc_uuid,
		});
		expect((await mpcApi('GET', 'name_support/')).body).toMatchObject({ recording: 'recording' });
	});

	it('an MPC that has ended takes no more actions', async () => {
		const { mpc } = mpcWith(sandbox, 'support', ['agent']);
		sandbox.state.mpcs.end(mpc, { cause: 'Hangup API Triggered', code: 3000 });
		for (const [method, path] of [
			['DELETE', `uuid_${mpc.mpc_uuid}/`],
			['POST', `uuid_${mpc.mpc_uuid}/Record/`],
			['DELETE', `uuid_${mpc.mpc_uuid}/Participant/all/`],
		] as const) {
			expect(await mpcApi(method, path, method === 'POST' ? {} : undefined)).toEqual({
				status: 404,
				body: plivoError('MPC not found'),
			});
		}
	});
});

describe('paused recordings', () => {
	/** Moves the sandbox's clock on. */
	const wait = (ms: number) => (sandbox.state.core.clockOffsetMs += ms);

	it('an MPC recording lasts what was recorded: the pause is left out of its duration', async () => {
		mpcWith(sandbox, 'support', ['agent', 'customer']);
		expect((await mpcApi('POST', 'name_support/Record/', {})).status).toBe(200);
		wait(10_000);
		expect((await mpcApi('POST', 'name_support/Record/Pause/', {})).status).toBe(204);
		wait(60_000);
		expect((await mpcApi('POST', 'name_support/Record/Resume/', {})).status).toBe(204);
		wait(5_000);
		expect((await mpcApi('DELETE', 'name_support/Record/')).status).toBe(204);

		const [recording] = sandbox.state.recordings.items;
		// 15 s recorded, 75 s from start to end; the real clock adds a few milliseconds.
		expect(recording.recording_duration_ms).toBeGreaterThanOrEqual(15_000);
		expect(recording.recording_duration_ms).toBeLessThan(16_000);
		expect(recording.recording_end_ms! - recording.recording_start_ms).toBeGreaterThanOrEqual(
			75_000,
		);
		const fetched = await callPlivoApi(sandbox, 'GET', `/Recording/${recording.recording_id}/`);
		expect(fetched.body).toMatchObject({
			recording_duration_ms: recording.recording_duration_ms!.toFixed(5),
			rounded_recording_duration: 60,
		});
	});

	it('a participant recording stopped while paused ends its pause there, and keeps only what was recorded', async () => {
		const { participants } = mpcWith(sandbox, 'support', ['agent', 'customer']);
		const agent = participants[0].member_id;
		await mpcApi('POST', `name_support/Participant/${agent}/Record/`, {
			record_track_type: 'participant',
		});
		wait(8_000);
		expect(
			(
				await mpcApi('POST', `name_support/Participant/${agent}/Record/Pause/`, {
					record_track_type: 'participant',
				})
			).status,
		).toBe(204);
		wait(30_000);
		expect(
			(
				await mpcApi(
					'DELETE',
					`name_support/Participant/${agent}/Record/?record_track_type=participant`,
				)
			).status,
		).toBe(204);
		wait(30_000);

		const [recording] = sandbox.state.recordings.items;
		expect(recording).toMatchObject({ active: false, paused_since_ms: null });
		expect(recording.recording_duration_ms).toBeGreaterThanOrEqual(8_000);
		expect(recording.recording_duration_ms).toBeLessThan(9_000);
	});
});
