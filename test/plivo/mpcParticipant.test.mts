/**
 * Every MPC Participant operation through n8n-core's RoutingNode against the sandbox: the exact
 * request that arrived (method, path, query, JSON body, Basic auth) and the items the node
 * returned; a whole contact-centre call driven through the node, with the callbacks a local
 * receiver got; and the input the node refuses before sending anything.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { validateV3Signature } from 'plivo';
import { describe, expect, it } from 'vitest';

import { useCallbackReceiver } from '../harness/callbackReceiver.mts';
import { failure, locator, paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { joinParticipant, mpcWith } from '../harness/mpc.mts';
import { accountPath, runOneRequest, runPlivoVoice } from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));
const receiver = useCallbackReceiver();

const success = [{ json: { success: true }, pairedItem: paired(0) }];
const support = locator('support_42', 'name');
const SUPPORT_PATH = '/MultiPartyCall/name_support_42';

/** The keys of a participant object in the reference's example (seed 000), besides api_id. */
const PARTICIPANT_KEYS = [
	'billed_amount',
	'billed_duration',
	'call_uuid',
	'coach_mode',
	'duration',
	'end_mpc_on_exit',
	'exit_cause',
	'exit_time',
	'hold',
	'join_time',
	'member_address',
	'member_id',
	'mpc_uuid',
	'mute',
	'resource_uri',
	'role',
	'start_mpc_on_enter',
].sort();

async function run(parameters: INodeParameters) {
	return await runOneRequest(sandbox, { resource: 'mpcParticipant', ...parameters });
}

