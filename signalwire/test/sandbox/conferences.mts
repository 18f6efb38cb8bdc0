/**
 * Conferences and their participants. The participant object is the one of the seed page
 * "Retrieve a Participant" (shared/seeds/003_…); the rest follows signalwire-facts.md and the
 * compatibility API's conference reference: list, retrieve and update conferences (`Status=completed`
 * ends one, `AnnounceUrl` plays an announcement), list, retrieve, update (mute, hold, coach,
 * announce, music) and remove participants.
 */
import type { Args } from '../../../test/sandbox/arguments.mts';
import {
	boolean,
	httpMethod,
	oneOf,
	onlyKnownArgs,
	optionalString,
	queryArgs,
	url,
} from '../../../test/sandbox/arguments.mts';
import { badRequest, notFound } from '../../../test/sandbox/core.mts';
import type { FakeServer, Handler, Reply } from '../../../test/sandbox/core.mts';
import type { SignalWireState } from './index.mts';
import { PAGING_ARGS, page } from './pagination.mts';
import type { SignalWireCore } from './state.mts';
import { API_ROOT, newSid, rfc2822, utcDay } from './state.mts';

export type ConferenceStatus = 'init' | 'in-progress' | 'completed';

export interface ParticipantRecord {
	call_sid: string;
	conference_sid: string;
	muted: boolean;
	hold: boolean;
	coaching: boolean;
	call_sid_to_coach: string | null;
	end_conference_on_exit: boolean;
	start_conference_on_enter: boolean;
	created: Date;
	updated: Date;
	/** What the participant hears on hold and while waiting, as last set through the API. */
	holdMusic?: { url: string; method: 'GET' | 'POST' };
	waitMusic?: { url: string; method: 'GET' | 'POST' };
}

export interface Announcement {
	url: string;
	method: 'GET' | 'POST';
	/** Set when played to one participant; absent when played to the whole conference. */
	callSid?: string;
}

export interface ConferenceRecord {
	sid: string;
	friendly_name: string;
	status: ConferenceStatus;
	region: string;
	created: Date;
	updated: Date;
	/** The participants in the conference now; those who left are no longer listed. */
	participants: Map<string, ParticipantRecord>;
	announcements: Announcement[];
}

export interface NewConference {
	friendlyName?: string;
	/** How many participants join at once (each starts the conference). */
	participants?: number;
	createdAt?: Date;
}

export type NewParticipant = Partial<
	Pick<ParticipantRecord, 'muted' | 'hold' | 'end_conference_on_exit' | 'start_conference_on_enter'>
>;

const DATE_FILTERS = ['DateCreated', 'DateUpdated'].flatMap((name) => [
	name,
	`${name}<`,
	`${name}>`,
]);
const CONFERENCE_LIST_ARGS = ['FriendlyName', 'Status', ...DATE_FILTERS, ...PAGING_ARGS];
const CONFERENCE_UPDATE_ARGS = ['Status', 'AnnounceUrl', 'AnnounceMethod'];
const PARTICIPANT_LIST_ARGS = ['Muted', 'Hold', ...PAGING_ARGS];
const PARTICIPANT_UPDATE_ARGS = [
	'Muted',
	'Hold',
	'HoldUrl',
	'HoldMethod',
	'AnnounceUrl',
	'AnnounceMethod',
	'Coaching',
	'CallSidToCoach',
	'WaitUrl',
	'WaitMethod',
];

/** `YYYY-MM-DD`, the form of the date filters (days in UTC). */
function day(args: Args, name: string): string | undefined {
	const value = optionalString(args, name);
	if (value === undefined) return undefined;
	const date = new Date(`${value}T00:00:00Z`);
	if (
		!/^\d{4}-\d{2}-\d{2}$/.test(value) ||
		Number.isNaN(date.getTime()) ||
		utcDay(date) !== value
	) {
		throw badRequest(`${name} must be a date of the form YYYY-MM-DD`);
	}
	return value;
}

/**
 * `DateCreated=D` keeps the conferences of day D; `DateCreated<=D` (the argument `DateCreated<`)
 * those of day D or before, `DateCreated>=D` those of day D or after. Days are in UTC.
 */
