/**
 * The Plivo sandbox takes the requests Plivo's official SDKs send (plivo-node 4.79, plivo-python,
 * plivo-go) and answers with the fields their response fixtures show, sent here over plain HTTP
 * exactly as each SDK sends them.
 */
import { describe, expect, it } from 'vitest';

import { joinParticipant, mpcWith } from '../harness/mpc.mts';
import { basicAuthHeader, callPlivoApi, liveCall } from '../harness/plivo.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** A request under the account; `path` is what follows `/v1/Account/{auth_id}`, as the SDK writes it. */
const send = (method: string, path: string, body?: unknown, auth = true) =>
	callPlivoApi(sandbox, method, path, body, auth);

describe('paths with and without the final slash', () => {
	it('answers plivo-node’s live and queued call paths, which have no slash before the query', async () => {
		const call = liveCall(sandbox, { stir_verification: 'Verified' });
		const live = await send('GET', `/Call/${call.call_uuid}?status=live`);
		expect(live.status).toBe(200);
		// plivo-go's liveCallGetResponse.json and plivo-node's mock: request_uuid and stir_verification.
		expect(live.body).toEqual({
			api_id: expect.any(String),
			direction: 'outbound',
			from: '14155550100',
			to: '14155550111',
			caller_name: '14155550100',
			call_status: 'in-progress',
			call_uuid: call.call_uuid,
			request_uuid: call.request_uuid,
			session_start: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/),
			stir_verification: 'Verified',
			stir_attestation: 'A',
		});

		sandbox.state.calls.holdQueue = true;
		const queued = sandbox.state.calls.create({ from: '14155550100', to: '14155550112' });
		// The reference's queued-call example, field for field.
		expect((await send('GET', `/Call/${queued.call_uuid}?status=queued`)).body).toEqual({
			api_id: expect.any(String),
			direction: 'outbound',
			from: '14155550100',
			to: '14155550112',
			caller_name: '14155550100',
			call_status: 'queued',
			call_uuid: queued.call_uuid,
			request_uuid: queued.request_uuid,
		});
	});

	it('answers plivo-go, which sends every path without its final slash', async () => {
		const call = liveCall(sandbox);
		sandbox.state.calls.addCompleted({ durationSeconds: 12 });
		expect((await send('GET', '')).status).toBe(200);
		expect((await send('GET', '/Call?limit=20')).body).toMatchObject({ meta: { total_count: 1 } });
		expect((await send('POST', `/Call/${call.call_uuid}/Speak`, { text: 'Hello' })).status).toBe(
			202,
		);
		expect((await send('DELETE', `/Call/${call.call_uuid}/Speak`)).status).toBe(204);
		expect((await send('GET', '/Endpoint')).status).toBe(200);
	});

	it('answers plivo-node and plivo-python on verified caller IDs, with a final slash the reference does not write', async () => {
		sandbox.state.verifiedCallerIds.add({ phone_number: '+14155550100', alias: 'Office' });
		expect((await send('GET', '/VerifiedCallerId/+14155550100/')).body).toMatchObject({
			phone_number: '+14155550100',
			alias: 'Office',
		});
		expect(
			(await send('POST', '/VerifiedCallerId/+14155550100/', { alias: 'Desk' })).body,
		).toMatchObject({ alias: 'Desk' });
		const started = await send('POST', '/VerifiedCallerId/', { phone_number: '+14155550177' });
		const uuid = String(started.body.verification_uuid);
		// plivo-node submits the OTP without the final slash.
		const verified = await send('POST', `/VerifiedCallerId/Verification/${uuid}`, {
			otp: sandbox.state.verifiedCallerIds.otpFor(uuid),
		});
		expect(verified.body).toMatchObject({ phone_number: '+14155550177' });
		expect((await send('DELETE', '/VerifiedCallerId/+14155550100/', {})).status).toBe(204);
	});

	it('still asks for credentials on the account path without its final slash', async () => {
		expect((await send('GET', '', undefined, false)).status).toBe(401);
		expect((await send('GET', '/Call', undefined, false)).status).toBe(401);
	});
});

