/**
 * Recordings, from the reference's "Recording" section: every recording that a call, conference
 * or MPC recording operation makes lands in the RecordingStore; once finished it can be listed
 * (with every documented filter), fetched and deleted through `/Recording/`.
 */
import type { FakeServer, Reply } from '../core.mts';
import type { Args, CallbackTarget } from './arguments.mts';
import {
	badRequest,
	callbackTarget,
	notFound,
	oneOf,
	onlyKnown,
	optionalString,
	queryArgs,
	url,
} from './arguments.mts';
import type { CallbackDispatcher, CallbackParams } from './callbacks.mts';
import { comparisonNames, integerComparison, timeComparison, timeWindow } from './filters.mts';
import { paginate } from './pagination.mts';
import type { PlivoState } from './index.mts';
import type { PlivoCore } from './state.mts';
import { apiReply, newUuid, plivoTime } from './state.mts';

const DAY_MS = 86_400_000;

/** A recording as the Recording resource returns it. */
export interface RecordingRecord {
	recording_id: string;
	recording_url: string;
	recording_format: 'mp3' | 'wav';
	recording_type: 'normal' | 'conference' | 'mpc';
	call_uuid: string | null;
	conference_name: string | null;
	conference_uuid: string | null;
	mpc_name: string | null;
	mpc_uuid: string | null;
	from_number: string | null;
	to_number: string | null;
	/** Auth ID of the subaccount the recorded call belongs to. */
	subaccount: string | null;
	add_time: Date;
	recording_start_ms: number;
	recording_end_ms: number | null;
	recording_duration_ms: number | null;
	/** recording while true; finished once stopped. */
	active: boolean;
	/** When the current pause began (MPC and participant recordings can be paused); null otherwise. */
	paused_since_ms: number | null;
	/** Time spent in pauses that have ended: it is not part of the recording. */
	paused_ms: number;
	/** Where Plivo reports the finished recording (the record request's `callback_url`). */
	callback: RecordingCallback | null;
}

export interface RecordingCallback extends CallbackTarget {
	/** The `api_id` of the request that started the recording: the callback repeats it. */
	apiId: string;
}

/** The arguments of a record request that the call and conference record APIs share. */
export const RECORD_ARGUMENTS = [
	'file_format',
	'transcription_type',
	'transcription_url',
	'callback_url',
	'callback_method',
];

/** Every recording made by a call, conference or MPC operation. */
export class RecordingStore {
	readonly items: RecordingRecord[] = [];

	constructor(
		private readonly core: PlivoCore,
		private readonly callbacks: CallbackDispatcher,
	) {}

	reset(): void {
		this.items.length = 0;
	}

	start(
		source: Partial<RecordingRecord> & Pick<RecordingRecord, 'recording_type'>,
		format: 'mp3' | 'wav' = 'mp3',
	): RecordingRecord {
		const id = newUuid();
		const now = this.core.now();
		const record: RecordingRecord = {
			recording_id: id,
			recording_url: `${this.core.mediaBaseUrl}/v1/Account/${this.core.account.authId}/Recording/${id}.${format}`,
			recording_format: format,
			call_uuid: null,
			conference_name: null,
			conference_uuid: null,
			mpc_name: null,
			mpc_uuid: null,
			from_number: null,
			to_number: null,
			subaccount: null,
			add_time: now,
			recording_start_ms: now.getTime(),
			recording_end_ms: null,
			recording_duration_ms: null,
			active: true,
			paused_since_ms: null,
			paused_ms: 0,
			callback: null,
			...source,
		};
		this.items.push(record);
		return record;
	}

