/**
 * Every Conference operation through n8n-core's RoutingNode against the sandbox: the exact request
 * that arrived and the items the node returned; conference recording with its callback; the
 * conference list search; bad input.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useCallbackReceiver } from '../harness/callbackReceiver.mts';
import { failure, locator, paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { accountPath, runOneRequest, runPlivoVoice, searchPlivoVoice } from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));
const receiver = useCallbackReceiver();

/** The Conference field as the editor stores it: picked from the list, or typed by name. */
const fromList = (name: string) => locator(name);
const byName = (name: string) => locator(name, 'id');

const run = (parameters: INodeParameters) =>
	runOneRequest(sandbox, { resource: 'conference', ...parameters });

function join(name: string, from = '14155550100') {
	return sandbox.state.conferences.join(name, { from, to: '14155550199' });
}

describe('Conference › Get', () => {
	it('gets a conference with its members, as the reference shows it', async () => {
		const first = join('My Conf Room', '14155550100');
		const second = sandbox.state.conferences.join('My Conf Room', {
			from: 'sip:alice@phone.plivo.com',
			to: '14155550199',
			callerName: 'Alice',
		});
		second.muted = true;
		sandbox.state.core.clockOffsetMs += 90_000;

		const { output, request } = await run({
			operation: 'get',
			conferenceName: fromList('My Conf Room'),
		});

		expectRequest(sandbox, request, 'GET', '/Conference/My%20Conf%20Room/');
		expect(request.query).toEqual({});
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					conference_name: 'My Conf Room',
					conference_run_time: '90',
					conference_member_count: '2',
					members: [
						{
							muted: false,
							member_id: first.member_id,
							deaf: false,
							from: '14155550100',
							to: '14155550199',
							caller_name: '',
							direction: 'inbound',
							call_uuid: first.call_uuid,
							join_time: '90',
						},
						{
							muted: true,
							member_id: second.member_id,
							deaf: false,
							from: 'sip:alice@phone.plivo.com',
							to: '14155550199',
							caller_name: 'Alice',
							direction: 'inbound',
							call_uuid: second.call_uuid,
							join_time: '90',
						},
					],
				},
				pairedItem: paired(0),
			},
		]);
	});

	it('takes a name typed By Name, or mapped from an expression, URL-encoded in the path', async () => {
		join('Sales & EMEA: weekly');
		const typed = await run({ operation: 'get', conferenceName: byName(' Sales & EMEA: weekly ') });
		expect(typed.request.path).toBe(
			`${accountPath(sandbox)}/Conference/Sales%20%26%20EMEA%3A%20weekly/`,
		);
		expect(typed.output[0].json.conference_name).toBe('Sales & EMEA: weekly');

		sandbox.server.clearRequests();
		const mapped = await runPlivoVoice(
			sandbox,
			{ resource: 'conference', operation: 'get', conferenceName: byName('={{ $json.room }}') },
			{ items: [{ json: { room: 'Sales & EMEA: weekly' } }] },
		);
		expect(sandbox.requests[0].path).toBe(
			`${accountPath(sandbox)}/Conference/Sales%20%26%20EMEA%3A%20weekly/`,
		);
		expect(mapped[0].json.conference_member_count).toBe('1');
	});

	it('reports Plivo’s 404 for a conference that is not going on', async () => {
		const error = await failure(
			runPlivoVoice(sandbox, {
				resource: 'conference',
				operation: 'get',
				conferenceName: byName('Nobody Here'),
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect((error as NodeApiError).message).toBe('conference not found');
	});
});

describe('Conference › Get Many', () => {
	it('lists the conferences going on, one item per conference', async () => {
		join('Standup');
		join('Board Meeting');
		join('Support Bridge');
		const { output, request } = await run({ operation: 'getMany', returnAll: true });
		expectRequest(sandbox, request, 'GET', '/Conference/');
		expect(request.query).toEqual({});
		expect(output).toEqual([
			{ json: { conference_name: 'Standup' }, pairedItem: paired(0) },
			{ json: { conference_name: 'Board Meeting' }, pairedItem: paired(0) },
			{ json: { conference_name: 'Support Bridge' }, pairedItem: paired(0) },
		]);
	});

	it('applies Limit to Plivo’s unpaged list, with one request', async () => {
		join('Standup');
		join('Board Meeting');
		join('Support Bridge');
		const { output, request } = await run({ operation: 'getMany', returnAll: false, limit: 2 });
		expect(request.query).toEqual({});
		expect(output).toEqual([
			{ json: { conference_name: 'Standup' }, pairedItem: paired(0) },
			{ json: { conference_name: 'Board Meeting' }, pairedItem: paired(0) },
		]);
	});

	it('returns no items when no conference is going on', async () => {
		const { output } = await run({ operation: 'getMany', returnAll: true });
		expect(output).toEqual([]);
	});
});

describe('Conference › Hang Up', () => {
	it('ends a conference and every member’s call', async () => {
		const members = [join('Standup'), join('Standup', '14155550101')];
		join('Other Room');
		const { output, request } = await run({
			operation: 'hangup',
			conferenceName: fromList('Standup'),
		});
		expectRequest(sandbox, request, 'DELETE', '/Conference/Standup/');
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		for (const member of members)
			expect(sandbox.state.calls.calls.get(member.call_uuid)?.status).toBe('completed');
		expect(sandbox.state.conferences.names()).toEqual(['Other Room']);
	});

	it('ends every conference with Hang Up All', async () => {
		const members = [join('Standup'), join('Board Meeting'), join('Board Meeting', '14155550101')];
		const { output, request } = await run({ operation: 'hangupAll' });
		expectRequest(sandbox, request, 'DELETE', '/Conference/');
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(sandbox.state.conferences.names()).toEqual([]);
		for (const member of members)
			expect(sandbox.state.calls.calls.get(member.call_uuid)?.status).toBe('completed');
	});
});

describe('Conference › recording', () => {
	it('starts a recording with every option and stops it; Plivo posts the recording to the callback URL', async () => {
		join('Standup');
		const callbackUrl = receiver.url('/conference-recorded');
		const started = await run({
			operation: 'startRecording',
			conferenceName: fromList('Standup'),
			additionalFields: {
				fileFormat: 'wav',
				transcriptionType: 'auto',
				transcriptionUrl: 'https://example.com/transcription',
				callbackUrl,
				callbackMethod: 'POST',
			},
		});
		expectRequest(sandbox, started.request, 'POST', '/Conference/Standup/Record/');
		expect(started.request.query).toEqual({});
		expect(started.request.body).toEqual({
			file_format: 'wav',
			transcription_type: 'auto',
			transcription_url: 'https://example.com/transcription',
			callback_url: callbackUrl,
			callback_method: 'POST',
		});
		expect(started.request.status).toBe(202);
		const [recording] = sandbox.state.recordings.items;
		const conference = sandbox.state.conferences.get('Standup');
		expect(recording).toMatchObject({
			recording_type: 'conference',
			recording_format: 'wav',
			conference_name: 'Standup',
			conference_uuid: conference.conference_uuid,
			active: true,
		});
		expect(started.output).toEqual([
			{
				json: {
					api_id: apiId,
					message: 'conference recording started',
					recording_id: recording.recording_id,
					url: recording.recording_url,
				},
				pairedItem: paired(0),
			},
		]);
		expect(recording.recording_url).toMatch(/\.wav$/);

		sandbox.state.core.clockOffsetMs += 65_000;
		const stopped = await run({ operation: 'stopRecording', conferenceName: fromList('Standup') });
		expectRequest(sandbox, stopped.request, 'DELETE', '/Conference/Standup/Record/');
		expect(stopped.request.query).toEqual({});
		expect(stopped.request.status).toBe(204);
		expect(stopped.output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(recording.active).toBe(false);

		await sandbox.state.callbacks.idle();
		expect(receiver.received).toEqual([
			{
				method: 'POST',
				url: '/conference-recorded',
				headers: expect.objectContaining({ 'x-plivo-signature-v3': expect.any(String) }),
				params: {
					api_id: started.output[0].json.api_id,
					record_url: recording.recording_url,
					recording_id: recording.recording_id,
					conference_name: 'Standup',
					recording_duration: String(Math.round(recording.recording_duration_ms! / 1000)),
					recording_duration_ms: String(recording.recording_duration_ms),
					recording_start_ms: String(recording.recording_start_ms),
					recording_end_ms: String(recording.recording_end_ms),
				},
			},
		]);
		expect(recording.recording_duration_ms).toBeGreaterThanOrEqual(65_000);
	});

	it('sends only what was set: an MP3 recording with no callback', async () => {
		join('Standup');
		const { request } = await run({
			operation: 'startRecording',
			conferenceName: byName('Standup'),
		});
		expect(request.rawBody).toBe('');
		expect(sandbox.state.recordings.items[0]).toMatchObject({
			recording_format: 'mp3',
			callback: null,
		});
	});

	it('stops the recording when the conference ends, and reports it', async () => {
		join('Standup');
		const callbackUrl = receiver.url('/ended');
		await run({
			operation: 'startRecording',
			conferenceName: fromList('Standup'),
			additionalFields: { callbackUrl, callbackMethod: 'GET' },
		});
		await run({ operation: 'hangup', conferenceName: fromList('Standup') });
		await sandbox.state.callbacks.idle();
		expect(sandbox.state.recordings.items[0].active).toBe(false);
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0]).toMatchObject({
			method: 'GET',
			params: { conference_name: 'Standup' },
		});
	});
});

