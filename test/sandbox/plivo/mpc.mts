/**
 * Multiparty calls (MPCs) and their participants, from the reference's sections "Multiparty call",
 * "Multiparty call participants", "Participant-level recording", "Play audio on a MPC call" and
 * "Multiparty Call Recording" (shared/seeds/004_…, L7198–L14205), and seeds 000–002, whose
 * response bodies are answered here field for field.
 *
 * An MPC is created by its first participant (there is no create request), waits `Initialized`
 * until a participant joins with start_mpc_on_enter (or Start is called), is `Active`, and
 * `Ended` by End, by its last participant leaving, by a participant left alone when stay_alone is
 * off, or by its max_duration. Participants added through the API are calls in the CallStore;
 * recordings land in the RecordingStore; the status, recording and call-status callbacks go out
 * signed, as Plivo sends them.
 */
import type { EventEmitter } from 'node:events';

import type { FakeServer, Handler } from '../core.mts';
import type { Args, CallbackTarget } from './arguments.mts';
import {
	badRequest,
	boolean,
	callbackTarget,
	destinations,
	httpMethod,
	integer,
	keyValueList,
	notFound,
	onlyKnown,
	oneOf,
	optionalString,
	phoneNumber,
	queryArgs,
	requiredString,
	requiredUrl,
	timeBounds,
	url,
} from './arguments.mts';
import type { CallbackDispatcher, CallbackParams } from './callbacks.mts';
import type { CallRecord, CallStore } from './calls.mts';
import type { PlivoState } from './index.mts';
import { paginate } from './pagination.mts';
import type { RecordingRecord, RecordingStore } from './recordings.mts';
import type { PlivoCore } from './state.mts';
import { apiReply, newUuid, plivoTime } from './state.mts';

export type MpcStatus = 'Initialized' | 'Active' | 'Ended';
export type ParticipantRole = 'agent' | 'supervisor' | 'customer';
type TrackType = 'participant' | 'all';

/** An MPC or participant recording in progress, with the callback its events go to. */
class RunningRecording {
	constructor(
		readonly record: RecordingRecord,
		readonly callback?: CallbackTarget,
	) {}

	/** Paused or recording, as the RecordingStore keeps it. */
	get state(): 'recording' | 'paused' {
		return this.record.paused_since_ms === null ? 'recording' : 'paused';
	}
}

export interface ParticipantRecord {
	member_id: string;
	mpc: MpcRecord;
	call: CallRecord;
	role: ParticipantRole;
	coach_mode: boolean;
	mute: boolean;
	hold: boolean;
	start_mpc_on_enter: boolean;
	end_mpc_on_exit: boolean;
	joined_at: Date;
	exited_at?: Date;
	exit_cause?: string;
	/** The arguments it was added with (on_exit_action_url, …). */
	options: Args;
	callStatusCallback?: CallbackTarget;
	recordings: Partial<Record<TrackType, RunningRecording>>;
	/** What is playing to the member, and whether the play named it or `all` (stop must do the same). */
	playing?: { url: string; startedFor: 'all' | 'member' };
}

/** A participant added through the API whose call has not been answered yet (queued). */
interface PendingParticipant {
	/** The call to every destination; the first to answer joins, the others lose the race. */
	calls: CallRecord[];
	role: ParticipantRole;
	options: Args;
	/** call_status_callback_url, for new calls only (reference L8830–L8834). */
	callStatusCallback?: CallbackTarget;
}

export interface MpcRecord {
	mpc_uuid: string;
	friendly_name: string;
	status: MpcStatus;
	created_at: Date;
	started_at?: Date;
	ended_at?: Date;
	termination_cause?: string;
	termination_cause_code?: number;
	stay_alone: boolean;
	max_participants: number;
	max_duration: number;
	/** Every participant that ever joined, in order; those still in have no exit time. */
	participants: ParticipantRecord[];
	pending: PendingParticipant[];
	recording?: RunningRecording;
	/** `record` asked for by a joining participant, waiting for record_min_member_count members. */
	autoRecord?: { format: 'mp3' | 'wav'; minMembers: number; callback?: CallbackTarget };
	/** status_callback_url of the participants, each with the event groups it asked for. */
	statusCallbacks: Array<CallbackTarget & { groups: string[] }>;
	sequence: number;
}

export interface MpcDependencies {
	core: PlivoCore;
	calls: CallStore;
	recordings: RecordingStore;
	callbacks: CallbackDispatcher;
	events: EventEmitter;
}

const ROLES: readonly ParticipantRole[] = ['agent', 'supervisor', 'customer'];

/** Which status_callback_events group each event belongs to (reference L9037–L9047). */
const EVENT_GROUPS: Record<string, string> = {
	MPCInitialized: 'mpc-state-changes',
	MPCStart: 'mpc-state-changes',
	MPCEnd: 'mpc-state-changes',
	ParticipantJoin: 'participant-state-changes',
	ParticipantExit: 'participant-state-changes',
	ParticipantMute: 'participant-state-changes',
	ParticipantUnmute: 'participant-state-changes',
	ParticipantHold: 'participant-state-changes',
	ParticipantUnhold: 'participant-state-changes',
	ParticipantCoachModeStart: 'participant-state-changes',
	ParticipantCoachModeStop: 'participant-state-changes',
	AddParticipantByAPIActionInitiated: 'add-participant-api-events',
	AddParticipantByAPIActionCompleted: 'add-participant-api-events',
	ParticipantAudioPlayed: 'participant-audio-events',
	ParticipantAudioStopped: 'participant-audio-events',
};

const STATUS_CALLBACK_GROUPS = [
	'mpc-state-changes',
	'participant-state-changes',
	'participant-digit-input-events',
	'participant-speak-events',
	'add-participant-api-events',
	'participant-audio-events',
];

const DEFAULT_STATUS_CALLBACK_GROUPS = ['mpc-state-changes', 'participant-state-changes'];

/** Add-participant arguments of the SDKs (plivo-python 4.x, plivo-node 4.79) that the reference does not list. */
const SDK_PARTICIPANT_ARGS = [
	'dial_music',
	'start_recording_audio',
	'start_recording_audio_method',
	'stop_recording_audio',
	'stop_recording_audio_method',
	'create_mpc_with_single_participant',
	'send_digits',
	'send_on_preanswer',
	'transcription_url',
	'transcript',
];