describe('MPC Participant › Add', () => {
	it('calls a new participant with every documented argument, creating the MPC', async () => {
		const { output, request } = await run({
			operation: 'add',
			mpc: support,
			role: 'Supervisor',
			participantCall: 'new',
			participantFrom: '+14155550100',
			participantTo: '14155550123',
			additionalFields: {
				agentHoldMusicUrl: 'https://example.com/agent-hold.xml',
				agentHoldMusicMethod: 'POST',
				callStatusCallbackUrl: 'https://example.com/call-status',
				callStatusCallbackMethod: 'GET',
				callerName: 'Support Desk',
				coachMode: false,
				confirmKey: '#',
				confirmKeySoundUrl: 'https://example.com/confirm.xml',
				confirmKeySoundMethod: 'POST',
				customerHoldMusicUrl: 'https://example.com/customer-hold.xml',
				customerHoldMusicMethod: 'POST',
				delayDial: '5',
				endMpcOnExit: true,
				enterSound: 'beep:2',
				enterSoundMethod: 'POST',
				exitSound: 'https://example.com/bye.xml',
				exitSoundMethod: 'POST',
				hold: false,
				maxDuration: 3600,
				maxParticipants: 5,
				mute: true,
				onExitActionUrl: 'https://example.com/after',
				onExitActionMethod: 'GET',
				record: true,
				recordFileFormat: 'wav',
				recordMinMemberCount: '2',
				recordParticipantTrack: false,
				recordingCallbackUrl: 'https://example.com/recording',
				recordingCallbackMethod: 'GET',
				relayDtmfInputs: true,
				ringTimeout: 30,
				sipHeaders: 'Team=Sales,Priority=1',
				startMpcOnEnter: true,
				statusCallbackUrl: 'https://example.com/status',
				statusCallbackMethod: 'GET',
				statusCallbackEvents: [
					'mpc-state-changes',
					'participant-state-changes',
					'add-participant-api-events',
				],
				stayAlone: true,
				waitMusicUrl: 'https://example.com/wait.xml',
				waitMusicMethod: 'POST',
			},
		});

		expectRequest(sandbox, request, 'POST', `${SUPPORT_PATH}/Participant/`);
		expect(request.query).toEqual({});
		expect(request.body).toEqual({
			role: 'Supervisor',
			from: '+14155550100',
			to: '14155550123',
			agent_hold_music_url: 'https://example.com/agent-hold.xml',
			agent_hold_music_method: 'POST',
			call_status_callback_url: 'https://example.com/call-status',
			call_status_callback_method: 'GET',
			caller_name: 'Support Desk',
			coach_mode: false,
			confirm_key: '#',
			confirm_key_sound_url: 'https://example.com/confirm.xml',
			confirm_key_sound_method: 'POST',
			customer_hold_music_url: 'https://example.com/customer-hold.xml',
			customer_hold_music_method: 'POST',
			delay_dial: 5,
			end_mpc_on_exit: true,
			enter_sound: 'beep:2',
			enter_sound_method: 'POST',
			exit_sound: 'https://example.com/bye.xml',
			exit_sound_method: 'POST',
			hold: false,
			max_duration: 3600,
			max_participants: 5,
			mute: true,
			on_exit_action_url: 'https://example.com/after',
			on_exit_action_method: 'GET',
			record: true,
			record_file_format: 'wav',
			record_min_member_count: '2',
			record_participant_track: false,
			recording_callback_url: 'https://example.com/recording',
			recording_callback_method: 'GET',
			relay_dtmf_inputs: true,
			ring_timeout: 30,
			sip_headers: 'Team=Sales,Priority=1',
			start_mpc_on_enter: true,
			status_callback_url: 'https://example.com/status',
			status_callback_method: 'GET',
			status_callback_events:
				'mpc-state-changes,participant-state-changes,add-participant-api-events',
			stay_alone: true,
			wait_music_url: 'https://example.com/wait.xml',
			wait_music_method: 'POST',
		});

		const [mpc] = sandbox.state.mpcs.mpcs;
		const [call] = sandbox.state.calls.calls.values();
		expect(call).toMatchObject({
			from: '+14155550100',
			to: '14155550123',
			caller_name: 'Support Desk',
			status: 'in-progress',
		});
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					calls: [{ to: '14155550123', from: '+14155550100', call_uuid: call.call_uuid }],
					message: 'add participant action initiated',
					request_uuid: expect.any(String),
				},
				pairedItem: paired(0),
			},
		]);
		expect(mpc).toMatchObject({
			friendly_name: 'support_42',
			status: 'Active',
			stay_alone: true,
			max_participants: 5,
			max_duration: 3600,
		});
		expect(mpc.participants).toHaveLength(1);
		expect(mpc.participants[0]).toMatchObject({
			role: 'supervisor',
			coach_mode: false,
			mute: true,
			end_mpc_on_exit: true,
			call,
		});
		// record_min_member_count 2: one member is not enough to start recording.
		expect(mpc.recording).toBeUndefined();
	});

	it('moves a call in progress into the MPC with its call UUID; From and To stay behind', async () => {
		const call = sandbox.state.calls.create({ from: '14155550100', to: '14155550177' });
		const { output, request } = await run({
			operation: 'add',
			mpc: support,
			role: 'Customer',
			participantCall: 'existing',
			// Left over from when the field was set to New Call: hidden, so not sent.
			participantFrom: '14155550100',
			participantTo: '14155550199',
			participantCallUuid: call.call_uuid,
		});
		expect(request.body).toEqual({ role: 'Customer', call_uuid: call.call_uuid });
		expect(output[0].json).toEqual({
			api_id: apiId,
			calls: [{ to: '14155550177', from: '14155550100', call_uuid: call.call_uuid }],
			message: 'add participant action initiated',
			request_uuid: expect.any(String),
		});
		expect(sandbox.state.calls.calls.size).toBe(1);
		expect(sandbox.state.mpcs.mpcs[0].participants[0]).toMatchObject({
			role: 'customer',
			call,
			coach_mode: false,
		});
	});

	it('sends From and To or the Call UUID as an expression chooses, never both', async () => {
		const call = sandbox.state.calls.create({ from: '14155550100', to: '14155550177' });
		const items = [{ json: { uuid: call.call_uuid } }, { json: { uuid: '' } }];
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(
			sandbox,
			{
				resource: 'mpcParticipant',
				operation: 'add',
				mpc: support,
				role: 'Agent',
				// With an expression here, the editor shows From, To and Call UUID together.
				participantCall: '={{ $json.uuid ? "existing" : "new" }}',
				participantFrom: '14155550100',
				participantTo: '14155550101',
				participantCallUuid: '={{ $json.uuid }}',
			},
			{ items },
		);
		expect(sandbox.requests.map((request) => request.body)).toEqual([
			{ role: 'Agent', call_uuid: call.call_uuid },
			{ role: 'Agent', from: '14155550100', to: '14155550101' },
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([paired(0), paired(1)]);
		expect(sandbox.state.mpcs.mpcs[0].participants).toHaveLength(2);
	});

	it('calls several agents at once; the first to answer joins and the others lose the race', async () => {
		sandbox.state.calls.callsPerSecond = 10;
		const { output, request } = await run({
			operation: 'add',
			mpc: support,
			role: 'Agent',
			participantFrom: '14155550100',
			participantTo: '={{ ["14155550101", "sip:alice1234@phone.plivo.com"] }}',
			additionalFields: { delayDial: '0 < 10', sipHeaders: 'Desk=1<Desk=2' },
		});
		expect(request.body).toEqual({
			role: 'Agent',
			from: '14155550100',
			to: '14155550101<sip:alice1234@phone.plivo.com',
			delay_dial: '0 < 10',
			sip_headers: 'Desk=1<Desk=2',
		});
		const [first, second] = sandbox.state.calls.calls.values();
		expect((output[0].json.calls as unknown[]).length).toBe(2);
		expect(sandbox.state.mpcs.mpcs[0].participants.map((participant) => participant.call)).toEqual([
			first,
		]);
		expect(second).toMatchObject({ status: 'completed', hangup_cause_name: 'Lost Race' });
	});

	it('reports a queued call as Plivo does, and the participant joins once the call is placed', async () => {
		sandbox.state.calls.holdQueue = true;
		const { output } = await run({
			operation: 'add',
			mpc: support,
			role: 'Agent',
			participantFrom: '14155550100',
			participantTo: '14155550101',
		});
		expect(output[0].json.message).toBe('add participant action queued');
		const [mpc] = sandbox.state.mpcs.mpcs;
		expect(mpc.status).toBe('Initialized');
		expect(mpc.participants).toHaveLength(0);

		sandbox.state.calls.holdQueue = false;
		sandbox.state.core.clockOffsetMs = 1500;
		const list = await run({ operation: 'getMany', mpc: support, returnAll: true });
		expect(list.output).toHaveLength(1);
		expect(mpc.status).toBe('Active');
	});

	it('is refused by Plivo beyond the MPC’s max participants', async () => {
		mpcWith(sandbox, 'support_42', ['agent', 'customer'], {
			max_participants: 2,
			stay_alone: true,
		});
		const call = sandbox.state.calls.create({ from: '14155550100', to: '14155550177' });
		const error = await failure(
			run({
				operation: 'add',
				mpc: support,
				role: 'Supervisor',
				participantCall: 'existing',
				participantCallUuid: call.call_uuid,
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error.message).toBe('MPC: support_42 already has its maximum of 2 participants');
	});

	it('is refused by Plivo for an MPC UUID that does not exist', async () => {
		const error = await failure(
			run({
				operation: 'add',
				mpc: locator('8742d531-292a-46aa-8754-836be1092885', 'uuid'),
				role: 'Agent',
				participantFrom: '14155550100',
				participantTo: '14155550101',
			}),
		);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(sandbox.state.calls.calls.size).toBe(0);
	});
});

describe('MPC Participant › Get and Get Many', () => {
	it('gets a participant with the fields of the reference', async () => {
		const { mpc, participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		const [agent] = participants;
		const { output, request } = await run({
			operation: 'get',
			mpc: support,
			memberId: agent.member_id,
		});
		expectRequest(sandbox, request, 'GET', `${SUPPORT_PATH}/Participant/${agent.member_id}/`);
		expect(request.query).toEqual({});
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					billed_amount: null,
					billed_duration: null,
					call_uuid: agent.call.call_uuid,
					coach_mode: false,
					duration: null,
					end_mpc_on_exit: false,
					exit_cause: null,
					exit_time: null,
					hold: false,
					join_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/),
					member_address: agent.call.to,
					member_id: agent.member_id,
					mpc_uuid: mpc.mpc_uuid,
					mute: false,
					resource_uri: `${accountPath(sandbox)}${SUPPORT_PATH}/Participant/${agent.member_id}/`,
					role: 'agent',
					start_mpc_on_enter: true,
				},
				pairedItem: paired(0),
			},
		]);
	});

	it('lists the participants, newest first, one item each', async () => {
		const { participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer', 'supervisor']);
		const { output, request } = await run({ operation: 'getMany', mpc: support, returnAll: true });
		expectRequest(sandbox, request, 'GET', `${SUPPORT_PATH}/Participant/`);
		expect(request.query).toEqual({ limit: '20', offset: '0' });
		expect((request.responseBody as { meta: unknown }).meta).toEqual({
			count: 3,
			limit: 20,
			offset: 0,
			next: null,
			previous: null,
		});
		expect(output).toEqual(
			[...participants].reverse().map((participant) => ({
				json: sandbox.state.mpcs.participantResource(participant),
				pairedItem: paired(0),
			})),
		);
		expect(output.map((item) => Object.keys(item.json).sort())).toEqual([
			PARTICIPANT_KEYS,
			PARTICIPANT_KEYS,
			PARTICIPANT_KEYS,
		]);
		expect(output[0].json).toMatchObject({ role: 'supervisor', coach_mode: true });
	});

	it('Return All walks every page; Limit stops early', async () => {
		// Participants that came and went: an MPC holds at most 10 at once, its history more.
		const { mpc } = mpcWith(sandbox, 'support_42', ['agent'], { stay_alone: true });
		for (let index = 0; index < 24; index++) {
			sandbox.state.mpcs.exit(joinParticipant(sandbox, mpc, 'customer'), 'Participant Call Hangup');
		}
		sandbox.server.clearRequests();
		const all = await runPlivoVoice(sandbox, {
			resource: 'mpcParticipant',
			operation: 'getMany',
			mpc: support,
			returnAll: true,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '20', offset: '20' },
		]);
		expect(all).toHaveLength(25);
		expect(new Set(all.map((item) => item.json.member_id)).size).toBe(25);

		sandbox.server.clearRequests();
		const some = await runPlivoVoice(sandbox, {
			resource: 'mpcParticipant',
			operation: 'getMany',
			mpc: support,
			returnAll: false,
			limit: 21,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '1', offset: '20' },
		]);
		expect(some.map((item) => item.json.member_id)).toEqual(
			all.slice(0, 21).map((item) => item.json.member_id),
		);
	});

	it('shows a participant that has left with its exit, and mute and hold null', async () => {
		const { participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer'], {
			stay_alone: true,
		});
		sandbox.state.mpcs.exit(participants[1], 'Kicked Out of Multiparty Call');
		const { output } = await run({
			operation: 'get',
			mpc: support,
			memberId: participants[1].member_id,
		});
		expect(output[0].json).toMatchObject({
			exit_cause: 'Kicked Out of Multiparty Call',
			exit_time: expect.stringMatching(/\+00:00$/),
			mute: null,
			hold: null,
			duration: 0,
			billed_duration: 60,
			billed_amount: '0.05000',
		});
	});
});

