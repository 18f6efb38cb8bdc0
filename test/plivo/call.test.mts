/**
 * Every Call operation through n8n-core's RoutingNode against the sandbox: the exact request that
 * arrived (method, path, query, JSON body, Basic auth) and the items the node returned.
 */
import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useCallbackReceiver } from '../harness/callbackReceiver.mts';
import { paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { liveCall, runOneRequest, runPlivoVoice } from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));
const receiver = useCallbackReceiver();

/** The same instant written in another time zone, e.g. `2026-11-23T15:00:00+02:00`. */
function withOffset(date: Date, hours: number): string {
	const shifted = new Date(date.getTime() + hours * 3_600_000).toISOString().slice(0, 19);
	return `${shifted}+${String(hours).padStart(2, '0')}:00`;
}

async function run(parameters: INodeParameters) {
	return await runOneRequest(sandbox, { resource: 'call', ...parameters });
}

describe('Call › Make', () => {
	it('sends every documented option under Plivo’s names and places one call per destination', async () => {
		const { output, request } = await run({
			operation: 'create',
			from: '+14155550100',
			to: '14155550101 < sip:alice1234@phone.plivo.com',
			answerUrl: 'https://example.com/answer',
			additionalFields: {
				answerMethod: 'GET',
				callerName: 'Support Line',
				errorIfParentNotFound: false,
				fallbackUrl: 'https://example.com/fallback',
				fallbackMethod: 'GET',
				hangupOnRing: 45,
				hangupUrl: 'https://example.com/hangup',
				hangupMethod: 'POST',
				machineDetection: 'hangup',
				machineDetectionTime: 3000,
				machineDetectionMaximumSpeechLength: 4000,
				machineDetectionInitialSilence: 3500,
				machineDetectionMaximumWords: 4,
				machineDetectionInitialGreeting: 2000,
				machineDetectionSilence: 900,
				machineDetectionUrl: 'https://example.com/amd',
				machineDetectionMethod: 'GET',
				ringTimeout: 30,
				ringUrl: 'https://example.com/ring',
				ringMethod: 'GET',
				sendDigits: '1w2',
				sendOnPreanswer: true,
				sipHeaders: 'Team=Sales,Priority=1',
				timeLimit: 600,
			},
		});

		expectRequest(sandbox, request, 'POST', '/Call/');
		expect(request.query).toEqual({});
		expect(request.body).toEqual({
			from: '+14155550100',
			to: '14155550101<sip:alice1234@phone.plivo.com',
			answer_url: 'https://example.com/answer',
			answer_method: 'GET',
			caller_name: 'Support Line',
			error_if_parent_not_found: false,
			fallback_url: 'https://example.com/fallback',
			fallback_method: 'GET',
			hangup_on_ring: 45,
			hangup_url: 'https://example.com/hangup',
			hangup_method: 'POST',
			machine_detection: 'hangup',
			machine_detection_time: 3000,
			machine_detection_maximum_speech_length: 4000,
			machine_detection_initial_silence: 3500,
			machine_detection_maximum_words: 4,
			machine_detection_initial_greeting: 2000,
			machine_detection_silence: 900,
			machine_detection_url: 'https://example.com/amd',
			machine_detection_method: 'GET',
			ring_timeout: 30,
			ring_url: 'https://example.com/ring',
			ring_method: 'GET',
			send_digits: '1w2',
			send_on_preanswer: true,
			sip_headers: 'Team=Sales,Priority=1',
			time_limit: 600,
		});

		const placed = [...sandbox.state.calls.calls.values()];
		expect(placed.map((call) => call.to)).toEqual(['14155550101', 'sip:alice1234@phone.plivo.com']);
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					message: 'call fired',
					request_uuid: placed.map((call) => call.request_uuid),
				},
				pairedItem: paired(0),
			},
		]);
	});

	it('sends only the required arguments when nothing else is set, and joins a mapped list of numbers', async () => {
		const { output, request } = await run({
			operation: 'create',
			from: '14155550100',
			to: '={{ ["14155550101", "14155550102"] }}',
			answerUrl: 'https://example.com/answer',
			additionalFields: { parentCallUuid: '' },
		});
		// An optional field added but left empty is not sent.
		expect(request.body).toEqual({
			from: '14155550100',
			to: '14155550101<14155550102',
			answer_url: 'https://example.com/answer',
		});
		expect(output[0].json.message).toBe('call fired');
	});

	it('sends numbers typed with spaces, dashes and brackets as Plivo stores them', async () => {
		const { output, request } = await run({
			operation: 'create',
			from: '+1 (415) 555-0100',
			to: '+44 20 7123 4567, sip:alice1234@phone.plivo.com',
			answerUrl: 'https://example.com/answer',
		});
		expect(request.body).toEqual({
			from: '+14155550100',
			to: '+442071234567<sip:alice1234@phone.plivo.com',
			answer_url: 'https://example.com/answer',
		});
		expect(output[0].json.message).toBe('call fired');
	});

	it('reports a queued call as Plivo does', async () => {
		sandbox.state.calls.holdQueue = true;
		const { output } = await run({
			operation: 'create',
			from: '14155550100',
			to: '14155550101',
			answerUrl: 'https://example.com/answer',
		});
		const [call] = sandbox.state.calls.calls.values();
		expect(call.status).toBe('queued');
		expect(output[0].json).toEqual({
			api_id: apiId,
			message: 'call queued',
			request_uuid: call.request_uuid,
		});
	});
});

