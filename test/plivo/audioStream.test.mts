/**
 * Every Audio Stream operation through n8n-core's RoutingNode against the sandbox: the request
 * that arrived and the items returned; the checks made before sending; the stream list search.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { failure, locator, paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import {
	accountPath,
	liveCall,
	runOneRequest,
	runPlivoVoice,
	searchPlivoVoice,
} from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { CallRecord } from '../sandbox/plivo/calls.mts';
import type { StreamRecord } from '../sandbox/plivo/streams.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** A callback address that refuses connections at once: only what the sandbox sent matters here. */
const STATUS_URL = 'http://127.0.0.1:9/plivo/stream-status';

/** A stream started on the call outside the node. */
function streamOn(call: CallRecord, overrides: Partial<StreamRecord> = {}): StreamRecord {
	return sandbox.state.streams.start(call, {
		service_url: `wss://example.com/audio/${sandbox.state.streams.items.length}`,
		audio_track: 'inbound',
		bidirectional: false,
		stream_timeout: 86_400,
		content_type: 'audio/x-l16;rate=8000',
		status_callback_method: 'POST',
		...overrides,
	});
}

const run = (parameters: INodeParameters) =>
	runOneRequest(sandbox, { resource: 'audioStream', ...parameters });

describe('Audio Stream › Start', () => {
	it('sends every documented option under Plivo’s names, and the stream starts', async () => {
		const call = liveCall(sandbox);
		const { output, request } = await run({
			operation: 'start',
			streamCallUuid: call.call_uuid,
			serviceUrl: 'wss://example.com/audiostream',
			additionalFields: {
				audioTrack: 'inbound',
				bidirectional: true,
				contentType: 'audio/x-l16;rate=16000',
				extraHeaders: 'Team=Sales, Priority=1',
				statusCallbackUrl: STATUS_URL,
				statusCallbackMethod: 'GET',
				streamTimeout: 600,
			},
		});

		expectRequest(sandbox, request, 'POST', `/Call/${call.call_uuid}/Stream/`);
		expect(request.query).toEqual({});
		expect(request.body).toEqual({
			service_url: 'wss://example.com/audiostream',
			audio_track: 'inbound',
			bidirectional: true,
			content_type: 'audio/x-l16;rate=16000',
			extra_headers: 'Team=Sales,Priority=1',
			status_callback_url: STATUS_URL,
			status_callback_method: 'GET',
			stream_timeout: 600,
		});
		expect(request.status).toBe(202);

		const [stream] = sandbox.state.streams.items;
		expect(output).toEqual([
			{
				json: { api_id: apiId, message: 'audio streaming started', stream_id: stream.stream_id },
				pairedItem: paired(0),
			},
		]);
		expect(stream).toMatchObject({
			call_uuid: call.call_uuid,
			bidirectional: true,
			stream_timeout: 600,
			extra_headers: 'Team=Sales,Priority=1',
		});

		await sandbox.state.callbacks.idle();
		expect(
			sandbox.state.callbacks.delivered.map(({ url, method, params }) => ({ url, method, params })),
		).toEqual([
			{
				url: STATUS_URL,
				method: 'GET',
				params: {
					Event: 'StartStream',
					CallUUID: call.call_uuid,
					StreamID: stream.stream_id,
					ServiceURL: 'wss://example.com/audiostream',
				},
			},
		]);
	});

	it('sends only the service URL when nothing else is set', async () => {
		const call = liveCall(sandbox);
		const { request } = await run({
			operation: 'start',
			streamCallUuid: call.call_uuid,
			serviceUrl: 'ws://10.0.0.5:19088/ws',
			additionalFields: { extraHeaders: '' },
		});
		expect(request.body).toEqual({ service_url: 'ws://10.0.0.5:19088/ws' });
		expect(sandbox.state.streams.items[0]).toMatchObject({
			audio_track: 'inbound',
			bidirectional: false,
			stream_timeout: 86_400,
		});
		await sandbox.state.callbacks.idle();
		expect(sandbox.state.callbacks.delivered).toEqual([]);
	});

	it('reports Plivo’s 400 when the call already streams to that URL', async () => {
		const call = liveCall(sandbox);
		streamOn(call, { service_url: 'wss://example.com/audiostream' });
		const error = await failure(
			runPlivoVoice(sandbox, {
				resource: 'audioStream',
				operation: 'start',
				streamCallUuid: call.call_uuid,
				serviceUrl: 'wss://example.com/audiostream',
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error.message).toMatch(/already exists/);
	});

	it('reports Plivo’s 404 for a call that is not in progress', async () => {
		const error = await failure(
			runPlivoVoice(sandbox, {
				resource: 'audioStream',
				operation: 'start',
				streamCallUuid: 'no-such-call',
				serviceUrl: 'wss://example.com/a',
			}),
		);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(error.message).toBe('call not found');
	});
});

describe('Audio Stream › bad input fails before any request, naming the field', () => {
	const start = {
		resource: 'audioStream',
		operation: 'start',
		streamCallUuid: 'abc',
		serviceUrl: 'wss://example.com/a',
	};
	const cases: Array<[string, INodeParameters, RegExp]> = [
		['an empty service URL', { ...start, serviceUrl: '' }, /‘Service URL’ field is empty/],
		[
			'an http service URL',
			{ ...start, serviceUrl: 'https://example.com/a' },
			/‘https:\/\/example.com\/a’ in the ‘Service URL’ field is not a full URL starting with ws:\/\/ or wss:\/\//,
		],
		[
			'a bidirectional stream of both tracks',
			{ ...start, additionalFields: { bidirectional: true, audioTrack: 'both' } },
			/bidirectional stream can only carry the Inbound audio track; ‘Audio Track’ is "both"/,
		],
		[
			'a stream timeout of 0',
			{ ...start, additionalFields: { streamTimeout: '={{ 0 }}' } },
			/‘Stream Timeout’ must be a whole number of at least 1; got 0/,
		],
		[
			'extra headers with symbols',
			{ ...start, additionalFields: { extraHeaders: 'X-Team=Sales' } },
			/‘X-Team=Sales’ in ‘Extra Headers’/,
		],
		[
			'extra headers over 512 bytes',
			{ ...start, additionalFields: { extraHeaders: `A=${'x'.repeat(511)}` } },
			/‘Extra Headers’ is 513 bytes long; Plivo accepts at most 512/,
		],
		[
			'a status callback URL that is not a URL',
			{ ...start, additionalFields: { statusCallbackUrl: 'example.com/status' } },
			/‘Status Callback URL’/,
		],
		['an empty call UUID', { ...start, streamCallUuid: ' ' }, /‘Call UUID’ field is empty/],
		[
			'a stream that resolves to nothing',
			{
				resource: 'audioStream',
				operation: 'stop',
				streamCallUuid: 'abc',
				streamId: locator('={{ $json.missing }}', 'id'),
			},
			/‘Stream’ field is empty/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(sandbox, parameters, message);
	});
});

describe('Audio Stream › Get Many and Get', () => {
	it('lists a call’s streams, active and ended, one item each', async () => {
		const call = liveCall(sandbox);
		const ended = streamOn(call);
		sandbox.state.streams.stop(ended);
		const active = streamOn(call);
		streamOn(liveCall(sandbox));
		const { output, request } = await run({
			operation: 'getMany',
			streamCallUuid: call.call_uuid,
			returnAll: true,
		});
		expectRequest(sandbox, request, 'GET', `/Call/${call.call_uuid}/Stream/`);
		expect(request.query).toEqual({ limit: '20', offset: '0' });
		expect(output).toEqual([
			{ json: sandbox.state.streams.toResource(ended), pairedItem: paired(0) },
			{ json: sandbox.state.streams.toResource(active), pairedItem: paired(0) },
		]);
		expect(output[0].json).toMatchObject({
			stream_id: ended.stream_id,
			end_time: expect.any(String),
			bill_duration: 1,
			rounded_bill_duration: 60,
			billed_amount: '0.00300',
		});
		expect(output[1].json).toMatchObject({
			stream_id: active.stream_id,
			end_time: null,
			plivo_auth_id: sandbox.account.authId,
		});
	});

	it('Return All walks every page; Limit asks only for what it needs', async () => {
		const call = liveCall(sandbox);
		const streams = Array.from({ length: 23 }, () => streamOn(call));
		sandbox.server.clearRequests();
		const all = await runPlivoVoice(sandbox, {
			resource: 'audioStream',
			operation: 'getMany',
			streamCallUuid: call.call_uuid,
			returnAll: true,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '20', offset: '20' },
		]);
		expect(all.map((item) => item.json.stream_id)).toEqual(
			streams.map((stream) => stream.stream_id),
		);

		sandbox.server.clearRequests();
		const some = await runPlivoVoice(sandbox, {
			resource: 'audioStream',
			operation: 'getMany',
			streamCallUuid: call.call_uuid,
			returnAll: false,
			limit: 21,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '1', offset: '20' },
		]);
		expect(some.map((item) => item.json.stream_id)).toEqual(
			streams.slice(0, 21).map((stream) => stream.stream_id),
		);
	});

	it.each([
		['picked from the list', 'list'],
		['typed as an ID', 'id'],
	] as const)(
		'gets one stream %s, on the documented path with its trailing slash',
		async (_name, mode) => {
			const call = liveCall(sandbox);
			const stream = streamOn(call, { audio_track: 'both' });
			const { output, request } = await run({
				operation: 'get',
				streamCallUuid: call.call_uuid,
				streamId: locator(stream.stream_id, mode),
			});
			expectRequest(sandbox, request, 'GET', `/Call/${call.call_uuid}/Stream/${stream.stream_id}/`);
			expect(request.query).toEqual({});
			expect(output).toEqual([
				{
					json: { api_id: apiId, ...sandbox.state.streams.toResource(stream) },
					pairedItem: paired(0),
				},
			]);
			expect(output[0].json).toMatchObject({
				audio_track: 'both',
				call_uuid: call.call_uuid,
				resource_uri: `${accountPath(sandbox)}/Call/${call.call_uuid}/Stream/${stream.stream_id}/`,
			});
		},
	);

	it('takes the stream ID mapped from an earlier step', async () => {
		const call = liveCall(sandbox);
		const stream = streamOn(call);
		sandbox.server.clearRequests();
		const output = await runPlivoVoice(
			sandbox,
			{
				resource: 'audioStream',
				operation: 'get',
				streamCallUuid: '={{ $json.call_uuid }}',
				streamId: locator('={{ $json.stream_id }}', 'id'),
			},
			{ items: [{ json: { call_uuid: call.call_uuid, stream_id: stream.stream_id } }] },
		);
		expect(sandbox.requests[0].path).toMatch(
			new RegExp(`/Call/${call.call_uuid}/Stream/${stream.stream_id}/$`),
		);
		expect(output[0].json.stream_id).toBe(stream.stream_id);
	});

	it('shows a stream ended when its call hung up', async () => {
		const call = liveCall(sandbox);
		const stream = streamOn(call, { status_callback_url: STATUS_URL });
		await runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'hangup',
			callUuid: call.call_uuid,
		});
		const { output } = await run({
			operation: 'get',
			streamCallUuid: call.call_uuid,
			streamId: locator(stream.stream_id),
		});
		expect(output[0].json.end_time).toEqual(
			expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/),
		);
		await sandbox.state.callbacks.idle();
		expect(sandbox.state.callbacks.delivered.map((callback) => callback.params.Event)).toEqual([
			'StartStream',
			'StopStream',
		]);
	});
});