function matchesDay(date: Date, args: Args, name: string): boolean {
	const actual = utcDay(date);
	const on = day(args, name);
	const onOrBefore = day(args, `${name}<`);
	const onOrAfter = day(args, `${name}>`);
	return (
		(!on || actual === on) &&
		(!onOrBefore || actual <= onOrBefore) &&
		(!onOrAfter || actual >= onOrAfter)
	);
}

/** The arguments given, as strings, to repeat in page URIs. */
function filtersOf(args: Args, names: string[]): Record<string, string> {
	return Object.fromEntries(
		names.filter((name) => args[name] !== undefined).map((name) => [name, String(args[name])]),
	);
}

export class ConferenceStore {
	readonly conferences = new Map<string, ConferenceRecord>();

	constructor(private readonly core: SignalWireCore) {}

	reset(): void {
		this.conferences.clear();
	}

	/** A conference as the `<Conference>` verb creates it; it starts when a participant who starts it joins. */
	create(options: NewConference = {}): ConferenceRecord {
		const created = options.createdAt ?? this.core.now();
		const conference: ConferenceRecord = {
			sid: newSid(),
			friendly_name: options.friendlyName ?? `Room ${this.conferences.size + 1}`,
			status: 'init',
			region: 'us1',
			created,
			updated: created,
			participants: new Map(),
			announcements: [],
		};
		this.conferences.set(conference.sid, conference);
		for (let index = 0; index < (options.participants ?? 0); index++) this.join(conference);
		return conference;
	}

	/** A call joins the conference. */
	join(conference: ConferenceRecord, options: NewParticipant = {}): ParticipantRecord {
		if (conference.status === 'completed')
			throw new Error(`conference ${conference.sid} has ended`);
		const now = this.core.now();
		const participant: ParticipantRecord = {
			call_sid: newSid(),
			conference_sid: conference.sid,
			muted: options.muted ?? false,
			hold: options.hold ?? false,
			coaching: false,
			call_sid_to_coach: null,
			end_conference_on_exit: options.end_conference_on_exit ?? false,
			start_conference_on_enter: options.start_conference_on_enter ?? true,
			created: now,
			updated: now,
		};
		conference.participants.set(participant.call_sid, participant);
		if (participant.start_conference_on_enter && conference.status === 'init') {
			conference.status = 'in-progress';
			conference.updated = now;
		}
		return participant;
	}

	/** Ends the conference: every participant is disconnected. */
	end(conference: ConferenceRecord): void {
		conference.status = 'completed';
		conference.participants.clear();
		conference.updated = this.core.now();
	}

	/**
	 * The participant leaves. The conference ends with it when it was set to end the conference on
	 * exit, or when nobody is left.
	 */
	leave(conference: ConferenceRecord, participant: ParticipantRecord): void {
		conference.participants.delete(participant.call_sid);
		if (participant.end_conference_on_exit || conference.participants.size === 0)
			this.end(conference);
	}

	get(sid: string): ConferenceRecord {
		const conference = this.conferences.get(sid);
		if (!conference) throw notFound(`The requested resource /Conferences/${sid} was not found`);
		return conference;
	}

	participant(conference: ConferenceRecord, callSid: string): ParticipantRecord {
		const participant = conference.participants.get(callSid);
		if (!participant) {
			throw notFound(
				`The requested resource /Conferences/${conference.sid}/Participants/${callSid} was not found`,
			);
		}
		return participant;
	}

	conferencePath(conference: ConferenceRecord, rest = ''): string {
		return this.core.accountPath(`/Conferences/${conference.sid}${rest}`);
	}

	conferenceJson(conference: ConferenceRecord): Record<string, unknown> {
		return {
			account_sid: this.core.project.projectId,
			api_version: '2010-04-01',
			date_created: rfc2822(conference.created),
			date_updated: rfc2822(conference.updated),
			friendly_name: conference.friendly_name,
			region: conference.region,
			sid: conference.sid,
			status: conference.status,
			uri: this.conferencePath(conference, '.json'),
			subresource_uris: {
				participants: this.conferencePath(conference, '/Participants.json'),
				recordings: this.conferencePath(conference, '/Recordings.json'),
			},
		};
	}