describe('Conference › list search', () => {
	it('offers the conferences going on, filtered by what the user types', async () => {
		join('Sales Standup');
		join('Board Meeting');
		join('sales review');
		expect(await searchPlivoVoice(sandbox, 'searchConferences')).toEqual({
			results: [
				{ name: 'Sales Standup', value: 'Sales Standup' },
				{ name: 'Board Meeting', value: 'Board Meeting' },
				{ name: 'sales review', value: 'sales review' },
			],
		});
		expect(await searchPlivoVoice(sandbox, 'searchConferences', { filter: ' SALES ' })).toEqual({
			results: [
				{ name: 'Sales Standup', value: 'Sales Standup' },
				{ name: 'sales review', value: 'sales review' },
			],
		});
		// The list is one unpaged request, so there is never a next page.
		expect(
			sandbox.requests.map((request) => [request.method, request.path, request.query]),
		).toEqual([
			['GET', `${accountPath(sandbox)}/Conference/`, {}],
			['GET', `${accountPath(sandbox)}/Conference/`, {}],
		]);
	});
});

describe('Conference › bad input', () => {
	it.each([
		[
			'an empty conference',
			{ operation: 'get', conferenceName: fromList('') },
			/‘Conference’ field is empty/,
		],
		[
			'a conference that resolves to nothing',
			{ operation: 'hangup', conferenceName: byName('={{ $json.missing }}') },
			/‘Conference’ field is empty/,
		],
		[
			'a callback URL that is not a URL',
			{
				operation: 'startRecording',
				conferenceName: fromList('Standup'),
				additionalFields: { callbackUrl: 'example.com/done' },
			},
			/‘example.com\/done’ in the ‘Callback URL’ field/,
		],
		[
			'a transcription URL that is not a URL',
			{
				operation: 'startRecording',
				conferenceName: fromList('Standup'),
				additionalFields: { transcriptionUrl: 'ftp://example.com/t' },
			},
			/‘Transcription URL’/,
		],
	] as Array<[string, INodeParameters, RegExp]>)(
		'%s is refused before sending',
		async (_name, parameters, message) => {
			await expectRefusedBeforeSending(sandbox, { resource: 'conference', ...parameters }, message);
		},
	);
});