/** Recording arguments plivo-python sends (`transcript`, default false) that the reference does not list. */
const SDK_RECORDING_ARGS = ['transcription_url', 'transcript'];

/** Checks what the SDKs send beyond the reference, as the SDKs themselves check it. */
function sdkOnlyArguments(body: Args): void {
	const music = body.dial_music;
	if (
		music !== undefined &&
		!(
			typeof music === 'string' &&
			(['real', 'none'].includes(music.toLowerCase()) || /^https?:\/\//.test(music))
		)
	) {
		throw badRequest('dial_music must be real, none or a URL');
	}
	for (const name of ['start_recording_audio', 'stop_recording_audio', 'transcription_url']) {
		if (body[name] !== undefined) url(body, name);
	}
	httpMethod(body, 'start_recording_audio_method');
	httpMethod(body, 'stop_recording_audio_method');
	for (const name of ['create_mpc_with_single_participant', 'send_on_preanswer', 'transcript'])
		boolean(body, name);
	optionalString(body, 'send_digits');
}

/**
 * Checks the arguments of "Start MPC recording" or "Start participant recording" (`only` names
 * those of that request alone) and returns the file format and the recording callback.
 */
function recordingStart(body: Args, only: string[] = []) {
	onlyKnown(body, [
		'file_format',
		'recording_callback_url',
		'recording_callback_method',
		...only,
		...SDK_RECORDING_ARGS,
	]);
	sdkOnlyArguments(body);
	return {
		format: oneOf(body, 'file_format', ['mp3', 'wav'] as const, 'mp3')!,
		callback: callbackTarget(body, 'recording_callback'),
	};
}

const ADD_PARTICIPANT_ARGS = [
	'role',
	'from',
	'to',
	'call_uuid',
	'caller_name',
	'call_status_callback_url',
	'call_status_callback_method',
	'confirm_key',
	'confirm_key_sound_url',
	'confirm_key_sound_method',
	'ring_timeout',
	'delay_dial',
	'max_duration',
	'max_participants',
	'wait_music_url',
	'wait_music_method',
	'agent_hold_music_url',
	'agent_hold_music_method',
	'customer_hold_music_url',
	'customer_hold_music_method',
	'record',
	'record_file_format',
	'recording_callback_url',
	'recording_callback_method',
	'record_min_member_count',
	'record_participant_track',
	'status_callback_url',
	'status_callback_method',
	'status_callback_events',
	'stay_alone',
	'coach_mode',
	'mute',
	'hold',
	'start_mpc_on_enter',
	'end_mpc_on_exit',
	'enter_sound',
	'enter_sound_method',
	'exit_sound',
	'exit_sound_method',
	'on_exit_action_url',
	'on_exit_action_method',
	'relay_dtmf_inputs',
	'sip_headers',
	// Not in the reference; the SDKs send them (plivo-node and plivo-python send dial_music and
	// the recording-audio methods by default).
	...SDK_PARTICIPANT_ARGS,
];

const TERMINATION = {
	noParticipants: { cause: 'No Active Participants', code: 1000 },
	stayAlone: { cause: 'Stay Alone Not Permitted', code: 1010 },
	maxDuration: { cause: 'Max Duration Reached', code: 2000 },
	hangupApi: { cause: 'Hangup API Triggered', code: 3000 },
};

/** What the sandbox bills per participant-minute: the reference's list example (60 s, 0.05). */
const RATE_PER_MINUTE = 0.05;

const DAY_MS = 86_400_000;

function seconds(from: Date, to: Date): number {
	return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}

/** Billed per started minute, at least one. */
function billedSeconds(duration: number): number {
	return Math.max(1, Math.ceil(duration / 60)) * 60;
}

function amount(billed: number): string {
	return ((billed / 60) * RATE_PER_MINUTE).toFixed(5);
}

/** Callback parameters are strings; what is not known yet is sent empty. */
function callbackParams(params: Record<string, unknown>): CallbackParams {
	return Object.fromEntries(
		Object.entries(params).map(([key, value]) => [
			key,
			value === null || value === undefined ? '' : String(value),
		]),
	);
}

function capitalized(role: ParticipantRole): string {
	return role.charAt(0).toUpperCase() + role.slice(1);
}

export class MpcStore {
	readonly mpcs: MpcRecord[] = [];
	private nextMemberId = 1;

	constructor(private readonly deps: MpcDependencies) {
		// A participant's call hung up through the Call API leaves the MPC.
		deps.events.on('call.ended', (call: CallRecord) => this.callEnded(call));
	}

	reset(): void {
		this.mpcs.length = 0;
		this.nextMemberId = 1;
	}

	private get now(): Date {
		return this.deps.core.now();
	}

	/**
	 * Catches up with time before each request: queued participant calls that have been placed
	 * join, and MPCs past their max_duration end when it ran out.
	 */
	settle(): void {
		for (const mpc of this.mpcs) {
			if (mpc.status === 'Ended') continue;
			for (const pending of [...mpc.pending]) {
				// Calls are answered at once in the sandbox: the first placed is the first to answer.
				const winner = pending.calls.find((call) => call.status === 'in-progress');
				if (winner) {
					mpc.pending.splice(mpc.pending.indexOf(pending), 1);
					// The reference names this cause (LOST RACE) but not its code.
					for (const other of pending.calls)
						if (other !== winner) this.hangUp(other, 'Plivo', { name: 'Lost Race' });
					this.join(mpc, winner, pending.role, pending.options, pending.callStatusCallback);
				} else if (pending.calls.every((call) => call.status === 'completed')) {
					mpc.pending.splice(mpc.pending.indexOf(pending), 1);
				}
			}
			const deadline = new Date(mpc.created_at.getTime() + mpc.max_duration * 1000);
			if (this.now >= deadline) this.end(mpc, TERMINATION.maxDuration, deadline);
		}
	}

	/** `name_{friendly name}` (live MPCs only, reference L7653) or `uuid_{mpc uuid}`. */
	find(segment: string): MpcRecord {
		const match = /^(name|uuid)_(.+)$/.exec(segment);
		const mpc = match
			? this.mpcs.find((candidate) =>
					match[1] === 'uuid'
						? candidate.mpc_uuid === match[2]
						: candidate.friendly_name === match[2] && candidate.status !== 'Ended',
				)
			: undefined;
		if (!mpc) throw notFound('MPC not found');
		return mpc;
	}

	/** An MPC that has not ended: actions on an ended MPC find nothing. */
	live(segment: string): MpcRecord {
		const mpc = this.find(segment);
		if (mpc.status === 'Ended') throw notFound('MPC not found');
		return mpc;
	}

	create(friendlyName: string, args: Args): MpcRecord {
		const mpc: MpcRecord = {
			mpc_uuid: newUuid(),
			friendly_name: friendlyName,
			status: 'Initialized',
			created_at: this.now,
			stay_alone: boolean(args, 'stay_alone', false)!,
			max_participants: integer(args, 'max_participants', 2, 10, 10)!,
			max_duration: integer(args, 'max_duration', 300, 28800, 14400)!,
			participants: [],
			pending: [],
			statusCallbacks: [],
			sequence: 0,
		};
		this.mpcs.push(mpc);
		return mpc;
	}

	active(mpc: MpcRecord): ParticipantRecord[] {
		return mpc.participants.filter((participant) => !participant.exited_at);
	}

	member(mpc: MpcRecord, memberId: string): ParticipantRecord {
		const participant = this.active(mpc).find((candidate) => candidate.member_id === memberId);
		if (!participant) throw notFound(`member ${memberId} not found in MPC ${mpc.friendly_name}`);
		return participant;
	}

	/** `all`, or one member ID (several, comma-separated, where `several` allows). */
	members(mpc: MpcRecord, spec: string, { several = false } = {}): ParticipantRecord[] {
		if (spec === 'all') return this.active(mpc);
		const ids = spec.split(',');
		if (ids.length > 1 && !several) throw badRequest('member_id must be one member ID or all');
		return ids.map((id) => this.member(mpc, id.trim()));
	}

	/** Registers the status_callback_url a participant was added with, and the event groups it wants. */
	subscribe(mpc: MpcRecord, args: Args): void {
		const callback = callbackTarget(args, 'status_callback');
		if (!callback) return;
		const events = optionalString(args, 'status_callback_events');
		const groups =
			events === undefined
				? DEFAULT_STATUS_CALLBACK_GROUPS
				: events.split(',').map((group) => group.trim());
		mpc.statusCallbacks.push({ ...callback, groups });
	}

	/** Sends a status event once to each status callback URL whose groups include it. */
	notify(mpc: MpcRecord, eventName: string, participant?: ParticipantRecord): void {
		const group = EVENT_GROUPS[eventName];
		const targets = new Map<string, CallbackTarget>();
		for (const callback of mpc.statusCallbacks) {
			if (callback.groups.includes(group))
				targets.set(`${callback.method} ${callback.url}`, callback);
		}
		if (targets.size === 0) return;
		const params = callbackParams({
			EventName: eventName,
			EventTimestamp: plivoTime(this.now),
			SequenceNumber: ++mpc.sequence,
			...this.mpcParams(mpc),
			...(participant ? this.participantParams(participant) : {}),
		});
		for (const target of targets.values())
			void this.deps.callbacks.send(target.url, target.method, params);
	}

	private mpcParams(mpc: MpcRecord): Record<string, unknown> {
		const resource = this.toResource(mpc);
		return {
			MPCUUID: mpc.mpc_uuid,
			MPCName: mpc.friendly_name,
			MPCCreationTime: resource.creation_time,
			MPCStartTime: resource.start_time,
			MPCEndTime: resource.end_time,
			MPCDuration: resource.duration,
			MPCBilledDuration: resource.billed_duration,
			MPCBilledAmount: resource.billed_amount,
			MPCTerminationCause: resource.termination_cause,
			MPCTerminationCauseCode: resource.termination_cause_code,
		};
	}

	private participantParams(participant: ParticipantRecord): Record<string, unknown> {
		const { call } = participant;
		return {
			MemberID: participant.member_id,
			MemberAddress: memberAddress(call),
			ParticipantRole: capitalized(participant.role),
			ParticipantCallUUID: call.call_uuid,
			ParticipantCallDirection: call.direction,
			ParticipantCallFrom: call.from,
			ParticipantCallTo: call.to,
			ParticipantCoachMode: participant.coach_mode,
			ParticipantJoinTime: plivoTime(participant.joined_at),
			ParticipantExitTime: plivoTime(participant.exited_at),
			ParticipantExitCause: participant.exit_cause,
			STIRVerification: call.stir_verification,
		};
	}

	/** The call_status_callback_url events of a call added by the API (reference L9216–L9280). */
	callStatus(
		callback: CallbackTarget | undefined,
		eventName: string,
		call: CallRecord,
		mpc: MpcRecord,
	): void {
		if (!callback) return;
		const ended = call.status === 'completed';
		const duration =
			ended && call.answered_at ? seconds(call.answered_at, call.ended_at!) : undefined;
		const billed = duration === undefined ? undefined : billedSeconds(duration);
		void this.deps.callbacks.send(
			callback.url,
			callback.method,
			callbackParams({
				EventName: eventName,
				CallUUID: call.call_uuid,
				From: call.from,
				To: call.to,
				MPCUUID: mpc.mpc_uuid,
				InitiationTime: plivoTime(call.initiated_at),
				AnswerTime: plivoTime(call.answered_at),
				HangupTime: plivoTime(call.ended_at),
				Duration: duration,
				BilledDuration: billed,
				TotalAmount: billed === undefined ? undefined : amount(billed),
				Rate: RATE_PER_MINUTE.toFixed(5),
				RingTime: call.answered_at ? 0 : undefined,
				PlivoHangupCause: call.hangup_cause_name,
				PlivoHangupCauseCode: call.hangup_cause_code,
				PlivoHangupSource: call.hangup_source,
			}),
		);
	}

	/** MPCRecording… or ParticipantRecording… events, to the recording's callback URL. */
	recordingEvent(
		mpc: MpcRecord,
		recording: RunningRecording,
		event: string,
		participant?: ParticipantRecord,
	): void {
		if (!recording.callback) return;
		const { record } = recording;
		const ended = record.recording_end_ms !== null;
		void this.deps.callbacks.send(
			recording.callback.url,
			recording.callback.method,
			callbackParams({
				EventName: `${participant ? 'Participant' : 'MPC'}Recording${event}`,
				EventTimestamp: plivoTime(this.now),
				SequenceNumber: ++mpc.sequence,
				MPCName: mpc.friendly_name,
				MPCUUID: mpc.mpc_uuid,
				...(participant ? { MemberID: participant.member_id } : {}),
				RecordingUUID: record.recording_id,
				RecordingURL: record.recording_url,
				RecordingResourceURL: this.deps.core.accountPath(`/Recording/${record.recording_id}/`),
				RecordingFormat: record.recording_format,
				RecordingStartTime: plivoTime(new Date(record.recording_start_ms)),
				RecordingEndTime: ended ? plivoTime(new Date(record.recording_end_ms!)) : undefined,
				RecordingDuration: ended ? Math.round(record.recording_duration_ms! / 1000) : undefined,
			}),
		);
	}

	startRecording(
		mpc: MpcRecord,
		format: 'mp3' | 'wav',
		callback: CallbackTarget | undefined,
		participant?: ParticipantRecord,
	): RunningRecording {
		const record = this.deps.recordings.start(
			{
				recording_type: 'mpc',
				mpc_name: mpc.friendly_name,
				mpc_uuid: mpc.mpc_uuid,
				...(participant
					? {
							call_uuid: participant.call.call_uuid,
							from_number: participant.call.from,
							to_number: participant.call.to,
						}
					: {}),
			},
			format,
		);
		const recording = new RunningRecording(record, callback);
		this.recordingEvent(mpc, recording, 'Initiated', participant);
		return recording;
	}

	stopRecording(
		mpc: MpcRecord,
		recording: RunningRecording,
		participant?: ParticipantRecord,
	): void {
		this.deps.recordings.stop(recording.record);
		this.recordingEvent(mpc, recording, 'Completed', participant);
	}

	/** Pause or Resume: the time in between is not recorded; the recording's callback hears of it. */
	pauseRecording(
		mpc: MpcRecord,
		recording: RunningRecording,
		pause: boolean,
		participant?: ParticipantRecord,
	): void {
		if (pause) this.deps.recordings.pause(recording.record);
		else this.deps.recordings.resume(recording.record);
		this.recordingEvent(mpc, recording, pause ? 'Paused' : 'Resumed', participant);
	}

	/**
	 * A participant added through the API, with the new calls placed for it or the existing call
	 * moved in; it joins once its call is answered.
	 */
	add(
		mpc: MpcRecord,
		role: ParticipantRole,
		args: Args,
		calls: CallRecord[],
		{ newCalls }: { newCalls: boolean },
	): void {
		const callStatusCallback = newCalls ? callbackTarget(args, 'call_status_callback') : undefined;
		for (const call of calls) this.callStatus(callStatusCallback, 'Initiated', call, mpc);
		this.notify(mpc, 'AddParticipantByAPIActionInitiated');
		mpc.pending.push({ calls, role, options: args, callStatusCallback });
		this.settle();
	}

	/** Ends a call the MPC placed, with the MPC's own hangup cause when it has one. */
	private hangUp(call: CallRecord, source: string, cause?: { name: string; code?: number }): void {
		if (call.status === 'completed') return;
		this.deps.calls.hangup(call, source);
		if (cause) {
			call.hangup_cause_name = cause.name;
			call.hangup_cause_code = cause.code;
		}
		this.deps.events.emit('call.ended', call);
	}

	join(
		mpc: MpcRecord,
		call: CallRecord,
		role: ParticipantRole,
		args: Args,
		callStatusCallback?: CallbackTarget,
	): ParticipantRecord {
		// A call already in another MPC is moved out of it.
		for (const other of this.mpcs) {
			const current = this.active(other).find((participant) => participant.call === call);
			if (current) {
				this.exit(current, 'Participant Call Transferred', { hangup: false });
				this.afterExit(other);
			}
		}
		const participant: ParticipantRecord = {
			member_id: String(this.nextMemberId++),
			mpc,
			call,
			role,
			// Coach mode applies to supervisors only, and is on for them by default.
			coach_mode: role === 'supervisor' ? boolean(args, 'coach_mode', true)! : false,
			mute: boolean(args, 'mute', false)!,
			hold: boolean(args, 'hold', false)!,
			start_mpc_on_enter: boolean(args, 'start_mpc_on_enter', true)!,
			end_mpc_on_exit: boolean(args, 'end_mpc_on_exit', false)!,
			joined_at: this.now,
			options: args,
			callStatusCallback,
			recordings: {},
		};
		mpc.participants.push(participant);
		this.callStatus(participant.callStatusCallback, 'Ringing', call, mpc);
		this.callStatus(participant.callStatusCallback, 'Answered', call, mpc);
		this.notify(mpc, 'ParticipantJoin', participant);
		if (mpc.status === 'Initialized' && participant.start_mpc_on_enter) this.activate(mpc);
		const recordingCallback = callbackTarget(args, 'recording_callback');
		if (boolean(args, 'record', false) && !mpc.autoRecord) {
			mpc.autoRecord = {
				format: oneOf(args, 'record_file_format', ['mp3', 'wav'] as const, 'mp3')!,
				minMembers: Number(args.record_min_member_count ?? 1),
				callback: recordingCallback,
			};
		}
		this.startAutoRecording(mpc);
		if (boolean(args, 'record_participant_track', false)) {
			participant.recordings.participant = this.startRecording(
				mpc,
				'mp3',
				recordingCallback,
				participant,
			);
		}
		this.notify(mpc, 'AddParticipantByAPIActionCompleted', participant);
		return participant;
	}

	/** `record` on join starts recording once record_min_member_count members are in. */
	private startAutoRecording(mpc: MpcRecord): void {
		const auto = mpc.autoRecord;
		if (!auto || mpc.recording || this.active(mpc).length < auto.minMembers) return;
		mpc.autoRecord = undefined;
		mpc.recording = this.startRecording(mpc, auto.format, auto.callback);
	}

	activate(mpc: MpcRecord): void {
		mpc.status = 'Active';
		mpc.started_at = this.now;
		this.notify(mpc, 'MPCStart');
	}

	/**
	 * A participant leaves. Participants added through the API are hung up with "Multiparty Call
	 * Ended" (4020) unless they have an on_exit_action_url (reference L8372–L8375).
	 */
	exit(participant: ParticipantRecord, cause: string, { hangup = true, at = this.now } = {}): void {
		const { mpc, call } = participant;
		participant.exited_at = at;
		participant.exit_cause = cause;
		participant.playing = undefined;
		for (const recording of Object.values(participant.recordings))
			this.stopRecording(mpc, recording, participant);
		participant.recordings = {};
		this.notify(mpc, 'ParticipantExit', participant);
		if (hangup && participant.options.on_exit_action_url === undefined) {
			this.hangUp(call, 'API Request', { name: 'Multiparty Call Ended', code: 4020 });
		}
		if (call.status === 'completed')
			this.callStatus(participant.callStatusCallback, 'Hangup', call, mpc);
	}

	/** After someone left: an empty MPC ends, and so does one with a participant left alone when stay_alone is off. */
	afterExit(mpc: MpcRecord): void {
		if (mpc.status === 'Ended' || mpc.pending.length > 0) return;
		const remaining = this.active(mpc);
		if (remaining.length === 0) this.end(mpc, TERMINATION.noParticipants);
		else if (remaining.length === 1 && mpc.status === 'Active' && !mpc.stay_alone)
			this.end(mpc, TERMINATION.stayAlone);
	}

	end(mpc: MpcRecord, termination: { cause: string; code: number }, at = this.now): void {
		for (const participant of this.active(mpc))
			this.exit(participant, 'Multiparty Call Ended', { at });
		for (const pending of mpc.pending)
			for (const call of pending.calls) this.hangUp(call, 'API Request');
		mpc.pending = [];
		if (mpc.recording) this.stopRecording(mpc, mpc.recording);
		mpc.recording = undefined;
		mpc.autoRecord = undefined;
		mpc.status = 'Ended';
		mpc.ended_at = at;
		mpc.termination_cause = termination.cause;
		mpc.termination_cause_code = termination.code;
		this.notify(mpc, 'MPCEnd');
	}

	private callEnded(call: CallRecord): void {
		for (const mpc of this.mpcs) {
			const participant = this.active(mpc).find((candidate) => candidate.call === call);
			if (participant) {
				this.exit(participant, 'Participant Call Hangup', { hangup: false });
				this.afterExit(mpc);
			}
		}
	}

	/** Live MPCs are named by name in their URIs, ended ones by UUID, as in the reference's examples. */
	segment(mpc: MpcRecord): string {
		return mpc.status === 'Ended' ? `uuid_${mpc.mpc_uuid}` : `name_${mpc.friendly_name}`;
	}

	/** The MPC object (reference L7328–L7347, seed 002). */
	toResource(mpc: MpcRecord): Record<string, unknown> {
		const ended = mpc.status === 'Ended';
		const billed = ended
			? mpc.participants.reduce(
					(sum, participant) =>
						sum + billedSeconds(seconds(participant.joined_at, participant.exited_at!)),
					0,
				)
			: null;
		const path = this.deps.core.accountPath(`/MultiPartyCall/${this.segment(mpc)}/`);
		return {
			billed_amount: billed === null ? null : amount(billed),
			billed_duration: billed,
			creation_time: plivoTime(mpc.created_at),
			duration: ended ? seconds(mpc.started_at ?? mpc.created_at, mpc.ended_at!) : null,
			end_time: plivoTime(mpc.ended_at),
			friendly_name: mpc.friendly_name,
			mpc_uuid: mpc.mpc_uuid,
			participants: `${path}Participant/`,
			recording: ended ? null : (mpc.recording?.state ?? 'not-recording'),
			resource_uri: path,
			start_time: plivoTime(mpc.started_at),
			status: mpc.status,
			stay_alone: mpc.stay_alone,
			sub_account: null,
			termination_cause: mpc.termination_cause ?? null,
			termination_cause_code: mpc.termination_cause_code ?? null,
		};
	}

	/** The participant object (reference L8763–L8782, seed 000). Mute and hold are null once it has left. */
	participantResource(participant: ParticipantRecord): Record<string, unknown> {
		const { mpc, exited_at: exited } = participant;
		const duration = exited ? seconds(participant.joined_at, exited) : null;
		const billed = duration === null ? null : billedSeconds(duration);
		return {
			billed_amount: billed === null ? null : amount(billed),
			billed_duration: billed,
			call_uuid: participant.call.call_uuid,
			coach_mode: participant.coach_mode,
			duration,
			end_mpc_on_exit: participant.end_mpc_on_exit,
			exit_cause: participant.exit_cause ?? null,
			exit_time: plivoTime(exited),
			hold: exited ? null : participant.hold,
			join_time: plivoTime(participant.joined_at),
			member_address: memberAddress(participant.call),
			member_id: participant.member_id,
			mpc_uuid: mpc.mpc_uuid,
			mute: exited ? null : participant.mute,
			resource_uri: this.deps.core.accountPath(
				`/MultiPartyCall/${this.segment(mpc)}/Participant/${participant.member_id}/`,
			),
			role: participant.role,
			start_mpc_on_enter: participant.start_mpc_on_enter,
		};
	}
}

/** The participant's own number or SIP address: who was called, or who called in. */
function memberAddress(call: CallRecord): string {
	return call.direction === 'outbound' ? call.to : call.from;
}

/** `none`, `beep:1`, `beep:2`, or the URL of an XML document (enter_sound, exit_sound). */
function sound(args: Args, name: string): void {
	const value = optionalString(args, name);
	if (value === undefined || ['none', 'beep:1', 'beep:2'].includes(value)) return;
	url(args, name);
}

/** One integer 0–120 for all destinations, or one per destination joined with `<`. */
function delayDial(args: Args): void {
	if (args.delay_dial === undefined) return;
	for (const part of String(args.delay_dial).split('<'))
		integer({ delay_dial: part.trim() }, 'delay_dial', 0, 120);
}

/** Checks every argument of "Add a participant" (reference L8799–L9167) and returns the role. */
function checkAddParticipant(body: Args): { role: ParticipantRole; destinations: string[] } {
	onlyKnown(body, ADD_PARTICIPANT_ARGS);
	sdkOnlyArguments(body);
	// The reference lists Agent, Supervisor, Customer; the SDK checks the lower-cased value, and
	// participant objects report the role in lower case.
	const role = requiredString(body, 'role').toLowerCase() as ParticipantRole;
	if (!ROLES.includes(role)) throw badRequest('role must be one of Agent, Supervisor, Customer');
	const viaCall = body.call_uuid !== undefined;
	if (viaCall && (body.from !== undefined || body.to !== undefined)) {
		throw badRequest(
			'give either from and to (a new call) or call_uuid (an existing call), not both',
		);
	}
	let to: string[] = [];
	if (viaCall) {
		requiredString(body, 'call_uuid');
	} else {
		if (body.from === undefined && body.to === undefined)
			throw badRequest('from and to, or call_uuid, are required');
		phoneNumber(body, 'from');
		to = destinations(body, 'to');
		if (to.length > 1 && role !== 'agent')
			throw badRequest('multiple destinations in to are allowed only for the Agent role');
	}
	const callerName = optionalString(body, 'caller_name');
	if (callerName !== undefined && (callerName.length < 1 || callerName.length > 50))
		throw badRequest('caller_name must have 1 to 50 characters');
	for (const prefix of [
		'call_status_callback',
		'confirm_key_sound',
		'wait_music',
		'agent_hold_music',
		'customer_hold_music',
		'recording_callback',
		'status_callback',
		'on_exit_action',
	]) {
		callbackTarget(body, prefix);
	}
	for (const name of ['enter_sound', 'exit_sound']) {
		sound(body, name);
		httpMethod(body, `${name}_method`);
	}
	oneOf(body, 'confirm_key', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '#', '*'] as const);
	integer(body, 'ring_timeout', 15, 120);
	delayDial(body);
	integer(body, 'max_duration', 300, 28800);
	integer(body, 'max_participants', 2, 10);
	for (const name of [
		'record',
		'record_participant_track',
		'stay_alone',
		'coach_mode',
		'mute',
		'hold',
		'start_mpc_on_enter',
		'end_mpc_on_exit',
		'relay_dtmf_inputs',
	]) {
		boolean(body, name);
	}
	oneOf(body, 'record_file_format', ['mp3', 'wav'] as const);
	if (
		body.record_min_member_count !== undefined &&
		!['1', '2'].includes(String(body.record_min_member_count))
	) {
		throw badRequest('record_min_member_count must be 1 or 2');
	}
	const events = optionalString(body, 'status_callback_events');
	if (
		events !== undefined &&
		!events.split(',').every((group) => STATUS_CALLBACK_GROUPS.includes(group.trim()))
	) {
		throw badRequest(
			`status_callback_events must be a comma-separated list of: ${STATUS_CALLBACK_GROUPS.join(', ')}`,
		);
	}
	const headers = optionalString(body, 'sip_headers');
	if (headers !== undefined)
		for (const set of headers.split('<')) keyValueList({ sip_headers: set }, 'sip_headers');
	return { role, destinations: to };
}