	/**
	 * Starts the recording a record request asks for (call or conference record API), after
	 * checking the arguments they share, and answers as they do: 202 with the recording's ID and URL.
	 */
	startRequested(
		args: Args,
		source: Partial<RecordingRecord> & Pick<RecordingRecord, 'recording_type'>,
		message: string,
	): Reply {
		const format = oneOf(args, 'file_format', ['mp3', 'wav'] as const, 'mp3')!;
		oneOf(args, 'transcription_type', ['auto'] as const);
		url(args, 'transcription_url');
		// callback_url/callback_method here are the recording's own callback, not async mode.
		const target = callbackTarget(args, 'callback');
		const apiId = newUuid();
		const callback = target === undefined ? null : { ...target, apiId };
		const record = this.start({ ...source, callback }, format);
		return {
			status: 202,
			body: {
				api_id: apiId,
				message,
				recording_id: record.recording_id,
				url: record.recording_url,
			},
		};
	}

	/** Pauses a recording in progress: nothing is recorded, and its duration does not grow, until it resumes. */
	pause(record: RecordingRecord): void {
		if (!record.active || record.paused_since_ms !== null) return;
		record.paused_since_ms = this.core.now().getTime();
	}

	/** Resumes a paused recording, in the same file. */
	resume(record: RecordingRecord): void {
		if (record.paused_since_ms === null) return;
		record.paused_ms += this.core.now().getTime() - record.paused_since_ms;
		record.paused_since_ms = null;
	}

	/** Ends a recording, now or at `endMs` (a message that lasted exactly so long). */
	stop(record: RecordingRecord, endMs?: number): void {
		if (!record.active) return;
		this.resume(record);
		const end = endMs ?? this.core.now().getTime();
		record.active = false;
		record.recording_end_ms = end;
		// What was recorded, pauses left out; at least a second, as Plivo rounds up.
		record.recording_duration_ms = Math.max(
			1000,
			end - record.recording_start_ms - record.paused_ms,
		);
		if (record.callback) {
			const { url, method, apiId } = record.callback;
			void this.callbacks.send(url, method, this.callbackParams(record, apiId));
		}
	}

	find(id: string): RecordingRecord | undefined {
		return this.items.find((record) => record.recording_id === id);
	}

	/**
	 * A recording the account has: finished (a recording in progress has no file yet) and not
	 * deleted. Otherwise 404, as for an unknown id.
	 */
	available(id: string): RecordingRecord {
		const record = this.find(id);
		if (!record || record.active) throw notFound('recording not found');
		return record;
	}

	delete(record: RecordingRecord): void {
		this.items.splice(this.items.indexOf(record), 1);
	}

	/** Days the recording has been stored: 1 on the day it was added, one more every 24 hours. */
	storageDays(record: RecordingRecord): number {
		return Math.floor((this.core.now().getTime() - record.add_time.getTime()) / DAY_MS) + 1;
	}

	/**
	 * The Recording object of the reference ("The Recording object"), plus `from_number` and
	 * `to_number`: the reference offers them as list filters but leaves them out of the object,
	 * while plivo-go's Recording type carries both (recordings.go). Null where a recording has no
	 * call numbers (conference and MPC recordings).
	 */
	toResource(record: RecordingRecord): Record<string, unknown> {
		const duration = record.recording_duration_ms ?? 0;
		return {
			add_time: plivoTime(record.add_time),
			call_uuid: record.call_uuid,
			conference_name: record.conference_name,
			from_number: record.from_number,
			monthly_recording_storage_amount: '0.00000',
			recording_duration_ms: duration.toFixed(5),
			recording_end_ms:
				record.recording_end_ms === null ? null : record.recording_end_ms.toFixed(5),
			recording_format: record.recording_format,
			recording_id: record.recording_id,
			recording_start_ms: record.recording_start_ms.toFixed(5),
			recording_storage_duration: this.storageDays(record),
			recording_storage_rate: '0.0004',
			recording_type: record.recording_type,
			recording_url: record.recording_url,
			resource_uri: this.core.accountPath(`/Recording/${record.recording_id}/`),
			// Rounded up to whole minutes; anything shorter than a minute counts as one.
			rounded_recording_duration: Math.max(1, Math.ceil(duration / 60000)) * 60,
			to_number: record.to_number,
		};
	}