describe('Audio Stream › Stop All and Stop', () => {
	it('stops every stream of the call, with a StopStream callback for each', async () => {
		const call = liveCall(sandbox);
		const streams = [streamOn(call, { status_callback_url: STATUS_URL }), streamOn(call)];
		const other = streamOn(liveCall(sandbox));
		const { output, request } = await run({ operation: 'stopAll', streamCallUuid: call.call_uuid });
		expectRequest(sandbox, request, 'DELETE', `/Call/${call.call_uuid}/Stream/`);
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(streams.every((stream) => stream.ended_at)).toBe(true);
		expect(other.ended_at).toBeUndefined();
		await sandbox.state.callbacks.idle();
		expect(
			sandbox.state.callbacks.delivered.map((callback) => [
				callback.params.Event,
				callback.params.StreamID,
			]),
		).toEqual([
			['StartStream', streams[0].stream_id],
			['StopStream', streams[0].stream_id],
		]);
	});

	it('reports Plivo’s documented 400 when nothing streams', async () => {
		const call = liveCall(sandbox);
		const error = await failure(
			runPlivoVoice(sandbox, {
				resource: 'audioStream',
				operation: 'stopAll',
				streamCallUuid: call.call_uuid,
			}),
		);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error.message).toBe('No active stream found');
	});

	it('stops one stream on the documented path; the others go on', async () => {
		const call = liveCall(sandbox);
		const [first, second] = [streamOn(call), streamOn(call)];
		const { output, request } = await run({
			operation: 'stop',
			streamCallUuid: call.call_uuid,
			streamId: locator(first.stream_id, 'id'),
		});
		expectRequest(sandbox, request, 'DELETE', `/Call/${call.call_uuid}/Stream/${first.stream_id}/`);
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect(first.ended_at).toBeInstanceOf(Date);
		expect(second.ended_at).toBeUndefined();

		const again = await failure(
			runPlivoVoice(sandbox, {
				resource: 'audioStream',
				operation: 'stop',
				streamCallUuid: call.call_uuid,
				streamId: locator(first.stream_id),
			}),
		);
		expect(again.message).toBe('No active stream found');
	});
});

