import type { PlivoCore } from './state';
import { newUuid, plivoTime } from './state';

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
	add_time: Date;
	recording_start_ms: number;
	recording_end_ms: number | null;
	recording_duration_ms: number | null;
	/** recording while true; finished once stopped. */
	active: boolean;
}

/** Every recording made by a call, conference or MPC operation. */
export class RecordingStore {
	readonly items: RecordingRecord[] = [];

	constructor(private readonly core: PlivoCore) {}

	start(source: Partial<RecordingRecord> & Pick<RecordingRecord, 'recording_type'>, format: 'mp3' | 'wav' = 'mp3'): RecordingRecord {
		const id = newUuid();
		const now = this.core.now();
		const record: RecordingRecord = {
			recording_id: id,
			recording_url: `https://media.plivo.com/v1/Account/${this.core.account.authId}/Recording/${id}.${format}`,
			recording_format: format,
			call_uuid: null,
			conference_name: null,
			conference_uuid: null,
			mpc_name: null,
			mpc_uuid: null,
			from_number: null,
			to_number: null,
			add_time: now,
			recording_start_ms: now.getTime(),
			recording_end_ms: null,
			recording_duration_ms: null,
			active: true,
			...source,
		};
		this.items.push(record);
		return record;
	}

	stop(record: RecordingRecord): void {
		if (!record.active) return;
		const end = this.core.now().getTime();
		record.active = false;
		record.recording_end_ms = end;
		// A recording lasts at least a second, as Plivo rounds up.
		record.recording_duration_ms = Math.max(1000, end - record.recording_start_ms);
	}

	find(id: string): RecordingRecord | undefined {
		return this.items.find((record) => record.recording_id === id);
	}

	/** The Recording object of the reference (fields as in "Retrieve a recording"). */
	toResource(record: RecordingRecord): Record<string, unknown> {
		const duration = record.recording_duration_ms ?? 0;
		return {
			add_time: plivoTime(record.add_time),
			call_uuid: record.call_uuid,
			conference_name: record.conference_name,
			conference_uuid: record.conference_uuid,
			mpc_name: record.mpc_name,
			mpc_uuid: record.mpc_uuid,
			from_number: record.from_number,
			to_number: record.to_number,
			monthly_recording_storage_amount: 0,
			recording_duration_ms: String(duration.toFixed(1)),
			recording_end_ms: record.recording_end_ms === null ? null : String(record.recording_end_ms.toFixed(1)),
			recording_format: record.recording_format,
			recording_id: record.recording_id,
			recording_start_ms: String(record.recording_start_ms.toFixed(1)),
			recording_storage_duration: Math.floor((this.core.now().getTime() - record.add_time.getTime()) / 86_400_000),
			recording_storage_rate: 0.0004,
			recording_type: record.recording_type,
			recording_url: record.recording_url,
			resource_uri: this.core.accountPath(`/Recording/${record.recording_id}/`),
			rounded_recording_duration: Math.ceil(duration / 60000) * 60,
		};
	}
}
