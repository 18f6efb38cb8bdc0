/**
 * Conferences and their members, from the reference's "Conference" and "Conference Member"
 * sections: members join (through the sandbox, as a call running the Conference XML element
 * would), the member actions change their state, conferences end when hung up or when the last
 * member leaves, and conference recordings land in the RecordingStore.
 */
import type { EventEmitter } from 'node:events';

import type { FakeServer } from '../core.mts';
import type { Args } from './arguments.mts';
import {
	badRequest,
	notFound,
	oneOf,
	onlyKnown,
	queryArgs,
	requiredString,
	requiredUrl,
} from './arguments.mts';
import type { CallRecord, CallStore } from './calls.mts';
import type { PlivoState } from './index.mts';
import type { RecordingStore } from './recordings.mts';
import { RECORD_ARGUMENTS } from './recordings.mts';
import type { PlivoCore } from './state.mts';
import { apiReply, newUuid } from './state.mts';

/** Languages of "Speak text to a member" and the voices each has (reference, L17129–L17193). */
const SPEAK_VOICES: Record<string, Array<'MAN' | 'WOMAN'>> = {
	'da-DK': ['WOMAN'],
	'nl-NL': ['WOMAN', 'MAN'],
	'en-AU': ['WOMAN', 'MAN'],
	'en-GB': ['WOMAN', 'MAN'],
	'en-US': ['WOMAN', 'MAN'],
	'fr-FR': ['WOMAN', 'MAN'],
	'fr-CA': ['WOMAN'],
	'de-DE': ['WOMAN', 'MAN'],
	'it-IT': ['WOMAN', 'MAN'],
	'pl-PL': ['WOMAN', 'MAN'],
	'pt-PT': ['MAN'],
	'pt-BR': ['WOMAN', 'MAN'],
	'ru-RU': ['WOMAN'],
	'es-ES': ['WOMAN', 'MAN'],
	'es-US': ['WOMAN', 'MAN'],
	'sv-SE': ['WOMAN'],
};

/** What is being played or spoken to a member, and whether it was started for `all`. */
interface MemberPlayback {
	forAll: boolean;
	args: Args;
}

export interface ConferenceMember {
	member_id: string;
	call_uuid: string;
	muted: boolean;
	deaf: boolean;
	joined_at: Date;
	playing?: MemberPlayback;
	speaking?: MemberPlayback;
}

export interface ConferenceRecord {
	name: string;
	conference_uuid: string;
	started_at: Date;
	members: ConferenceMember[];
	/** Member IDs are numbers, unique within a conference. */
	lastMemberId: number;
}

export interface JoinOptions {
	from: string;
	/** The conference bridge number (or application) the caller dialled. */
	to: string;
	direction?: 'inbound' | 'outbound';
	/** Shown for callers from a SIP endpoint; empty otherwise. */
	callerName?: string;
	/** A call already in progress that joins (a `<Conference>` element); otherwise a new call. */
	call?: CallRecord;
}

export class ConferenceStore {
	/** "Conferences hold at most 20 members." */
	static readonly MAX_MEMBERS = 20;
	private readonly live = new Map<string, ConferenceRecord>();

	constructor(
		private readonly core: PlivoCore,
		private readonly calls: CallStore,
		private readonly recordings: RecordingStore,
		private readonly events: EventEmitter,
	) {}

	reset(): void {
		this.live.clear();
	}

	/**
	 * A caller joins a conference, as a call answered with `<Conference>name</Conference>` does;
	 * the conference starts with its first member. Tests set scenes with this.
	 */
	join(name: string, options: JoinOptions): ConferenceMember {
		const now = this.core.now();
		const conference = this.find(name) ?? {
			name,
			conference_uuid: newUuid(),
			started_at: now,
			members: [],
			lastMemberId: 0,
		};
		if (conference.members.length >= ConferenceStore.MAX_MEMBERS) {
			throw new Error(
				`Conference ${name} is full: a conference holds at most ${ConferenceStore.MAX_MEMBERS} members`,
			);
		}
		const call =
			options.call ??
			this.calls.create({
				from: options.from,
				to: options.to,
				direction: options.direction ?? 'inbound',
				caller_name: options.callerName ?? '',
				status: 'in-progress',
				answered_at: now,
			});
		conference.lastMemberId++;
		const member: ConferenceMember = {
			member_id: String(conference.lastMemberId),
			call_uuid: call.call_uuid,
			muted: false,
			deaf: false,
			joined_at: now,
		};
		conference.members.push(member);
		this.live.set(name, conference);
		return member;
	}