describe('Audio Stream › list search', () => {
	/** The editor's parameters while a stream is being picked for Stop. */
	const streamOperation = (callUuid: string) => ({
		resource: 'audioStream',
		operation: 'stop',
		streamCallUuid: callUuid,
	});

	it('lists the streams of the call in “Call UUID”, and filters them', async () => {
		const call = liveCall(sandbox);
		const [sales, support] = [
			streamOn(call, { service_url: 'wss://example.com/sales' }),
			streamOn(call, { service_url: 'wss://example.com/support' }),
		];
		sandbox.state.streams.stop(support);
		streamOn(liveCall(sandbox), { service_url: 'wss://example.com/sales' });

		const all = await searchPlivoVoice(sandbox, 'searchAudioStreams', {
			parameters: streamOperation(call.call_uuid),
		});
		expect(all).toEqual({
			results: [
				{
					name: `wss://example.com/sales (started ${String(sandbox.state.streams.toResource(sales).start_time)})`,
					value: sales.stream_id,
				},
				{
					name: `wss://example.com/support (started ${String(sandbox.state.streams.toResource(support).start_time)}, ended ${String(sandbox.state.streams.toResource(support).end_time)})`,
					value: support.stream_id,
				},
			],
			paginationToken: undefined,
		});
		const [request] = sandbox.requests.slice(-1);
		expect(request.path).toBe(`${accountPath(sandbox)}/Call/${call.call_uuid}/Stream/`);
		expect(request.query).toEqual({ limit: '20', offset: '0' });

		const filtered = await searchPlivoVoice(sandbox, 'searchAudioStreams', {
			parameters: streamOperation(call.call_uuid),
			filter: 'SUPPORT',
		});
		expect(filtered.results.map((result) => result.value)).toEqual([support.stream_id]);
	});

	it('pages through a long list with the pagination token', async () => {
		const call = liveCall(sandbox);
		const streams = Array.from({ length: 21 }, () => streamOn(call));
		const first = await searchPlivoVoice(sandbox, 'searchAudioStreams', {
			parameters: streamOperation(call.call_uuid),
		});
		expect(first.results).toHaveLength(20);
		expect(first.paginationToken).toBe('20');
		const second = await searchPlivoVoice(sandbox, 'searchAudioStreams', {
			parameters: streamOperation(call.call_uuid),
			paginationToken: '20',
		});
		expect(second).toEqual({
			results: [expect.objectContaining({ value: streams[20].stream_id })],
			paginationToken: undefined,
		});
	});

	it('asks for the call first', async () => {
		const error = await failure(
			searchPlivoVoice(sandbox, 'searchAudioStreams', { parameters: streamOperation('') }),
		);
		expect(error.message).toBe(
			'Enter the Call UUID first: the list shows the streams of that call.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a Call UUID that is not one path segment, before any request', async () => {
		const error = await failure(
			searchPlivoVoice(sandbox, 'searchAudioStreams', { parameters: streamOperation('..') }),
		);
		expect(error.message).toMatch(/^‘\.\.’ in the ‘Call UUID’ field is not an ID or name/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('says why it cannot list when the call comes from an expression on input data', async () => {
		const error = await failure(
			searchPlivoVoice(sandbox, 'searchAudioStreams', {
				parameters: streamOperation('={{ $json.call_uuid }}'),
			}),
		);
		expect(error.message).toMatch(
			/^The list cannot read the Call UUID: its expression needs input data/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Audio Stream in workflows saved with version 1 of the node', () => {
	// Version 1 saved the call as `callUuid`, the name Call's operations use (nodes/PlivoVoice/versions.ts).
	const version = 1;

	it.each([
		['start', 'POST', '', { serviceUrl: 'wss://example.com/v1' }],
		['getMany', 'GET', '', {}],
		['get', 'GET', 'stream', {}],
		['stop', 'DELETE', 'stream', {}],
		['stopAll', 'DELETE', '', {}],
	] as const)(
		'%s reads the call from Call UUID as version 1 saved it',
		async (operation, method, withStream, extra) => {
			const call = liveCall(sandbox);
			const stream = streamOn(call);
			const { request } = await runOneRequest(
				sandbox,
				{
					resource: 'audioStream',
					operation,
					callUuid: call.call_uuid,
					...(withStream ? { streamId: locator(stream.stream_id) } : {}),
					...extra,
				},
				{ version },
			);
			expect(request.method).toBe(method);
			expect(request.path).toBe(
				`${accountPath(sandbox)}/Call/${call.call_uuid}/Stream/${withStream ? `${stream.stream_id}/` : ''}`,
			);
		},
	);

	it('lists the streams of the call in Call UUID', async () => {
		const call = liveCall(sandbox);
		const stream = streamOn(call);
		const found = await searchPlivoVoice(sandbox, 'searchAudioStreams', {
			parameters: { resource: 'audioStream', operation: 'stop', callUuid: call.call_uuid },
			version,
		});
		expect(found.results.map((result) => result.value)).toEqual([stream.stream_id]);
	});
});
