import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { toBody, toQuery } from '../../shared/descriptions';
import { onlyListedOptions, validate } from '../../shared/validation';
import { mpcPath } from '../multipartyCall/shared';

/**
 * Which participants a `{member_id}` in the path may name: one member, one member or `all`, or
 * a comma-separated list of members or `all` (member play, reference L12384).
 */
export type MemberScope = 'one' | 'oneOrAll' | 'several';

const memberScopeDescriptions: Record<MemberScope, string> = {
	one: 'The member ID of the participant, as returned by Get Many or in Plivo’s callbacks (MemberID)',
	oneOrAll: 'The member ID of the participant, or all for every participant',
	several: 'The member ID of a participant, several separated by commas, or all for every participant',
};

/** The member segment as typed, without the spaces people put after commas. */
function memberIds(this: IExecuteSingleFunctions): string {
	return String(this.getNodeParameter('memberId', '') ?? '').replace(/\s+/g, '');
}

function memberIdProblem(scope: MemberScope) {
	return function (this: IExecuteSingleFunctions): string | undefined {
		const ids = memberIds.call(this);
		if (ids === '') return undefined; // the required-field check reports it
		if (scope !== 'several' && ids.includes(',')) {
			return `‘Member ID’ holds several IDs (${ids}); this operation acts on ${scope === 'one' ? 'one participant' : 'one participant or all'} at a time.`;
		}
		if (scope === 'one' && ids.toLowerCase() === 'all') {
			return '‘Member ID’ is ‘all’; this operation acts on one participant at a time. Enter a member ID.';
		}
		if (ids.split(',').some((id) => id === '')) return `‘Member ID’ has an empty entry between commas (${ids}).`;
		return undefined;
	};
}

export function memberIdField(scope: MemberScope): INodeProperties {
	return {
		displayName: 'Member ID',
		name: 'memberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: scope === 'one' ? 'e.g. 355' : scope === 'oneOrAll' ? 'e.g. 355 or all' : 'e.g. 355,356 or all',
		description: memberScopeDescriptions[scope],
		routing: { send: { preSend: [validate(memberIdProblem(scope))] } },
	};
}

/**
 * `{member_id}` in a path: URL-encoded, spaces dropped, `all` in lower case, commas kept as they
 * are (Plivo splits a member list on them).
 */
const MEMBER_SEGMENT =
	'{{encodeURIComponent(String($parameter["memberId"]).replace(/\\s+/g, "").replace(/^all$/i, "all")).replace(/%2C/gi, ",")}}';

/**
 * `/MultiPartyCall/{mpc}/Participant/{memberId}/…`. The reference writes the MPC segment of the
 * participant-recording paths as `{mpc_name/UUID}`, without a prefix; the official SDK always
 * sends `name_…`/`uuid_…` there, as every other MPC path has it, and so does this node.
 */
export function participantPath(rest = ''): string {
	return mpcPath(`Participant/${MEMBER_SEGMENT}/${rest}`);
}

/**
 * `/MultiPartyCall/{mpc}/Member/{memberId}/Play/`: the path of the reference's base URI, curl
 * sample and the official SDK. The reference's endpoint lines for this pair are typos
 * (`…/Call/{call_uuid}/Play/` and `/v1/DELETE/Account/…`).
 */
export const MEMBER_PLAY_PATH = mpcPath(`Member/${MEMBER_SEGMENT}/Play/`);

/**
 * `record_track_type` of the participant-recording operations: in the body, or in the query for
 * the stop, a DELETE (as the reference puts DELETE arguments; the official SDK sends a JSON body).
 */
export function recordTrackTypeField(verb: string, send: 'body' | 'query'): INodeProperties {
	const apiName = 'record_track_type';
	return onlyListedOptions({
		displayName: 'Record Track Type',
		name: 'recordTrackType',
		type: 'options',
		options: [
			{ name: 'All Channels', value: 'all', description: `${verb} the multi-channel recording of the participant` },
			{ name: 'Both', value: 'both', description: `${verb} both recordings` },
			{ name: 'Participant Only', value: 'participant', description: `${verb} the single-track recording of the participant’s own audio` },
		],
		default: 'all',
		description: 'Which of the participant’s recordings',
		routing: send === 'body' ? toBody(apiName) : toQuery(apiName),
	});
}