describe('Call › CDRs', () => {
	it('gets the CDR of a finished call', async () => {
		const call = liveCall(sandbox);
		sandbox.state.calls.hangup(call);
		const { output, request } = await run({ operation: 'get', callUuid: call.call_uuid });
		expectRequest(sandbox, request, 'GET', `/Call/${call.call_uuid}/`);
		expect(request.query).toEqual({});
		expect(output).toEqual([
			{ json: { api_id: apiId, ...sandbox.state.calls.cdr(call) }, pairedItem: paired(0) },
		]);
		expect(output[0].json).toMatchObject({
			call_uuid: call.call_uuid,
			hangup_source: 'API Request',
			call_state: 'ANSWER',
		});
	});

	it('lists CDRs with every filter, sent with Plivo’s exact names', async () => {
		const now = sandbox.state.core.now();
		const match = sandbox.state.calls.addCompleted({
			from: '14155550100',
			to: '14155550123',
			direction: 'inbound',
			subaccount: 'SA0000000000000000001',
			parent_call_uuid: 'parent-1',
			hangup_cause_code: 4000,
			hangup_source: 'Callee',
			stir_verification: 'Verified',
			durationSeconds: 42,
			endedAt: new Date(now.getTime() - 3_600_000),
		});
		sandbox.state.calls.addCompleted({
			durationSeconds: 42,
			endedAt: new Date(now.getTime() - 3_600_000),
		});
		sandbox.server.clearRequests();

		const { output, request } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: {
				callDirection: 'inbound',
				fromNumber: '1415',
				toNumber: '14155550123',
				parentCallUuid: 'parent-1',
				subaccount: 'SA0000000000000000001',
				hangupCauseCode: 4000,
				hangupSource: 'Callee',
				stirVerification: 'Verified',
				billDuration: 42,
				billDurationGt: 40,
				billDurationGte: 41,
				billDurationLt: 50,
				billDurationLte: 49,
				endTimeGt: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
				endTimeGte: new Date(now.getTime() - 86_400_000).toISOString(),
				endTimeLt: new Date(now.getTime() + 60_000).toISOString(),
				// A time with an offset is sent in UTC.
				endTimeLte: withOffset(new Date(now.getTime() + 86_400_000), 2),
			},
		});

		expectRequest(sandbox, request, 'GET', '/Call/');
		const day = (offset: number) =>
			new Date(now.getTime() + offset).toISOString().slice(0, 19).replace('T', ' ');
		expect(request.query).toEqual({
			call_direction: 'inbound',
			from_number: '1415',
			to_number: '14155550123',
			parent_call_uuid: 'parent-1',
			subaccount: 'SA0000000000000000001',
			hangup_cause_code: '4000',
			hangup_source: 'Callee',
			stir_verification: 'Verified',
			bill_duration: '42',
			bill_duration__gt: '40',
			bill_duration__gte: '41',
			bill_duration__lt: '50',
			bill_duration__lte: '49',
			end_time__gt: day(-2 * 86_400_000),
			end_time__gte: day(-86_400_000),
			end_time__lt: day(60_000),
			end_time__lte: day(86_400_000),
			limit: '20',
			offset: '0',
		});
		expect(output).toEqual([{ json: sandbox.state.calls.cdr(match), pairedItem: paired(0) }]);
	});

	it('sends an exact end time filter in UTC', async () => {
		const { request } = await run({
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filters: { endTime: '2026-11-01T12:30:00.000Z' },
		});
		expect(request.query).toEqual({ end_time: '2026-11-01 12:30:00', limit: '5', offset: '0' });
	});

	it('Return All walks every page of 20', async () => {
		for (let index = 0; index < 45; index++)
			sandbox.state.calls.addCompleted({ durationSeconds: index + 1 });
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'getMany',
			returnAll: true,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '20', offset: '20' },
			{ limit: '20', offset: '40' },
		]);
		expect(output).toHaveLength(45);
		expect(new Set(output.map((item) => item.json.call_uuid)).size).toBe(45);
		expect(output.map((item) => item.pairedItem)).toEqual(output.map(() => paired(0)));
	});

	it('Limit stops across a page boundary and asks only for what it needs', async () => {
		for (let index = 0; index < 45; index++)
			sandbox.state.calls.addCompleted({ durationSeconds: index + 1 });
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'getMany',
			returnAll: false,
			limit: 25,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '5', offset: '20' },
		]);
		expect(output).toHaveLength(25);
		const all = [...sandbox.state.calls.calls.values()].sort(
			(a, b) => b.ended_at!.getTime() - a.ended_at!.getTime(),
		);
		expect(output.map((item) => item.json.call_uuid)).toEqual(
			all.slice(0, 25).map((call) => call.call_uuid),
		);
	});

	it('stops when a page comes back short', async () => {
		for (let index = 0; index < 7; index++) sandbox.state.calls.addCompleted({});
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'getMany',
			returnAll: true,
		});
		expect(sandbox.requests).toHaveLength(1);
		expect(output).toHaveLength(7);
	});
});