describe('arguments as the SDKs send them', () => {
	it('takes DELETE arguments from a JSON body (plivo-node, plivo-python), as well as from the query', async () => {
		const call = liveCall(sandbox);
		const started = await send('POST', `/Call/${call.call_uuid}/Record/`, {});
		const url = String(started.body.url);
		// plivo-node snake-cases the reference's `URL` to `url`, and sends it in the body.
		expect((await send('DELETE', `/Call/${call.call_uuid}/Record/`, { url })).status).toBe(204);
		expect(sandbox.state.recordings.items.every((recording) => !recording.active)).toBe(true);
		expect(
			(
				await send('DELETE', `/Call/${call.call_uuid}/Record/`, {
					url: 'https://example.com/other.mp3',
				})
			).status,
		).toBe(404);
		expect(
			(
				await send('DELETE', `/Call/${call.call_uuid}/Record/?URL=${encodeURIComponent(url)}`, {
					URL: url,
				})
			).body,
		).toMatchObject({
			error: 'URL is given both in the query string and in the body',
		});
		expect(
			(await send('DELETE', `/Call/${call.call_uuid}/Speak/`, { unknown: 1 })).body,
		).toMatchObject({ error: 'unexpected argument: unknown' });
	});

	it('ignores path values plivo-python repeats among the arguments, only when they are the path’s own', async () => {
		const call = liveCall(sandbox);
		expect(
			(
				await send('POST', `/Call/${call.call_uuid}/DTMF/`, {
					call_uuid: call.call_uuid,
					digits: '12',
				})
			).status,
		).toBe(202);
		const other = liveCall(sandbox);
		expect(
			(
				await send('POST', `/Call/${call.call_uuid}/DTMF/`, {
					call_uuid: other.call_uuid,
					digits: '12',
				})
			).body,
		).toMatchObject({
			error: 'unexpected argument: call_uuid',
		});
		expect(
			(await send('DELETE', `/Call/${call.call_uuid}/`, { call_uuid: call.call_uuid })).status,
		).toBe(204);

		const { mpc, participants } = mpcWith(sandbox, 'support', ['agent', 'customer']);
		const member = participants[0].member_id;
		const paused = await send(
			'POST',
			`/MultiPartyCall/name_support/Participant/${member}/Record/`,
			{},
		);
		expect(paused.status).toBe(200);
		expect(
			(
				await send('POST', `/MultiPartyCall/name_support/Participant/${member}/Record/Pause/`, {
					participant_id: member,
					friendly_name: 'support',
					record_track_type: 'all',
				})
			).status,
		).toBe(204);
		expect(
			(await send('DELETE', `/MultiPartyCall/uuid_${mpc.mpc_uuid}/`, { uuid: mpc.mpc_uuid }))
				.status,
		).toBe(204);
	});

	it('pages the v1 live and queued lists when plivo-python sends limit and offset', async () => {
		const calls = Array.from({ length: 3 }, (_, index) =>
			liveCall(sandbox, { to: `1415555012${index}` }),
		);
		expect((await send('GET', '/Call/?status=live')).body.calls).toEqual(
			calls.map((call) => call.call_uuid),
		);
		expect((await send('GET', '/Call/?limit=2&offset=1&status=live')).body.calls).toEqual(
			calls.slice(1).map((call) => call.call_uuid),
		);
		expect((await send('GET', '/Call/?status=queued&limit=20&offset=0')).body.calls).toEqual([]);
		expect((await send('GET', '/Call/?status=queued&limit=21')).status).toBe(400);
	});

	it('starts an MPC with plivo-python’s `status: ["active"]` and adds a participant with the SDKs’ default arguments', async () => {
		sandbox.state.mpcs.create('support', { start_mpc_on_enter: false });
		const added = await send('POST', '/MultiPartyCall/name_support/Participant/', {
			role: 'agent',
			from: '14155550100',
			to: '14155550130',
			caller_name: '14155550100',
			call_status_callback_method: 'POST',
			confirm_key_sound_method: 'GET',
			dial_music: 'real',
			ring_timeout: 45,
			delay_dial: 0,
			max_duration: 14400,
			max_participants: 10,
			record_min_member_count: 1,
			wait_music_method: 'GET',
			agent_hold_music_method: 'GET',
			customer_hold_music_method: 'GET',
			recording_callback_method: 'GET',
			status_callback_method: 'GET',
			on_exit_action_method: 'POST',
			record: false,
			record_participant_track: false,
			record_file_format: 'mp3',
			status_callback_events: 'mpc-state-changes,participant-state-changes',
			stay_alone: false,
			coach_mode: true,
			mute: false,
			hold: false,
			start_mpc_on_enter: false,
			end_mpc_on_exit: false,
			relay_dtmf_inputs: false,
			enter_sound: 'beep:1',
			enter_sound_method: 'GET',
			exit_sound: 'beep:2',
			exit_sound_method: 'GET',
			start_recording_audio_method: 'GET',
			stop_recording_audio_method: 'GET',
			create_mpc_with_single_participant: true,
			send_on_preanswer: false,
			transcript: false,
		});
		expect(added.status).toBe(200);
		expect(
			(
				await send('POST', '/MultiPartyCall/name_support/Participant/', {
					role: 'Agent',
					call_uuid: liveCall(sandbox).call_uuid,
					dial_music: 'loud',
				})
			).body,
		).toMatchObject({
			error: 'dial_music must be real, none or a URL',
		});
		expect(
			(await send('POST', '/MultiPartyCall/name_support/', { status: ['active'] })).status,
		).toBe(204);
		expect(sandbox.state.mpcs.mpcs[0].status).toBe('Active');
		expect(
			(
				await send('POST', '/MultiPartyCall/name_support/Record/', {
					file_format: 'mp3',
					recording_callback_method: 'POST',
					transcript: false,
				})
			).status,
		).toBe(200);
	});

	it('filters participants by call_uuid (plivo-node, plivo-python)', async () => {
		const { mpc } = mpcWith(sandbox, 'support', ['agent']);
		const customer = joinParticipant(sandbox, mpc, 'customer');
		const listed = await send(
			'GET',
			`/MultiPartyCall/name_support/Participant/?call_uuid=${customer.call.call_uuid}`,
		);
		expect(
			(listed.body.objects as Array<{ member_id: string }>).map(
				(participant) => participant.member_id,
			),
		).toEqual([customer.member_id]);
		expect(
			(
				await send('POST', `/MultiPartyCall/name_support/Participant/${customer.member_id}/`, {
					mute: true,
					disable_state_change_sound: true,
				})
			).status,
		).toBe(200);
	});
});