/** `record_track_type`: participant, all or both (default all), as the tracks it names. */
function trackTypes(args: Args): TrackType[] {
	const type = oneOf(args, 'record_track_type', ['participant', 'all', 'both'] as const, 'all')!;
	return type === 'both' ? ['participant', 'all'] : [type];
}

/** Pause and Resume of a recording: the path's action, the state it must be in, and whether it pauses. */
const PAUSE_AND_RESUME = [
	['Pause', 'recording', true],
	['Resume', 'paused', false],
] as const;

export function registerMpcRoutes(server: FakeServer<PlivoState>): void {
	const base = '/v1/Account/:authId/MultiPartyCall';
	/** Every MPC request first catches the MPCs up with time. */
	const route = (method: string, path: string, handler: Handler<PlivoState>) =>
		server.route(method, `${base}${path}`, (context) => {
			context.state.mpcs.settle();
			return handler(context);
		});

	route('GET', '/', ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnown(args, [
			'friendly_name',
			'status',
			'termination_cause_code',
			'limit',
			'offset',
			...['__gt', '__gte', '__lt', '__lte'].flatMap((suffix) => [
				`end_time${suffix}`,
				`creation_time${suffix}`,
			]),
		]);
		const name = optionalString(args, 'friendly_name');
		const status = oneOf(args, 'status', ['initialized', 'active', 'ended'] as const);
		const cause = integer(args, 'termination_cause_code', 0);
		const ended = timeBounds(args, 'end_time');
		const created = timeBounds(args, 'creation_time');
		const now = state.core.now().getTime();
		// Without an end time filter, the last seven days; with a single bound, 30 days from or to it.
		const windowStart = ended.given
			? !ended.lower && ended.upper
				? ended.upper.getTime() - 30 * DAY_MS
				: undefined
			: now - 7 * DAY_MS;
		const windowEnd = ended.lower && !ended.upper ? ended.lower.getTime() + 30 * DAY_MS : undefined;
		// Newest first; of two created in the same millisecond, the later one.
		const mpcs = [...state.mpcs.mpcs]
			.reverse()
			.filter((mpc) => name === undefined || mpc.friendly_name === name)
			.filter((mpc) => !status || mpc.status.toLowerCase() === status)
			.filter((mpc) => cause === undefined || mpc.termination_cause_code === cause)
			.filter((mpc) => !ended.given || ended.matches(mpc.ended_at))
			.filter((mpc) => !created.given || created.matches(mpc.created_at))
			.filter(
				(mpc) =>
					!mpc.ended_at || windowStart === undefined || mpc.ended_at.getTime() >= windowStart,
			)
			.filter(
				(mpc) => !mpc.ended_at || windowEnd === undefined || mpc.ended_at.getTime() <= windowEnd,
			)
			.sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
		return {
			status: 200,
			body: paginate(
				mpcs.map((mpc) => state.mpcs.toResource(mpc)),
				args,
				{ apiId: newUuid(), path: state.core.accountPath('/MultiPartyCall/'), countKey: 'count' },
			),
		};
	});

	route('GET', '/:mpc/', ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		return apiReply(200, state.mpcs.toResource(state.mpcs.find(params.mpc)));
	});

	// Activate: only an MPC waiting in the initialized state; anything else is not found (L7365).
	route('POST', '/:mpc/', ({ params, body, state }) => {
		onlyKnown(body, ['status']);
		// The reference allows `Active`; plivo-node and plivo-go send it lower-cased, plivo-python
		// as a one-element list (`['active']`: a stray comma in its code makes a tuple).
		const status =
			Array.isArray(body.status) && body.status.length === 1
				? { status: body.status[0] as unknown }
				: body;
		if (requiredString(status, 'status').toLowerCase() !== 'active')
			throw badRequest('status must be Active');
		const mpc = state.mpcs.live(params.mpc);
		if (mpc.status !== 'Initialized') throw notFound('no initialized MPC with this name or UUID');
		state.mpcs.activate(mpc);
		return { status: 204 };
	});

	route('DELETE', '/:mpc/', ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		state.mpcs.end(state.mpcs.live(params.mpc), TERMINATION.hangupApi);
		return { status: 204 };
	});

	// The reference states no status code for starting a recording; 200 with the documented body.
	route('POST', '/:mpc/Record/', ({ params, body, state }) => {
		const { format, callback } = recordingStart(body);
		const mpc = state.mpcs.live(params.mpc);
		if (mpc.recording) throw badRequest(`MPC: ${mpc.friendly_name} is already being recorded`);
		mpc.recording = state.mpcs.startRecording(mpc, format, callback);
		const { record } = mpc.recording;
		return apiReply(200, {
			message: `MPC: ${mpc.friendly_name} record started`,
			recording_id: record.recording_id,
			recording_url: record.recording_url,
		});
	});

	route('DELETE', '/:mpc/Record/', ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const mpc = state.mpcs.live(params.mpc);
		if (!mpc.recording) throw badRequest(`MPC: ${mpc.friendly_name} is not being recorded`);
		state.mpcs.stopRecording(mpc, mpc.recording);
		mpc.recording = undefined;
		return { status: 204 };
	});

	for (const [action, from, pause] of PAUSE_AND_RESUME) {
		route('POST', `/:mpc/Record/${action}/`, ({ params, body, state }) => {
			onlyKnown(body, []);
			const mpc = state.mpcs.live(params.mpc);
			if (mpc.recording?.state !== from) {
				throw badRequest(
					`MPC: ${mpc.friendly_name} has no ${from === 'recording' ? 'recording in progress' : 'paused recording'}`,
				);
			}
			state.mpcs.pauseRecording(mpc, mpc.recording, pause);
			return { status: 204 };
		});
	}

	route('POST', '/:mpc/Participant/', ({ params, body, state }) => {
		const { role, destinations } = checkAddParticipant(body);
		const { mpcs, calls } = state;
		// A name with no live MPC behind it starts a new one (reference L8797); a UUID must exist.
		const byName = /^name_(.+)$/.exec(params.mpc);
		const existing = byName
			? mpcs.mpcs.find((mpc) => mpc.friendly_name === byName[1] && mpc.status !== 'Ended')
			: mpcs.live(params.mpc);
		if (
			existing &&
			mpcs.active(existing).length + existing.pending.length >= existing.max_participants
		) {
			throw badRequest(
				`MPC: ${existing.friendly_name} already has its maximum of ${existing.max_participants} participants`,
			);
		}
		let placed: CallRecord[];
		if (body.call_uuid !== undefined) {
			const call = calls.calls.get(String(body.call_uuid));
			if (!call || call.status !== 'in-progress') throw notFound('call not found');
			if (existing && mpcs.active(existing).some((participant) => participant.call === call)) {
				throw badRequest(`call ${call.call_uuid} is already in MPC ${existing.friendly_name}`);
			}
			placed = [call];
		} else {
			const from = String(body.from);
			placed = destinations.map((to) =>
				calls.create(
					{
						from,
						to,
						caller_name: optionalString(body, 'caller_name') ?? from,
						options: { ...body },
					},
					{ throttled: true },
				),
			);
			state.events.emit('call.created', placed);
		}
		const mpc = existing ?? mpcs.create(byName![1], body);
		mpcs.subscribe(mpc, body);
		if (!existing) mpcs.notify(mpc, 'MPCInitialized');
		mpcs.add(mpc, role, body, placed, { newCalls: body.call_uuid === undefined });
		return apiReply(200, {
			calls: placed.map((call) => ({ to: call.to, from: call.from, call_uuid: call.call_uuid })),
			message:
				placed[0].status === 'queued'
					? 'add participant action queued'
					: 'add participant action initiated',
			request_uuid: newUuid(),
		});
	});

	route('GET', '/:mpc/Participant/', ({ params, query, state }) => {
		const args = queryArgs(query);
		// `call_uuid` is not in the reference; plivo-node and plivo-python offer it as a filter.
		onlyKnown(args, ['limit', 'offset', 'call_uuid']);
		const callUuid = optionalString(args, 'call_uuid');
		const mpc = state.mpcs.find(params.mpc);
		const participants = [...mpc.participants]
			.filter((participant) => callUuid === undefined || participant.call.call_uuid === callUuid)
			.sort(
				(a, b) =>
					b.joined_at.getTime() - a.joined_at.getTime() ||
					Number(b.member_id) - Number(a.member_id),
			);
		return {
			status: 200,
			body: paginate(
				participants.map((participant) => state.mpcs.participantResource(participant)),
				args,
				{
					apiId: newUuid(),
					path: state.core.accountPath(`/MultiPartyCall/${state.mpcs.segment(mpc)}/Participant/`),
					countKey: 'count',
				},
			),
		};
	});

	route('GET', '/:mpc/Participant/:member/', ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const mpc = state.mpcs.find(params.mpc);
		const participant = mpc.participants.find((candidate) => candidate.member_id === params.member);
		if (!participant)
			throw notFound(`member ${params.member} not found in MPC ${mpc.friendly_name}`);
		return apiReply(200, state.mpcs.participantResource(participant));
	});

	route('POST', '/:mpc/Participant/:member/', ({ params, body, state }) => {
		// `disable_state_change_sound` is not in the reference; plivo-node sends it when given.
		onlyKnown(body, ['mute', 'hold', 'coach_mode', 'disable_state_change_sound']);
		boolean(body, 'disable_state_change_sound');
		const mute = boolean(body, 'mute');
		const hold = boolean(body, 'hold');
		const coachMode = boolean(body, 'coach_mode');
		if (mute === undefined && hold === undefined && coachMode === undefined)
			throw badRequest('give at least one of mute, hold, coach_mode');
		// "Triggering the API on all participants returns a 400 Bad Request error response" (L10418).
		if (coachMode !== undefined && params.member === 'all')
			throw badRequest('coach_mode can be updated only for a specific member_id, not for all');
		const mpc = state.mpcs.live(params.mpc);
		const { mpcs } = state;
		const reply: Record<string, string> = {};
		for (const participant of mpcs.members(mpc, params.member)) {
			if (mute !== undefined && mute !== participant.mute) {
				participant.mute = mute;
				mpcs.notify(mpc, mute ? 'ParticipantMute' : 'ParticipantUnmute', participant);
			}
			if (hold !== undefined && hold !== participant.hold) {
				participant.hold = hold;
				mpcs.notify(mpc, hold ? 'ParticipantHold' : 'ParticipantUnhold', participant);
			}
			// Coach mode is always false for roles other than supervisor (reference L8689).
			if (
				coachMode !== undefined &&
				participant.role === 'supervisor' &&
				coachMode !== participant.coach_mode
			) {
				participant.coach_mode = coachMode;
				mpcs.notify(
					mpc,
					coachMode ? 'ParticipantCoachModeStart' : 'ParticipantCoachModeStop',
					participant,
				);
			}
		}
		if (coachMode !== undefined)
			reply.coach_mode = `MPC: ${mpc.friendly_name} coach_mode enable/disable succeeded`;
		if (hold !== undefined)
			reply.hold = `MPC: ${mpc.friendly_name} hold/unhold member(s) succeeded`;
		if (mute !== undefined)
			reply.mute = `MPC: ${mpc.friendly_name} mute/unmute member(s) succeeded`;
		return apiReply(200, reply);
	});

	route('DELETE', '/:mpc/Participant/:member/', ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const mpc = state.mpcs.live(params.mpc);
		for (const participant of state.mpcs.members(mpc, params.member))
			state.mpcs.exit(participant, 'Kicked Out of Multiparty Call');
		state.mpcs.afterExit(mpc);
		return { status: 204 };
	});

	// Participant-level recording: the reference writes these paths with `{mpc_name/UUID}`; the
	// sandbox takes the same `name_…`/`uuid_…` segment as every other MPC path, as the SDK sends.
	route('POST', '/:mpc/Participant/:member/Record/', ({ params, body, state }) => {
		const { format, callback } = recordingStart(body, ['record_track_type']);
		const tracks = trackTypes(body);
		const mpc = state.mpcs.live(params.mpc);
		const participant = state.mpcs.member(mpc, params.member);
		if (tracks.some((track) => participant.recordings[track]))
			throw badRequest(`member ${participant.member_id} is already being recorded`);
		for (const track of tracks)
			participant.recordings[track] = state.mpcs.startRecording(mpc, format, callback, participant);
		const { record } = participant.recordings[tracks[0]]!;
		return apiReply(200, {
			message: `MPC: ${mpc.friendly_name} record started`,
			recording_id: record.recording_id,
			recording_url: record.recording_url,
		});
	});

	// Stop takes record_track_type in the query, as the reference puts DELETE arguments.
	route('DELETE', '/:mpc/Participant/:member/Record/', ({ params, query, state }) => {
		const args = queryArgs(query);
		onlyKnown(args, ['record_track_type']);
		const tracks = trackTypes(args);
		const mpc = state.mpcs.live(params.mpc);
		const participant = state.mpcs.member(mpc, params.member);
		const running = tracks.filter((track) => participant.recordings[track]);
		if (running.length === 0)
			throw badRequest(`member ${participant.member_id} is not being recorded`);
		for (const track of running) {
			state.mpcs.stopRecording(mpc, participant.recordings[track]!, participant);
			delete participant.recordings[track];
		}
		return { status: 204 };
	});

	for (const [action, from, pause] of PAUSE_AND_RESUME) {
		route('POST', `/:mpc/Participant/:member/Record/${action}/`, ({ params, body, state }) => {
			onlyKnown(body, ['record_track_type']);
			const tracks = trackTypes(body);
			const mpc = state.mpcs.live(params.mpc);
			const participant = state.mpcs.member(mpc, params.member);
			const matching = tracks.filter((track) => participant.recordings[track]?.state === from);
			if (matching.length === 0) {
				throw badRequest(
					`member ${participant.member_id} has no ${from === 'recording' ? 'recording in progress' : 'paused recording'}`,
				);
			}
			for (const track of matching)
				state.mpcs.pauseRecording(mpc, participant.recordings[track]!, pause, participant);
			return { status: 204 };
		});
	}

	// Member play (reference L12367–L12969): the path of its base URI and curl samples, body `url`.
	route('POST', '/:mpc/Member/:members/Play/', ({ params, body, state }) => {
		onlyKnown(body, ['url']);
		const audio = requiredUrl(body, 'url');
		if (!/\.(mp3|wav)$/i.test(new URL(audio).pathname))
			throw badRequest('url must point to an .mp3 or .wav file');
		const mpc = state.mpcs.live(params.mpc);
		const startedFor = params.members === 'all' ? 'all' : 'member';
		const members = state.mpcs.members(mpc, params.members, { several: true });
		for (const participant of members) {
			participant.playing = { url: audio, startedFor };
			state.mpcs.notify(mpc, 'ParticipantAudioPlayed', participant);
		}
		return apiReply(202, {
			message: 'play queued into MPC',
			mpcMemberId: members.map((participant) => participant.member_id),
			mpcName: mpc.friendly_name,
		});
	});

	// Stopping with `all` does not stop a play started per member, and the other way round (L12687).
	route('DELETE', '/:mpc/Member/:members/Play/', ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const mpc = state.mpcs.live(params.mpc);
		const startedFor = params.members === 'all' ? 'all' : 'member';
		for (const participant of state.mpcs.members(mpc, params.members, { several: true })) {
			if (participant.playing?.startedFor !== startedFor) continue;
			participant.playing = undefined;
			state.mpcs.notify(mpc, 'ParticipantAudioStopped', participant);
		}
		return { status: 204 };
	});
}