describe('Call › live and queued calls', () => {
	it('gets a live call', async () => {
		const call = liveCall(sandbox, { caller_name: 'Alice' });
		const { output, request } = await run({ operation: 'getLive', callUuid: call.call_uuid });
		expectRequest(sandbox, request, 'GET', `/Call/${call.call_uuid}/`);
		expect(request.query).toEqual({ status: 'live' });
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					direction: 'outbound',
					from: '14155550100',
					to: '14155550111',
					caller_name: 'Alice',
					call_status: 'in-progress',
					call_uuid: call.call_uuid,
					request_uuid: call.request_uuid,
					stir_verification: 'Not Applicable',
					stir_attestation: 'A',
					session_start: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/),
				},
				pairedItem: paired(0),
			},
		]);
	});

	it('lists live calls (v1) as one item per call, with filters', async () => {
		const first = liveCall(sandbox, { from: '14155550100', to: '442071234567' });
		const second = liveCall(sandbox, { from: '14155550100', to: '442079876543' });
		liveCall(sandbox, { from: '19175550100', to: '442071234567' });
		liveCall(sandbox, { direction: 'inbound' });
		const { output, request } = await run({
			operation: 'getManyLive',
			returnAll: true,
			filters: { callDirection: 'outbound', fromNumber: '1415', toNumber: '44207' },
		});
		expectRequest(sandbox, request, 'GET', '/Call/');
		expect(request.query).toEqual({
			status: 'live',
			call_direction: 'outbound',
			from_number: '1415',
			to_number: '44207',
		});
		expect(output).toEqual([
			{ json: { call_uuid: first.call_uuid }, pairedItem: paired(0) },
			{ json: { call_uuid: second.call_uuid }, pairedItem: paired(0) },
		]);
	});

	it('applies Limit to the unpaged v1 list', async () => {
		const calls = [liveCall(sandbox), liveCall(sandbox), liveCall(sandbox)];
		const { output } = await run({ operation: 'getManyLive', returnAll: false, limit: 2 });
		expect(output.map((item) => item.json.call_uuid)).toEqual(
			calls.slice(0, 2).map((call) => call.call_uuid),
		);
	});

	it('lists live calls with details (v2) on the v2 path, paged', async () => {
		const calls = Array.from({ length: 22 }, (_, index) =>
			liveCall(sandbox, { to: `4420712345${String(index).padStart(2, '0')}` }),
		);
		liveCall(sandbox, { from: '19175550100', to: '19175550199' });
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'getManyLiveV2',
			returnAll: true,
			filters: { callDirection: 'outbound', number: '44207' },
		});
		expect(sandbox.requests).toHaveLength(2);
		for (const request of sandbox.requests) {
			expectRequest(sandbox, request, 'GET', '/Call/', `/v2/Account/${sandbox.account.authId}`);
		}
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ status: 'live', call_direction: 'outbound', number: '44207', limit: '20', offset: '0' },
			{ status: 'live', call_direction: 'outbound', number: '44207', limit: '20', offset: '20' },
		]);
		expect(output.map((item) => item.json.call_uuid)).toEqual(calls.map((call) => call.call_uuid));
		expect(output[0].json).toEqual({
			call_uuid: calls[0].call_uuid,
			request_uuid: calls[0].request_uuid,
			direction: 'outbound',
			from: '14155550100',
			to: calls[0].to,
			caller_name: '14155550100',
			call_status: 'in-progress',
			session_start: expect.any(String),
			stir_attestation: 'Not Applicable',
			stir_verification: 'Not Applicable',
		});
	});

	it('gets a queued call', async () => {
		sandbox.state.calls.holdQueue = true;
		const call = liveCall(sandbox);
		const { output, request } = await run({ operation: 'getQueued', callUuid: call.call_uuid });
		expectRequest(sandbox, request, 'GET', `/Call/${call.call_uuid}/`);
		expect(request.query).toEqual({ status: 'queued' });
		expect(output[0].json).toMatchObject({
			call_uuid: call.call_uuid,
			request_uuid: call.request_uuid,
			call_status: 'queued',
		});
	});

	it('lists queued calls, one item per call', async () => {
		liveCall(sandbox);
		sandbox.state.calls.holdQueue = true;
		const queued = [liveCall(sandbox), liveCall(sandbox)];
		const { output, request } = await run({ operation: 'getManyQueued', returnAll: true });
		expectRequest(sandbox, request, 'GET', '/Call/');
		expect(request.query).toEqual({ status: 'queued' });
		expect(output).toEqual(
			queued.map((call) => ({ json: { call_uuid: call.call_uuid }, pairedItem: paired(0) })),
		);
	});

	it('cancels a queued call by its request UUID', async () => {
		sandbox.state.calls.holdQueue = true;
		const call = liveCall(sandbox);
		const { output, request } = await run({
			operation: 'cancelQueued',
			requestUuid: call.request_uuid,
		});
		expectRequest(sandbox, request, 'DELETE', `/Request/${call.request_uuid}/`);
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(call.status).toBe('completed');
	});
});