describe('MPC Participant › Update', () => {
	it('mutes, holds and coaches one member, answering as the reference shows', async () => {
		const { participants } = mpcWith(sandbox, 'support_42', ['agent', 'supervisor']);
		const supervisor = participants[1];
		const { output, request } = await run({
			operation: 'update',
			mpc: support,
			memberId: supervisor.member_id,
			updateFields: { mute: true, hold: true, coachMode: false },
		});
		expectRequest(sandbox, request, 'POST', `${SUPPORT_PATH}/Participant/${supervisor.member_id}/`);
		expect(request.body).toEqual({ mute: true, hold: true, coach_mode: false });
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					coach_mode: 'MPC: support_42 coach_mode enable/disable succeeded',
					hold: 'MPC: support_42 hold/unhold member(s) succeeded',
					mute: 'MPC: support_42 mute/unmute member(s) succeeded',
				},
				pairedItem: paired(0),
			},
		]);
		expect(supervisor).toMatchObject({ mute: true, hold: true, coach_mode: false });
	});

	it('unmutes everyone with all, and answers only for what was sent', async () => {
		const { participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer'], { mute: true });
		const { output, request } = await run({
			operation: 'update',
			mpc: support,
			memberId: 'all',
			updateFields: { mute: false },
		});
		expect(request.path).toBe(`${accountPath(sandbox)}${SUPPORT_PATH}/Participant/all/`);
		expect(request.body).toEqual({ mute: false });
		expect(output[0].json).toEqual({
			api_id: apiId,
			mute: 'MPC: support_42 mute/unmute member(s) succeeded',
		});
		expect(participants.map((participant) => participant.mute)).toEqual([false, false]);
	});
});