	/**
	 * What a recording's `callback_url` receives when it ends: the parameters the reference lists
	 * for the call and the conference record APIs ("List of parameters sent to the callback URL"),
	 * in snake_case as written there, with the call UUID or the conference name.
	 */
	callbackParams(record: RecordingRecord, apiId: string): CallbackParams {
		const duration = record.recording_duration_ms ?? 0;
		const source: CallbackParams =
			record.recording_type === 'conference'
				? { conference_name: record.conference_name ?? '' }
				: { call_uuid: record.call_uuid ?? '' };
		return {
			api_id: apiId,
			record_url: record.recording_url,
			recording_id: record.recording_id,
			...source,
			recording_duration: String(Math.round(duration / 1000)),
			recording_duration_ms: String(duration),
			recording_start_ms: String(record.recording_start_ms),
			recording_end_ms: String(record.recording_end_ms),
		};
	}
}

/** `14155550100` and `+14155550100` are the same number; SIP endpoints compare as they are. */
function sameNumber(stored: string | null, wanted: string | undefined): boolean {
	if (wanted === undefined) return true;
	return stored !== null && stored.replace(/^\+/, '') === wanted.replace(/^\+/, '');
}

const TEXT_FILTERS = [
	'subaccount',
	'call_uuid',
	'mpc_name',
	'mpc_uuid',
	'conference_name',
	'conference_uuid',
] as const;

/** The filters of "List all recordings" as a predicate; 400 for what the reference forbids. */
function recordingFilter(
	args: Args,
	store: RecordingStore,
	now: Date,
): (record: RecordingRecord) => boolean {
	const addTime = timeComparison(args, 'add_time');
	const storage = integerComparison(args, 'recording_storage_duration');
	if (addTime.given && storage.given)
		throw badRequest('recording_storage_duration cannot be used with add_time');
	// Storage days count whole days, so the window is counted in days as well.
	if (
		storage.lower !== undefined &&
		storage.upper !== undefined &&
		storage.upper - storage.lower > 30
	) {
		throw badRequest('the recording_storage_duration range cannot be more than 30 days');
	}
	// Filtering by storage duration replaces the default 7-day window of add_time.
	const added = timeWindow(addTime, 'add_time', now, { applyDefault: !storage.given });
	const from = optionalString(args, 'from_number');
	const to = optionalString(args, 'to_number');
	const text = Object.fromEntries(TEXT_FILTERS.map((name) => [name, optionalString(args, name)]));
	return (record) =>
		added(record.add_time.getTime()) &&
		storage.matches(store.storageDays(record)) &&
		sameNumber(record.from_number, from) &&
		sameNumber(record.to_number, to) &&
		TEXT_FILTERS.every((name) => text[name] === undefined || record[name] === text[name]);
}

export function registerRecordingRoutes(server: FakeServer<PlivoState>): void {
	const base = '/v1/Account/:authId';

	server.route('GET', `${base}/Recording/`, ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnown(args, [
			'from_number',
			'to_number',
			...TEXT_FILTERS,
			'limit',
			'offset',
			...comparisonNames('add_time'),
			...comparisonNames('recording_storage_duration'),
		]);
		const matches = recordingFilter(args, state.recordings, state.core.now());
		const recordings = state.recordings.items
			.filter((record) => !record.active && matches(record))
			.sort((a, b) => b.add_time.getTime() - a.add_time.getTime());
		return {
			status: 200,
			body: paginate(
				recordings.map((record) => state.recordings.toResource(record)),
				args,
				{
					apiId: newUuid(),
					path: state.core.accountPath('/Recording/'),
				},
			),
		};
	});

	server.route('GET', `${base}/Recording/:recordingId/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const record = state.recordings.available(params.recordingId);
		return apiReply(200, state.recordings.toResource(record));
	});

	server.route('DELETE', `${base}/Recording/:recordingId/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		state.recordings.delete(state.recordings.available(params.recordingId));
		return { status: 204 };
	});
}