	/** The names of the conferences going on now. */
	names(): string[] {
		return [...this.live.keys()].filter((name) => this.find(name));
	}

	/**
	 * The conference going on under this name. Members whose call has ended (hung up through the
	 * Call API, for instance) have left; a conference whose last member left has ended.
	 */
	find(name: string): ConferenceRecord | undefined {
		const conference = this.live.get(name);
		if (!conference) return undefined;
		conference.members = conference.members.filter(
			(member) => this.calls.calls.get(member.call_uuid)?.status === 'in-progress',
		);
		if (conference.members.length === 0) {
			this.end(conference);
			return undefined;
		}
		return conference;
	}

	get(name: string): ConferenceRecord {
		const conference = this.find(name);
		if (!conference) throw notFound('conference not found');
		return conference;
	}

	call(member: ConferenceMember): CallRecord {
		return this.calls.calls.get(member.call_uuid)!;
	}

	/** Kick: the member leaves; their call carries on with the next element of its XML. */
	kick(conference: ConferenceRecord, members: ConferenceMember[]): void {
		conference.members = conference.members.filter((member) => !members.includes(member));
		if (conference.members.length === 0) this.end(conference);
	}

	/** Hang up: the members' calls end, and with them their membership. */
	hangup(conference: ConferenceRecord, members: ConferenceMember[] = conference.members): void {
		for (const member of [...members]) {
			const call = this.call(member);
			this.calls.hangup(call);
			this.events.emit('call.ended', call);
		}
		this.find(conference.name);
	}

	/** The conference's recordings that are still running. */
	activeRecordings(conference: ConferenceRecord) {
		return this.recordings.items.filter(
			(recording) =>
				recording.active &&
				recording.recording_type === 'conference' &&
				recording.conference_uuid === conference.conference_uuid,
		);
	}

	private end(conference: ConferenceRecord): void {
		for (const recording of this.activeRecordings(conference)) this.recordings.stop(recording);
		this.live.delete(conference.name);
	}

	/** The conference as "Retrieve a conference" returns it. */
	details(conference: ConferenceRecord): Record<string, unknown> {
		const seconds = (since: Date) =>
			String(Math.floor((this.core.now().getTime() - since.getTime()) / 1000));
		return {
			conference_name: conference.name,
			conference_run_time: seconds(conference.started_at),
			conference_member_count: String(conference.members.length),
			members: conference.members.map((member) => {
				const call = this.call(member);
				return {
					muted: member.muted,
					member_id: member.member_id,
					deaf: member.deaf,
					from: call.from,
					to: call.to,
					caller_name: call.caller_name,
					direction: call.direction,
					call_uuid: call.call_uuid,
					join_time: seconds(member.joined_at),
				};
			}),
		};
	}
}

interface MemberSelection {
	members: ConferenceMember[];
	forAll: boolean;
	/** The IDs as given, `['all']` for all. */
	ids: string[];
}

/**
 * `{member_id}`: one ID, a comma-separated list of IDs, or `all`. Hang up and kick take one ID or
 * `all` only. An ID that is not a member of the conference answers 404.
 */
function selectMembers(
	conference: ConferenceRecord,
	memberId: string,
	{ single = false } = {},
): MemberSelection {
	if (memberId === 'all') return { members: [...conference.members], forAll: true, ids: ['all'] };
	const ids = memberId.split(',');
	if (single && ids.length > 1) throw badRequest('member_id must be a single member ID or all');
	const members = ids.map((id) => {
		const member = conference.members.find((candidate) => candidate.member_id === id);
		if (!member) throw notFound(`member ${id} not found in the conference`);
		return member;
	});
	return { members, forAll: false, ids };
}

/** How the play and speak answers show the members: a Python list, e.g. `[u'10', u'11']`. */
function pythonList(ids: string[]): string {
	return `[${ids.map((id) => `u'${id}'`).join(', ')}]`;
}