	/** Exactly the fields of the seed page, "Retrieve a Participant". */
	participantJson(participant: ParticipantRecord): Record<string, unknown> {
		const conference = this.get(participant.conference_sid);
		return {
			account_sid: this.core.project.projectId,
			call_sid: participant.call_sid,
			call_sid_to_coach: participant.call_sid_to_coach,
			coaching: participant.coaching,
			conference_sid: participant.conference_sid,
			date_created: rfc2822(participant.created),
			status: conference.participants.has(participant.call_sid) ? 'in-progress' : 'completed',
			date_updated: rfc2822(participant.updated),
			end_conference_on_exit: participant.end_conference_on_exit,
			muted: participant.muted,
			hold: participant.hold,
			start_conference_on_enter: participant.start_conference_on_enter,
			uri: this.conferencePath(conference, `/Participants/${participant.call_sid}.json`),
		};
	}

	list(args: Args): Record<string, unknown> {
		onlyKnownArgs(args, CONFERENCE_LIST_ARGS);
		const friendlyName = optionalString(args, 'FriendlyName');
		const status = oneOf(args, 'Status', ['init', 'in-progress', 'completed'] as const);
		const matching = [...this.conferences.values()].filter(
			(conference) =>
				(friendlyName === undefined || conference.friendly_name === friendlyName) &&
				(status === undefined || conference.status === status) &&
				matchesDay(conference.created, args, 'DateCreated') &&
				matchesDay(conference.updated, args, 'DateUpdated'),
		);
		return page(
			matching.map((conference) => this.conferenceJson(conference)),
			args,
			{
				path: this.core.accountPath('/Conferences.json'),
				key: 'conferences',
				sidOf: (conference) => conference.sid as string,
				filters: filtersOf(args, ['FriendlyName', 'Status', ...DATE_FILTERS]),
			},
		);
	}

	/** `Status=completed` ends the conference; `AnnounceUrl` plays what it returns to everybody in it. */
	update(conference: ConferenceRecord, args: Args): void {
		onlyKnownArgs(args, CONFERENCE_UPDATE_ARGS);
		const status = oneOf(args, 'Status', ['completed'] as const);
		const announceUrl = url(args, 'AnnounceUrl');
		const announceMethod = httpMethod(args, 'AnnounceMethod');
		if (conference.status === 'completed')
			throw badRequest(`Conference ${conference.sid} has ended and cannot be updated`);
		if (announceUrl) conference.announcements.push({ url: announceUrl, method: announceMethod });
		if (status === 'completed') this.end(conference);
		else conference.updated = this.core.now();
	}

	listParticipants(conference: ConferenceRecord, args: Args): Record<string, unknown> {
		onlyKnownArgs(args, PARTICIPANT_LIST_ARGS);
		const muted = boolean(args, 'Muted');
		const hold = boolean(args, 'Hold');
		const matching = [...conference.participants.values()].filter(
			(participant) =>
				(muted === undefined || participant.muted === muted) &&
				(hold === undefined || participant.hold === hold),
		);
		return {
			account_sid: this.core.project.projectId,
			conference_sid: conference.sid,
			...page(
				matching.map((participant) => this.participantJson(participant)),
				args,
				{
					path: this.conferencePath(conference, '/Participants.json'),
					key: 'participants',
					sidOf: (participant) => participant.call_sid as string,
					filters: filtersOf(args, ['Muted', 'Hold']),
				},
			),
		};
	}