describe('Call › control of a live call', () => {
	it('transfers both legs', async () => {
		const call = liveCall(sandbox);
		const { output, request } = await run({
			operation: 'transfer',
			callUuid: call.call_uuid,
			legs: 'both',
			alegUrl: 'https://example.com/a',
			blegUrl: 'https://example.com/b',
			additionalFields: { alegMethod: 'GET', blegMethod: 'POST' },
		});
		expectRequest(sandbox, request, 'POST', `/Call/${call.call_uuid}/`);
		expect(request.body).toEqual({
			legs: 'both',
			aleg_url: 'https://example.com/a',
			aleg_method: 'GET',
			bleg_url: 'https://example.com/b',
			bleg_method: 'POST',
		});
		expect(output).toEqual([
			{ json: { api_id: apiId, message: 'call transferred' }, pairedItem: paired(0) },
		]);
		expect(call.transfers).toHaveLength(1);
	});

	it('hangs up a call, which then has a CDR', async () => {
		const call = liveCall(sandbox);
		const { output, request } = await run({ operation: 'hangup', callUuid: call.call_uuid });
		expectRequest(sandbox, request, 'DELETE', `/Call/${call.call_uuid}/`);
		expect(request.query).toEqual({});
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		const cdr = await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'get',
			callUuid: call.call_uuid,
		});
		expect(cdr[0].json).toMatchObject({ call_uuid: call.call_uuid, hangup_source: 'API Request' });
	});

	it('posts call-quality feedback to the stats host', async () => {
		const call = liveCall(sandbox);
		const { output, request } = await run({
			operation: 'sendFeedback',
			callUuid: call.call_uuid,
			rating: 3.5,
			issues: ['AUDIO_LAG', 'ECHO'],
			notes: 'Echo on the agent side',
		});
		// The credential points at the sandbox, which serves the stats host's path itself.
		expectRequest(sandbox, request, 'POST', `/Call/${call.call_uuid}/Feedback/`, '/v1');
		expect(request.body).toEqual({
			rating: 3.5,
			issues: ['AUDIO_LAG', 'ECHO'],
			notes: 'Echo on the agent side',
		});
		expect(output).toEqual([
			{
				json: { api_id: apiId, message: 'Feedback has been posted', status: 'success' },
				pairedItem: paired(0),
			},
		]);
	});

	it('sends a perfect rating without issues or notes', async () => {
		const call = liveCall(sandbox);
		const { request } = await run({
			operation: 'sendFeedback',
			callUuid: call.call_uuid,
			rating: 5,
		});
		expect(request.body).toEqual({ rating: 5 });
	});

	it('starts and stops recording, and Plivo reports the recording to the callback URL', async () => {
		const call = liveCall(sandbox);
		const callbackUrl = receiver.url('/recorded');
		const started = await run({
			operation: 'startRecording',
			callUuid: call.call_uuid,
			additionalFields: {
				timeLimit: 120,
				fileFormat: 'wav',
				transcriptionType: 'auto',
				transcriptionUrl: 'https://example.com/transcription',
				callbackUrl,
				callbackMethod: 'GET',
			},
		});
		expectRequest(sandbox, started.request, 'POST', `/Call/${call.call_uuid}/Record/`);
		expect(started.request.body).toEqual({
			time_limit: 120,
			file_format: 'wav',
			transcription_type: 'auto',
			transcription_url: 'https://example.com/transcription',
			callback_url: callbackUrl,
			callback_method: 'GET',
		});
		const [recording] = sandbox.state.recordings.items;
		expect(started.output).toEqual([
			{
				json: {
					api_id: apiId,
					message: 'call recording started',
					recording_id: recording.recording_id,
					url: recording.recording_url,
				},
				pairedItem: paired(0),
			},
		]);

		const stopped = await run({
			operation: 'stopRecording',
			callUuid: call.call_uuid,
			additionalFields: { recordingUrl: recording.recording_url },
		});
		expectRequest(sandbox, stopped.request, 'DELETE', `/Call/${call.call_uuid}/Record/`);
		expect(stopped.request.query).toEqual({ URL: recording.recording_url });
		expect(stopped.output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(recording.active).toBe(false);

		await sandbox.state.callbacks.idle();
		expect(receiver.received).toEqual([
			expect.objectContaining({
				method: 'GET',
				params: {
					api_id: started.output[0].json.api_id,
					record_url: recording.recording_url,
					recording_id: recording.recording_id,
					call_uuid: call.call_uuid,
					recording_duration: String(Math.round(recording.recording_duration_ms! / 1000)),
					recording_duration_ms: String(recording.recording_duration_ms),
					recording_start_ms: String(recording.recording_start_ms),
					recording_end_ms: String(recording.recording_end_ms),
				},
			}),
		]);
	});

	it('stops every recording when no URL is given', async () => {
		const call = liveCall(sandbox);
		sandbox.state.recordings.start({ recording_type: 'normal', call_uuid: call.call_uuid });
		const { request } = await run({ operation: 'stopRecording', callUuid: call.call_uuid });
		expect(request.query).toEqual({});
		expect(sandbox.state.recordings.items.every((recording) => !recording.active)).toBe(true);
	});

	it('plays and stops audio', async () => {
		const call = liveCall(sandbox);
		const played = await run({
			operation: 'playAudio',
			callUuid: call.call_uuid,
			urls: 'https://example.com/a.mp3,https://example.com/b.wav',
			additionalFields: { length: 30, legs: 'both', loop: true, mix: false },
		});
		expectRequest(sandbox, played.request, 'POST', `/Call/${call.call_uuid}/Play/`);
		expect(played.request.body).toEqual({
			urls: 'https://example.com/a.mp3,https://example.com/b.wav',
			length: 30,
			legs: 'both',
			loop: true,
			mix: false,
		});
		expect(played.output).toEqual([
			{ json: { api_id: apiId, message: 'play started' }, pairedItem: paired(0) },
		]);

		const stopped = await run({ operation: 'stopAudio', callUuid: call.call_uuid });
		expectRequest(sandbox, stopped.request, 'DELETE', `/Call/${call.call_uuid}/Play/`);
		expect(stopped.request.query).toEqual({});
		expect(stopped.output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(call.playing).toBeUndefined();
	});

	it('speaks and stops speaking', async () => {
		const call = liveCall(sandbox);
		const spoken = await run({
			operation: 'speakText',
			callUuid: call.call_uuid,
			text: 'Hello from n8n',
			additionalFields: { voice: 'MAN', language: 'de-DE', legs: 'bleg', loop: false, mix: true },
		});
		expectRequest(sandbox, spoken.request, 'POST', `/Call/${call.call_uuid}/Speak/`);
		expect(spoken.request.body).toEqual({
			text: 'Hello from n8n',
			voice: 'MAN',
			language: 'de-DE',
			legs: 'bleg',
			loop: false,
			mix: true,
		});
		expect(spoken.output).toEqual([
			{ json: { api_id: apiId, message: 'speak started' }, pairedItem: paired(0) },
		]);

		const stopped = await run({ operation: 'stopSpeaking', callUuid: call.call_uuid });
		expectRequest(sandbox, stopped.request, 'DELETE', `/Call/${call.call_uuid}/Speak/`);
		expect(stopped.output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(call.speaking).toBeUndefined();
	});

	it('sends DTMF digits to a leg', async () => {
		const call = liveCall(sandbox);
		const { output, request } = await run({
			operation: 'sendDigits',
			callUuid: call.call_uuid,
			digits: '1234#',
			additionalFields: { leg: 'bleg' },
		});
		expectRequest(sandbox, request, 'POST', `/Call/${call.call_uuid}/DTMF/`);
		expect(request.body).toEqual({ digits: '1234#', leg: 'bleg' });
		expect(output).toEqual([
			{ json: { api_id: apiId, message: 'digits sent' }, pairedItem: paired(0) },
		]);
		expect(call.digitsSent).toEqual([{ digits: '1234#', leg: 'bleg' }]);
	});

	it('refuses, before sending, a call UUID that would not be one segment of the path', async () => {
		await expectRefusedBeforeSending(
			sandbox,
			{ resource: 'call', operation: 'get', callUuid: ' a/b c ' },
			/‘a\/b c’ in the ‘Call UUID’ field is not a call UUID/,
		);
	});
});