describe('fields the SDK fixtures show', () => {
	it('gives a CDR its cnam_lookup', async () => {
		const call = sandbox.state.calls.addCompleted({ durationSeconds: 12 });
		const cdr = await send('GET', `/Call/${call.call_uuid}/`);
		expect(cdr.body).toMatchObject({
			cnam_lookup: '',
			stir_verification: 'Not Applicable',
			call_uuid: call.call_uuid,
		});
		expect(((await send('GET', '/Call/')).body.objects as unknown[])[0]).toMatchObject({
			cnam_lookup: '',
		});
	});

	it('gives a recording its from_number and to_number', async () => {
		const call = liveCall(sandbox, { from: '14155550100', to: '14155550142' });
		await send('POST', `/Call/${call.call_uuid}/Record/`, {});
		await send('DELETE', `/Call/${call.call_uuid}/`);
		const [listed] = (await send('GET', '/Recording/')).body.objects as Array<
			Record<string, unknown>
		>;
		expect(listed).toMatchObject({
			call_uuid: call.call_uuid,
			from_number: '14155550100',
			to_number: '14155550142',
		});
		expect((await send('GET', `/Recording/${String(listed.recording_id)}/`)).body).toMatchObject({
			from_number: '14155550100',
			to_number: '14155550142',
		});
	});

	it('lists live calls (v2) with request_uuid and stir_verification', async () => {
		const call = liveCall(sandbox);
		const response = await fetch(
			`${sandbox.url}/v2/Account/${sandbox.account.authId}/Call/?status=live`,
			{
				headers: { Authorization: basicAuthHeader(sandbox) },
			},
		);
		const { objects } = (await response.json()) as { objects: Array<Record<string, unknown>> };
		expect(objects[0]).toMatchObject({
			request_uuid: call.request_uuid,
			stir_verification: 'Not Applicable',
			stir_attestation: 'Not Applicable',
		});
	});
});