	/**
	 * Mute, hold (with its music), announce, wait music and coaching. The seed page: "If true
	 * [coaching], call_sid_to_coach must be defined"; it names a participant of the same
	 * conference, other than the coach. `CallSidToCoach` alone makes the participant a coach;
	 * `Coaching=false` ends coaching.
	 */
	updateParticipant(
		conference: ConferenceRecord,
		participant: ParticipantRecord,
		args: Args,
	): void {
		onlyKnownArgs(args, PARTICIPANT_UPDATE_ARGS);
		const muted = boolean(args, 'Muted');
		const hold = boolean(args, 'Hold');
		const coaching = boolean(args, 'Coaching');
		const callSidToCoach = optionalString(args, 'CallSidToCoach');
		const holdUrl = url(args, 'HoldUrl');
		const holdMethod = httpMethod(args, 'HoldMethod');
		const announceUrl = url(args, 'AnnounceUrl');
		const announceMethod = httpMethod(args, 'AnnounceMethod');
		const waitUrl = url(args, 'WaitUrl');
		const waitMethod = httpMethod(args, 'WaitMethod');
		if (coaching === true && !callSidToCoach)
			throw badRequest('CallSidToCoach is required when Coaching is true');
		if (callSidToCoach !== undefined && coaching !== false) {
			if (callSidToCoach === participant.call_sid)
				throw badRequest('A participant cannot coach itself');
			if (!conference.participants.has(callSidToCoach)) {
				throw badRequest(
					`CallSidToCoach ${callSidToCoach} is not a participant of conference ${conference.sid}`,
				);
			}
		}
		if (muted !== undefined) participant.muted = muted;
		if (hold !== undefined) participant.hold = hold;
		if (holdUrl) participant.holdMusic = { url: holdUrl, method: holdMethod };
		if (waitUrl) participant.waitMusic = { url: waitUrl, method: waitMethod };
		if (announceUrl) {
			conference.announcements.push({
				url: announceUrl,
				method: announceMethod,
				callSid: participant.call_sid,
			});
		}
		if (coaching === false) {
			participant.coaching = false;
			participant.call_sid_to_coach = null;
		} else if (callSidToCoach !== undefined) {
			participant.coaching = true;
			participant.call_sid_to_coach = callSidToCoach;
		}
		participant.updated = this.core.now();
	}
}

/**
 * Registers a route under the account, both as the reference writes it and with `.json`, as the
 * API's own URIs have it. The `.json` form goes first: the plain form's last parameter would also
 * match `….json`.
 */
function accountRoute(
	server: FakeServer<SignalWireState>,
	method: string,
	path: string,
	handler: Handler<SignalWireState>,
): void {
	server.route(method, `${API_ROOT}/:accountSid${path}.json`, handler);
	server.route(method, `${API_ROOT}/:accountSid${path}`, handler);
}

const ok = (body: unknown): Reply => ({ status: 200, body });

export function registerConferenceRoutes(server: FakeServer<SignalWireState>): void {
	accountRoute(server, 'GET', '/Conferences', ({ query, state }) =>
		ok(state.conferences.list(queryArgs(query))),
	);

	accountRoute(server, 'GET', '/Conferences/:sid', ({ params, query, state: { conferences } }) => {
		onlyKnownArgs(queryArgs(query), []);
		return ok(conferences.conferenceJson(conferences.get(params.sid)));
	});

	accountRoute(server, 'POST', '/Conferences/:sid', ({ params, body, state: { conferences } }) => {
		const conference = conferences.get(params.sid);
		conferences.update(conference, body);
		return ok(conferences.conferenceJson(conference));
	});

	accountRoute(
		server,
		'GET',
		'/Conferences/:conferenceSid/Participants',
		({ params, query, state: { conferences } }) =>
			ok(conferences.listParticipants(conferences.get(params.conferenceSid), queryArgs(query))),
	);

	accountRoute(
		server,
		'GET',
		'/Conferences/:conferenceSid/Participants/:callSid',
		({ params, query, state: { conferences } }) => {
			onlyKnownArgs(queryArgs(query), []);
			const conference = conferences.get(params.conferenceSid);
			return ok(conferences.participantJson(conferences.participant(conference, params.callSid)));
		},
	);

	accountRoute(
		server,
		'POST',
		'/Conferences/:conferenceSid/Participants/:callSid',
		({ params, body, state: { conferences } }) => {
			const conference = conferences.get(params.conferenceSid);
			const participant = conferences.participant(conference, params.callSid);
			conferences.updateParticipant(conference, participant, body);
			return ok(conferences.participantJson(participant));
		},
	);

	accountRoute(
		server,
		'DELETE',
		'/Conferences/:conferenceSid/Participants/:callSid',
		({ params, query, state: { conferences } }) => {
			onlyKnownArgs(queryArgs(query), []);
			const conference = conferences.get(params.conferenceSid);
			conferences.leave(conference, conferences.participant(conference, params.callSid));
			return { status: 204 };
		},
	);
}
