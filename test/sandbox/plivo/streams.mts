/**
 * The Audio Stream resource, from the reference's "Audio Stream" section: streams forked from a
 * live call to a WebSocket service, listed and fetched with their billing, stopped one by one or
 * all at once. Status callbacks (StartStream, StopStream) go to `status_callback_url` when given.
 */
import type { FakeServer } from '../core.mts';
import {
	badRequest,
	boolean,
	httpMethod,
	integer,
	keyValueList,
	notFound,
	onlyKnown,
	oneOf,
	queryArgs,
	requiredUrl,
	url,
} from './arguments.mts';
import type { CallbackDispatcher } from './callbacks.mts';
import type { CallRecord, CallStore } from './calls.mts';
import type { PlivoState } from './index.mts';
import { paginate } from './pagination.mts';
import type { PlivoCore } from './state.mts';
import { apiReply, newUuid, plivoTime, sessionTime } from './state.mts';

const START_ARGS = [
	'service_url',
	'bidirectional',
	'audio_track',
	'stream_timeout',
	'status_callback_url',
	'status_callback_method',
	'content_type',
	'extra_headers',
];

const CONTENT_TYPES = [
	'audio/x-l16;rate=8000',
	'audio/x-l16;rate=16000',
	'audio/x-mulaw;rate=8000',
] as const;

/** "Defaults to 86,400 (24 hours)." */
const DEFAULT_TIMEOUT_SECONDS = 86_400;

/** Per started minute, in USD: the reference's example bills 27 s (rounded to 60) as 0.00300. */
const RATE_PER_MINUTE = 0.003;

export interface StreamRecord {
	stream_id: string;
	call_uuid: string;
	service_url: string;
	audio_track: 'inbound' | 'outbound' | 'both';
	bidirectional: boolean;
	stream_timeout: number;
	content_type: string;
	extra_headers?: string;
	status_callback_url?: string;
	status_callback_method: 'GET' | 'POST';
	started_at: Date;
	/** Set once the stream stopped: on request, at its timeout, or when its call ended. */
	ended_at?: Date;
}

export class StreamStore {
	readonly items: StreamRecord[] = [];

	constructor(
		private readonly core: PlivoCore,
		private readonly calls: CallStore,
		private readonly callbacks: CallbackDispatcher,
	) {}

	reset(): void {
		this.items.length = 0;
	}

	forCall(callUuid: string): StreamRecord[] {
		this.settle();
		return this.items.filter((stream) => stream.call_uuid === callUuid);
	}

	active(callUuid: string): StreamRecord[] {
		return this.forCall(callUuid).filter((stream) => !stream.ended_at);
	}

	start(
		call: CallRecord,
		options: Omit<StreamRecord, 'stream_id' | 'call_uuid' | 'started_at'>,
	): StreamRecord {
		const stream: StreamRecord = {
			stream_id: newUuid(),
			call_uuid: call.call_uuid,
			started_at: this.core.now(),
			...options,
		};
		this.items.push(stream);
		this.notify(stream, 'StartStream');
		return stream;
	}

	stop(stream: StreamRecord, at = this.core.now()): void {
		if (stream.ended_at) return;
		stream.ended_at = at;
		this.notify(stream, 'StopStream');
	}

	/** Ends the streams whose call has ended or whose timeout has passed, as Plivo would have. */
	settle(): void {
		const now = this.core.now().getTime();
		for (const stream of this.items) {
			if (stream.ended_at) continue;
			const timeout = stream.started_at.getTime() + stream.stream_timeout * 1000;
			const call = this.calls.calls.get(stream.call_uuid);
			const callEnd = call?.status === 'completed' ? (call.ended_at?.getTime() ?? now) : Infinity;
			const end = Math.min(timeout, callEnd);
			if (end <= now) this.stop(stream, new Date(end));
		}
	}

	/** The audio stream object of the reference. */
	toResource(stream: StreamRecord): Record<string, unknown> {
		const seconds = stream.ended_at
			? Math.max(1, Math.ceil((stream.ended_at.getTime() - stream.started_at.getTime()) / 1000))
			: 0;
		const rounded = Math.ceil(seconds / 60) * 60;
		return {
			audio_track: stream.audio_track,
			bidirectional: stream.bidirectional,
			bill_duration: seconds,
			billed_amount: ((rounded / 60) * RATE_PER_MINUTE).toFixed(5),
			call_uuid: stream.call_uuid,
			created_at: `${sessionTime(stream.started_at)}+00:00`,
			end_time: plivoTime(stream.ended_at),
			plivo_auth_id: this.core.account.authId,
			resource_uri: this.core.accountPath(`/Call/${stream.call_uuid}/Stream/${stream.stream_id}/`),
			rounded_bill_duration: rounded,
			service_url: stream.service_url,
			start_time: plivoTime(stream.started_at),
			stream_id: stream.stream_id,
		};
	}