describe('MPC Participant › Kick', () => {
	it('kicks one member; the call added by the API is hung up', async () => {
		const { mpc, participants } = mpcWith(sandbox, 'support_42', [
			'agent',
			'customer',
			'supervisor',
		]);
		const customer = participants[1];
		const { output, request } = await run({
			operation: 'kick',
			mpc: support,
			memberId: customer.member_id,
		});
		expectRequest(sandbox, request, 'DELETE', `${SUPPORT_PATH}/Participant/${customer.member_id}/`);
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual(success);
		expect(customer.exit_cause).toBe('Kicked Out of Multiparty Call');
		expect(customer.call).toMatchObject({ status: 'completed', hangup_cause_code: 4020 });
		expect(mpc.status).toBe('Active');
	});

	it('kicks everyone with all (written in any case), which ends the MPC', async () => {
		const { mpc } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		const { request } = await run({ operation: 'kick', mpc: support, memberId: ' All ' });
		expect(request.path).toBe(`${accountPath(sandbox)}${SUPPORT_PATH}/Participant/all/`);
		expect(mpc).toMatchObject({
			status: 'Ended',
			termination_cause: 'No Active Participants',
			termination_cause_code: 1000,
		});
	});

	it('ends the MPC when the one left may not stay alone', async () => {
		const { mpc, participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		await run({ operation: 'kick', mpc: support, memberId: participants[1].member_id });
		expect(mpc).toMatchObject({
			status: 'Ended',
			termination_cause: 'Stay Alone Not Permitted',
			termination_cause_code: 1010,
		});
		expect(participants[0].exit_cause).toBe('Multiparty Call Ended');
	});
});

describe('MPC Participant › recording', () => {
	it('starts, pauses, resumes and stops a participant’s recording, with the track type', async () => {
		const { mpc, participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		const agent = participants[0];
		const path = `${SUPPORT_PATH}/Participant/${agent.member_id}/Record/`;

		const started = await run({
			operation: 'startRecording',
			mpc: support,
			memberId: agent.member_id,
			additionalFields: {
				fileFormat: 'wav',
				recordingCallbackUrl: 'https://example.com/recording',
				recordingCallbackMethod: 'POST',
				recordTrackType: 'both',
			},
		});
		expectRequest(sandbox, started.request, 'POST', path);
		expect(started.request.body).toEqual({
			file_format: 'wav',
			recording_callback_url: 'https://example.com/recording',
			recording_callback_method: 'POST',
			record_track_type: 'both',
		});
		const [participantTrack, allChannels] = sandbox.state.recordings.items;
		expect(sandbox.state.recordings.items).toHaveLength(2);
		for (const recording of [participantTrack, allChannels]) {
			expect(recording).toMatchObject({
				recording_type: 'mpc',
				mpc_uuid: mpc.mpc_uuid,
				call_uuid: agent.call.call_uuid,
				recording_format: 'wav',
			});
		}
		expect(started.output).toEqual([
			{
				json: {
					api_id: apiId,
					message: 'MPC: support_42 record started',
					recording_id: participantTrack.recording_id,
					recording_url: participantTrack.recording_url,
				},
				pairedItem: paired(0),
			},
		]);

		const paused = await run({
			operation: 'pauseRecording',
			mpc: support,
			memberId: agent.member_id,
			additionalFields: { recordTrackType: 'participant' },
		});
		expectRequest(sandbox, paused.request, 'POST', `${path}Pause/`);
		expect(paused.request.body).toEqual({ record_track_type: 'participant' });
		expect(paused.output).toEqual(success);
		expect(agent.recordings.participant?.state).toBe('paused');
		expect(agent.recordings.all?.state).toBe('recording');

		const resumed = await run({
			operation: 'resumeRecording',
			mpc: support,
			memberId: agent.member_id,
			additionalFields: { recordTrackType: 'participant' },
		});
		expectRequest(sandbox, resumed.request, 'POST', `${path}Resume/`);
		expect(resumed.request.body).toEqual({ record_track_type: 'participant' });
		expect(resumed.output).toEqual(success);
		expect(agent.recordings.participant?.state).toBe('recording');

		// Stop puts its argument in the query string, as the reference has it for DELETE requests.
		const stoppedOne = await run({
			operation: 'stopRecording',
			mpc: support,
			memberId: agent.member_id,
			additionalFields: { recordTrackType: 'all' },
		});
		expectRequest(sandbox, stoppedOne.request, 'DELETE', path);
		expect(stoppedOne.request.query).toEqual({ record_track_type: 'all' });
		expect(stoppedOne.output).toEqual(success);
		expect([participantTrack.active, allChannels.active]).toEqual([true, false]);

		const stoppedRest = await run({
			operation: 'stopRecording',
			mpc: support,
			memberId: agent.member_id,
			additionalFields: { recordTrackType: 'participant' },
		});
		expect(stoppedRest.request.query).toEqual({ record_track_type: 'participant' });
		expect(participantTrack.active).toBe(false);

		await sandbox.state.callbacks.idle();
		expect(sandbox.state.callbacks.delivered.map((callback) => callback.params.EventName)).toEqual([
			'ParticipantRecordingInitiated',
			'ParticipantRecordingInitiated',
			'ParticipantRecordingPaused',
			'ParticipantRecordingResumed',
			'ParticipantRecordingCompleted',
			'ParticipantRecordingCompleted',
		]);
		expect(sandbox.state.callbacks.delivered[0].params).toMatchObject({
			MemberID: agent.member_id,
			MPCName: 'support_42',
			RecordingFormat: 'wav',
		});
	});

	it('sends no track type unless one is chosen', async () => {
		const { participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		const memberId = participants[0].member_id;
		const started = await run({ operation: 'startRecording', mpc: support, memberId });
		expect(started.request.rawBody).toBe('');
		const stopped = await run({ operation: 'stopRecording', mpc: support, memberId });
		expect(stopped.request.query).toEqual({});
		expect(participants[0].recordings).toEqual({});
	});
});

describe('MPC Participant › Play Audio and Stop Audio', () => {
	it('plays to several members on the Member path with {url}, and stops it the same way', async () => {
		const { mpc, participants } = mpcWith(sandbox, 'support_42', [
			'agent',
			'customer',
			'supervisor',
		]);
		const [agent, customer] = participants;
		const memberId = `${agent.member_id}, ${customer.member_id}`;
		const played = await run({
			operation: 'playAudio',
			mpc: support,
			memberId,
			url: 'https://example.com/notice.mp3',
		});
		expectRequest(
			sandbox,
			played.request,
			'POST',
			`${SUPPORT_PATH}/Member/${agent.member_id},${customer.member_id}/Play/`,
		);
		expect(played.request.body).toEqual({ url: 'https://example.com/notice.mp3' });
		expect(played.request.status).toBe(202);
		expect(played.output).toEqual([
			{
				json: {
					api_id: apiId,
					message: 'play queued into MPC',
					mpcMemberId: [agent.member_id, customer.member_id],
					mpcName: 'support_42',
				},
				pairedItem: paired(0),
			},
		]);
		expect(participants.map((participant) => participant.playing?.url)).toEqual([
			'https://example.com/notice.mp3',
			'https://example.com/notice.mp3',
			undefined,
		]);

		// A play started per member does not stop with all.
		await run({ operation: 'stopAudio', mpc: support, memberId: 'all' });
		expect(agent.playing?.url).toBe('https://example.com/notice.mp3');

		const stopped = await run({ operation: 'stopAudio', mpc: support, memberId });
		expectRequest(
			sandbox,
			stopped.request,
			'DELETE',
			`${SUPPORT_PATH}/Member/${agent.member_id},${customer.member_id}/Play/`,
		);
		expect(stopped.request.query).toEqual({});
		expect(stopped.output).toEqual(success);
		expect(participants.every((participant) => participant.playing === undefined)).toBe(true);
		expect(mpc.status).toBe('Active');
	});

	it('plays to everyone with all', async () => {
		const { participants } = mpcWith(sandbox, 'support_42', ['agent', 'customer']);
		const { output, request } = await run({
			operation: 'playAudio',
			mpc: locator(participants[0].mpc.mpc_uuid, 'uuid'),
			memberId: 'all',
			url: 'https://example.com/a.wav',
		});
		expect(request.path).toBe(
			`${accountPath(sandbox)}/MultiPartyCall/uuid_${participants[0].mpc.mpc_uuid}/Member/all/Play/`,
		);
		expect(output[0].json.mpcMemberId).toEqual(
			participants.map((participant) => participant.member_id),
		);
	});

	it('is refused by Plivo for a file that is not MP3 or WAV', async () => {
		mpcWith(sandbox, 'support_42', ['agent']);
		const error = await failure(
			run({
				operation: 'playAudio',
				mpc: support,
				memberId: 'all',
				url: 'https://example.com/notice.ogg',
			}),
		);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error.message).toBe('url must point to an .mp3 or .wav file');
	});
});

describe('MPC Participant › Add in workflows saved with version 1 of the node', () => {
	// Version 1 saved From, To and Call UUID under Call's names (nodes/PlivoVoice/versions.ts).
	const version = 1;

	it('calls From and To as version 1 saved them', async () => {
		const { request } = await runOneRequest(
			sandbox,
			{
				resource: 'mpcParticipant',
				operation: 'add',
				mpc: support,
				role: 'Agent',
				participantCall: 'new',
				from: '+1 (415) 555-0100',
				to: '14155550101',
			},
			{ version },
		);
		expect(request.body).toEqual({ role: 'Agent', from: '+14155550100', to: '14155550101' });
	});

	it('moves the call in Call UUID as version 1 saved it', async () => {
		const call = sandbox.state.calls.create({ from: '14155550100', to: '14155550177' });
		const { request } = await runOneRequest(
			sandbox,
			{
				resource: 'mpcParticipant',
				operation: 'add',
				mpc: support,
				role: 'Customer',
				participantCall: 'existing',
				callUuid: call.call_uuid,
			},
			{ version },
		);
		expect(request.body).toEqual({ role: 'Customer', call_uuid: call.call_uuid });
		expect(sandbox.state.mpcs.mpcs[0].participants[0]).toMatchObject({ role: 'customer', call });
	});
});

describe('a contact-centre call, driven through the node', () => {
	it('adds an agent and a customer, starts, mutes, records, kicks and ends, with the callbacks Plivo sends', async () => {
		const status = receiver.url('/status?flow=support');
		const calls = receiver.url('/calls');
		const recordings = receiver.url('/recordings');
		const node = (parameters: INodeParameters) => runPlivoVoice(sandbox, parameters);
		const waiting = {
			startMpcOnEnter: false,
			statusCallbackUrl: status,
			callStatusCallbackUrl: calls,
		};

		const agentAdded = await node({
			resource: 'mpcParticipant',
			operation: 'add',
			mpc: support,
			role: 'Agent',
			participantFrom: '14155550100',
			participantTo: '14155550101',
			additionalFields: { ...waiting, stayAlone: true },
		});
		const customerAdded = await node({
			resource: 'mpcParticipant',
			operation: 'add',
			mpc: support,
			role: 'Customer',
			participantFrom: '14155550100',
			participantTo: '14155550102',
			additionalFields: waiting,
		});
		const [mpc] = sandbox.state.mpcs.mpcs;
		const [agent, customer] = mpc.participants;
		expect(mpc.status).toBe('Initialized');
		expect([agent.call.call_uuid, customer.call.call_uuid]).toEqual([
			(agentAdded[0].json.calls as Array<{ call_uuid: string }>)[0].call_uuid,
			(customerAdded[0].json.calls as Array<{ call_uuid: string }>)[0].call_uuid,
		]);

		await node({ resource: 'multipartyCall', operation: 'start', mpc: support });
		expect(mpc.status).toBe('Active');

		await node({
			resource: 'mpcParticipant',
			operation: 'update',
			mpc: support,
			memberId: customer.member_id,
			updateFields: { mute: true },
		});
		const customerNow = await node({
			resource: 'mpcParticipant',
			operation: 'get',
			mpc: support,
			memberId: customer.member_id,
		});
		expect(customerNow[0].json).toMatchObject({ mute: true, role: 'customer' });

		const recording = await node({
			resource: 'multipartyCall',
			operation: 'startRecording',
			mpc: support,
			additionalFields: { recordingCallbackUrl: recordings },
		});
		const recordingId = recording[0].json.recording_id;

		await node({
			resource: 'mpcParticipant',
			operation: 'kick',
			mpc: support,
			memberId: customer.member_id,
		});
		expect(customer.call).toMatchObject({ status: 'completed', hangup_cause_code: 4020 });
		expect(mpc.status).toBe('Active'); // the agent may stay alone

		await node({ resource: 'multipartyCall', operation: 'end', mpc: support });
		const ended = await node({
			resource: 'multipartyCall',
			operation: 'get',
			mpc: locator(mpc.mpc_uuid, 'uuid'),
		});
		expect(ended[0].json).toMatchObject({
			status: 'Ended',
			termination_cause_code: 3000,
			recording: null,
		});
		expect(sandbox.state.recordings.items).toEqual([
			expect.objectContaining({
				recording_id: recordingId,
				recording_type: 'mpc',
				mpc_name: 'support_42',
				mpc_uuid: mpc.mpc_uuid,
				active: false,
			}),
		]);

		await sandbox.state.callbacks.idle();
		const sent = sandbox.state.callbacks.delivered;
		const events = (url: string) =>
			sent.filter((callback) => callback.url === url).map((callback) => callback.params.EventName);
		expect(events(status)).toEqual([
			'MPCInitialized',
			'ParticipantJoin',
			'ParticipantJoin',
			'MPCStart',
			'ParticipantMute',
			'ParticipantExit',
			'ParticipantExit',
			'MPCEnd',
		]);
		expect(events(recordings)).toEqual(['MPCRecordingInitiated', 'MPCRecordingCompleted']);
		expect(events(calls)).toEqual([
			'Initiated',
			'Ringing',
			'Answered',
			'Initiated',
			'Ringing',
			'Answered',
			'Hangup',
			'Hangup',
		]);

		const mute = sent.find((callback) => callback.params.EventName === 'ParticipantMute')!;
		expect(mute.params).toMatchObject({
			MPCUUID: mpc.mpc_uuid,
			MPCName: 'support_42',
			MemberID: customer.member_id,
			ParticipantRole: 'Customer',
			ParticipantCallUUID: customer.call.call_uuid,
			ParticipantCallTo: '14155550102',
		});
		const end = sent.find((callback) => callback.params.EventName === 'MPCEnd')!;
		expect(end.params).toMatchObject({
			MPCTerminationCause: 'Hangup API Triggered',
			MPCTerminationCauseCode: '3000',
		});
		const sequence = sent
			.filter((callback) => callback.url !== calls)
			.map((callback) => Number(callback.params.SequenceNumber));
		expect(sequence).toEqual([...sequence].sort((a, b) => a - b));

		// Every callback reached the receiver, form-encoded and signed as Plivo signs them.
		expect(receiver.received).toHaveLength(sent.length);
		for (const callback of sent) {
			const arrived = receiver.received.find(
				(request) => request.headers['x-plivo-signature-v3-nonce'] === callback.nonce,
			)!;
			expect(arrived.method).toBe('POST');
			expect(arrived.params).toEqual(callback.params);
			const signature = String(arrived.headers['x-plivo-signature-v3']);
			expect(
				validateV3Signature(
					'POST',
					callback.url,
					callback.nonce,
					sandbox.account.authToken,
					signature,
					callback.params,
				),
			).toBe(true);
		}
	});
});

describe('MPC Participant › bad input fails before any request', () => {
	const add = {
		operation: 'add',
		mpc: support,
		role: 'Agent',
		participantCall: 'new',
		participantFrom: '14155550100',
		participantTo: '14155550101',
	};
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'a role that resolves to nothing',
			{ ...add, role: '={{ $json.role }}' },
			/‘Role’ field is empty/,
		],
		[
			'a role Plivo does not have',
			{ ...add, role: '={{ "Manager" }}' },
			/‘Manager’ is not a valid value for ‘Role’/,
		],
		[
			'a participant call that is neither new nor existing',
			{ ...add, participantCall: '={{ "transfer" }}', participantCallUuid: 'abc' },
			/‘Participant Call’ is ‘transfer’; it must be ‘new’/,
		],
		['a new call without To', { ...add, participantTo: '' }, /‘To’ field is empty/],
		[
			'an existing call without its UUID',
			{ ...add, participantCall: 'existing', participantCallUuid: ' ' },
			/‘Call UUID’ field is empty/,
		],
		[
			'a malformed caller ID',
			{ ...add, participantFrom: 'Support' },
			/‘Support’ in the ‘From’ field/,
		],
		[
			'several destinations for a customer',
			{ ...add, role: 'Customer', participantTo: '14155550101<14155550102' },
			/Plivo calls several at once only for the Agent role/,
		],
		[
			'max participants out of range',
			{ ...add, additionalFields: { maxParticipants: '={{ 11 }}' } },
			/‘Max Participants’ must be a whole number from 2 to 10/,
		],
		[
			'a ring timeout out of range',
			{ ...add, additionalFields: { ringTimeout: '={{ 5 }}' } },
			/‘Ring Timeout’ must be a whole number from 15 to 120/,
		],
		[
			'a delay beyond two minutes',
			{ ...add, additionalFields: { delayDial: '0<150' } },
			/‘150’ in ‘Delay Dial’/,
		],
		[
			'an enter sound that is neither a beep nor a URL',
			{ ...add, additionalFields: { enterSound: 'beep:3' } },
			/‘beep:3’ in ‘Enter Sound’/,
		],
		[
			'a confirm key that is not a key',
			{ ...add, additionalFields: { confirmKey: '={{ "A" }}' } },
			/‘A’ is not a valid value for ‘Confirm Key’/,
		],
		[
			'a status callback event group Plivo does not have',
			{
				...add,
				additionalFields: { statusCallbackEvents: '={{ ["mpc-state-changes", "everything"] }}' },
			},
			/‘everything’ is not a valid value for ‘Status Callback Events’/,
		],
		[
			'a wait music URL that is not a URL',
			{ ...add, additionalFields: { waitMusicUrl: 'wait.xml' } },
			/‘Wait Music URL’/,
		],
		[
			'malformed SIP headers for one destination',
			{ ...add, additionalFields: { sipHeaders: 'Desk=1<Desk 2' } },
			/‘Desk 2’ in ‘SIP Headers’/,
		],
		[
			'a caller name over 50 characters',
			{ ...add, additionalFields: { callerName: 'x'.repeat(51) } },
			/‘Caller Name’ has 51 characters/,
		],
		[
			'an empty member ID',
			{ operation: 'get', mpc: support, memberId: '' },
			/‘Member ID’ field is empty/,
		],
		[
			'all where one member is needed',
			{ operation: 'startRecording', mpc: support, memberId: 'all' },
			/‘Member ID’ is ‘all’; this operation acts on one participant/,
		],
		[
			'several members where one or all is allowed',
			{ operation: 'kick', mpc: support, memberId: '1,2' },
			/‘Member ID’ lists 2 members, but Kick takes one member ID or all/,
		],
		[
			'coach mode for all',
			{ operation: 'update', mpc: support, memberId: ' ALL ', updateFields: { coachMode: true } },
			/‘Coach Mode’ can be changed for one supervisor at a time: Plivo refuses it for ‘all’/,
		],
		[
			'an update with nothing to change',
			{ operation: 'update', mpc: support, memberId: '1', updateFields: {} },
			/Nothing to update/,
		],
		[
			'a track type Plivo does not have',
			{
				operation: 'pauseRecording',
				mpc: support,
				memberId: '1',
				additionalFields: { recordTrackType: '={{ "left" }}' },
			},
			/‘left’ is not a valid value for ‘Record Track Type’/,
		],
		[
			'an audio URL that is not a URL',
			{ operation: 'playAudio', mpc: support, memberId: 'all', url: 'notice.mp3' },
			/‘Audio URL’/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(
			sandbox,
			{ resource: 'mpcParticipant', ...parameters },
			message,
		);
	});

	it('with Continue On Fail, gives an error item paired with its input and goes on', async () => {
		const { participants } = mpcWith(sandbox, 'support_42', ['agent', 'supervisor']);
		const supervisor = participants[1].member_id;
		const output = await runPlivoVoice(
			sandbox,
			{
				resource: 'mpcParticipant',
				operation: 'update',
				mpc: support,
				memberId: '={{ $json.member }}',
				updateFields: { coachMode: false },
			},
			{
				items: [{ json: { member: 'all' } }, { json: { member: supervisor } }],
				continueOnFail: true,
			},
		);
		expect(output.map((item) => item.pairedItem)).toEqual([paired(0), paired(1)]);
		expect(output[0].json.error).toMatch(/Plivo refuses it for ‘all’/);
		expect(output[1].json).toEqual({
			api_id: apiId,
			coach_mode: 'MPC: support_42 coach_mode enable/disable succeeded',
		});
		expect(sandbox.requests).toHaveLength(1);
	});
});