export function registerConferenceRoutes(server: FakeServer<PlivoState>): void {
	const conferencePath = '/v1/Account/:authId/Conference/:name';
	const memberPath = `${conferencePath}/Member/:memberId`;

	server.route('GET', '/v1/Account/:authId/Conference/', ({ query, state }) => {
		onlyKnown(queryArgs(query), []);
		return apiReply(200, { conferences: state.conferences.names() });
	});

	server.route('DELETE', '/v1/Account/:authId/Conference/', ({ query, state }) => {
		onlyKnown(queryArgs(query), []);
		for (const name of state.conferences.names())
			state.conferences.hangup(state.conferences.get(name));
		return { status: 204 };
	});

	server.route('GET', `${conferencePath}/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		return apiReply(200, state.conferences.details(state.conferences.get(params.name)));
	});

	server.route('DELETE', `${conferencePath}/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		state.conferences.hangup(state.conferences.get(params.name));
		return { status: 204 };
	});

	server.route('POST', `${conferencePath}/Record/`, ({ params, body, state }) => {
		onlyKnown(body, RECORD_ARGUMENTS);
		const conference = state.conferences.get(params.name);
		return state.recordings.startRequested(
			body,
			{
				recording_type: 'conference',
				conference_name: conference.name,
				conference_uuid: conference.conference_uuid,
			},
			'conference recording started',
		);
	});

	server.route('DELETE', `${conferencePath}/Record/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const conference = state.conferences.get(params.name);
		for (const recording of state.conferences.activeRecordings(conference))
			state.recordings.stop(recording);
		return { status: 204 };
	});

	server.route('DELETE', `${memberPath}/`, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const conference = state.conferences.get(params.name);
		state.conferences.hangup(
			conference,
			selectMembers(conference, params.memberId, { single: true }).members,
		);
		return { status: 204 };
	});

	server.route('POST', `${memberPath}/Kick/`, ({ params, body, state }) => {
		onlyKnown(body, []);
		const conference = state.conferences.get(params.name);
		state.conferences.kick(
			conference,
			selectMembers(conference, params.memberId, { single: true }).members,
		);
		return apiReply(202, { message: 'kicked', member_id: params.memberId });
	});

	/** Mute and deaf: POST sets the flag (202), DELETE clears it (204). */
	for (const [segment, flag, message] of [
		['Mute', 'muted', 'muted'],
		['Deaf', 'deaf', 'deaf'],
	] as const) {
		server.route('POST', `${memberPath}/${segment}/`, ({ params, body, state }) => {
			onlyKnown(body, []);
			for (const member of selectMembers(state.conferences.get(params.name), params.memberId)
				.members)
				member[flag] = true;
			return apiReply(202, { message, member_id: params.memberId });
		});
		server.route('DELETE', `${memberPath}/${segment}/`, ({ params, query, state }) => {
			onlyKnown(queryArgs(query), []);
			for (const member of selectMembers(state.conferences.get(params.name), params.memberId)
				.members)
				member[flag] = false;
			return { status: 204 };
		});
	}

	server.route('POST', `${memberPath}/Play/`, ({ params, body, state }) => {
		onlyKnown(body, ['url']);
		const selection = selectMembers(state.conferences.get(params.name), params.memberId);
		requiredUrl(body, 'url');
		for (const member of selection.members)
			member.playing = { forAll: selection.forAll, args: { ...body } };
		return apiReply(202, {
			message: 'play queued into conference',
			member_id: pythonList(selection.ids),
		});
	});

	server.route('POST', `${memberPath}/Speak/`, ({ params, body, state }) => {
		onlyKnown(body, ['text', 'voice', 'language']);
		const selection = selectMembers(state.conferences.get(params.name), params.memberId);
		requiredString(body, 'text');
		const voice = oneOf(body, 'voice', ['MAN', 'WOMAN'] as const, 'WOMAN')!;
		const language = oneOf(body, 'language', Object.keys(SPEAK_VOICES), 'en-US')!;
		if (!SPEAK_VOICES[language].includes(voice))
			throw badRequest(`voice ${voice} is not available for language ${language}`);
		for (const member of selection.members)
			member.speaking = { forAll: selection.forAll, args: { ...body } };
		return apiReply(202, {
			message: 'speak queued into conference',
			member_id: pythonList(selection.ids),
		});
	});

	/**
	 * Stopping audio or speech: "Use either member_id or all the same way you did to start";
	 * what was started for `all` stops only with `all`, and the other way round.
	 */
	for (const [segment, playback] of [
		['Play', 'playing'],
		['Speak', 'speaking'],
	] as const) {
		server.route('DELETE', `${memberPath}/${segment}/`, ({ params, query, state }) => {
			onlyKnown(queryArgs(query), []);
			const selection = selectMembers(state.conferences.get(params.name), params.memberId);
			for (const member of selection.members) {
				if (member[playback]?.forAll === selection.forAll) member[playback] = undefined;
			}
			return { status: 204 };
		});
	}
}