	/**
	 * `Event` is what plivo-facts.md documents for stream status callbacks; the call and stream
	 * ids say which stream it is about.
	 */
	private notify(stream: StreamRecord, event: 'StartStream' | 'StopStream'): void {
		if (!stream.status_callback_url) return;
		void this.callbacks.send(stream.status_callback_url, stream.status_callback_method, {
			Event: event,
			CallUUID: stream.call_uuid,
			StreamID: stream.stream_id,
			ServiceURL: stream.service_url,
		});
	}
}

/** A call the streams belong to: live, ended or queued, but known. */
function knownCall(state: PlivoState, callUuid: string): CallRecord {
	const call = state.calls.calls.get(callUuid);
	if (!call) throw notFound('call not found');
	return call;
}

/** The error the reference documents for stopping when nothing streams. */
const NO_ACTIVE_STREAM = 'No active stream found';

export function registerStreamRoutes(server: FakeServer<PlivoState>): void {
	const streams = '/v1/Account/:authId/Call/:callUuid/Stream/';

	server.route('POST', streams, ({ params, body, state }) => {
		onlyKnown(body, START_ARGS);
		const call = state.calls.live(params.callUuid);
		const serviceUrl = requiredUrl(body, 'service_url', ['ws:', 'wss:']);
		const bidirectional = boolean(body, 'bidirectional', false)!;
		const audioTrack = oneOf(
			body,
			'audio_track',
			['inbound', 'outbound', 'both'] as const,
			'inbound',
		)!;
		// "When the bidirectional value is set to true, the audio_track value should not be set to
		// outbound or both."
		if (bidirectional && audioTrack !== 'inbound')
			throw badRequest('audio_track must be inbound when bidirectional is true');
		const streamTimeout = integer(body, 'stream_timeout', 1, undefined, DEFAULT_TIMEOUT_SECONDS)!;
		const statusCallbackUrl = url(body, 'status_callback_url');
		const statusCallbackMethod = httpMethod(body, 'status_callback_method');
		const contentType = oneOf(body, 'content_type', CONTENT_TYPES, 'audio/x-l16;rate=8000')!;
		const extraHeaders = keyValueList(body, 'extra_headers', 512);
		// "If a qualified URL is not present, or an active stream is already supplied to the URL,
		// a 400 error is returned."
		if (state.streams.active(call.call_uuid).some((stream) => stream.service_url === serviceUrl)) {
			throw badRequest(`an active stream to ${serviceUrl} already exists on this call`);
		}
		const stream = state.streams.start(call, {
			service_url: serviceUrl,
			audio_track: audioTrack,
			bidirectional,
			stream_timeout: streamTimeout,
			content_type: contentType,
			extra_headers: extraHeaders,
			status_callback_url: statusCallbackUrl,
			status_callback_method: statusCallbackMethod,
		});
		// The reference states no status code here; 202 is what it gives for the other requests
		// that start something on a live call (record, play, speak).
		return apiReply(202, { message: 'audio streaming started', stream_id: stream.stream_id });
	});

	// The reference's list example (2023) is followed: `meta.total_count` and the stream fields of
	// "Retrieve an audio stream". The SDKs' older fixture (liveCallStreamGetAllResponse.json in
	// plivo-go and plivo-python) has `meta.count` and per-stream `status` / `status_callback_url`,
	// whose values the reference does not describe.
	server.route('GET', streams, ({ params, query, state }) => {
		const args = queryArgs(query);
		onlyKnown(args, ['limit', 'offset']);
		const call = knownCall(state, params.callUuid);
		const list = state.streams
			.forCall(call.call_uuid)
			.map((stream) => state.streams.toResource(stream));
		return {
			status: 200,
			body: paginate(list, args, {
				apiId: newUuid(),
				path: state.core.accountPath(`/Call/${call.call_uuid}/Stream/`),
			}),
		};
	});

	server.route('DELETE', streams, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const call = knownCall(state, params.callUuid);
		const active = state.streams.active(call.call_uuid);
		if (active.length === 0) throw badRequest(NO_ACTIVE_STREAM);
		for (const stream of active) state.streams.stop(stream);
		return { status: 204 };
	});

	const oneStream = `${streams}:streamId/`;

	function findStream(state: PlivoState, callUuid: string, streamId: string) {
		const stream = state.streams
			.forCall(knownCall(state, callUuid).call_uuid)
			.find((candidate) => candidate.stream_id === streamId);
		if (!stream) throw notFound('stream not found');
		return stream;
	}

	server.route('GET', oneStream, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		return apiReply(
			200,
			state.streams.toResource(findStream(state, params.callUuid, params.streamId)),
		);
	});

	server.route('DELETE', oneStream, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const stream = findStream(state, params.callUuid, params.streamId);
		if (stream.ended_at) throw badRequest(NO_ACTIVE_STREAM);
		state.streams.stop(stream);
		return { status: 204 };
	});
}
