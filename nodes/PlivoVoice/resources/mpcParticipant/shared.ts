import type { INodeProperties } from 'n8n-workflow';

import { toBody, toQuery } from '../../../../lib/kit/fields';
import type { MemberScope } from '../../../../lib/plivo/memberIds';
import { memberIdsSegment } from '../../../../lib/plivo/memberIds';
import type { PathSegmentKind } from '../../../../lib/kit/pathSegments';
import { onlyListedOptions } from '../../../../lib/plivo/validation';

const memberScopeDescriptions: Record<MemberScope, string> = {
	one: 'The member ID of the participant, as returned by Get Many or in Plivo’s callbacks (MemberID)',
	oneOrAll: 'The member ID of the participant, or all for every participant',
	several:
		'The member ID of a participant, several separated by commas, or all for every participant',
};

function memberIdField(scope: MemberScope): INodeProperties {
	return {
		displayName: 'Member ID',
		name: 'memberId',
		type: 'string',
		required: true,
		default: '',
		placeholder:
			scope === 'one'
				? 'e.g. 355'
				: scope === 'oneOrAll'
					? 'e.g. 355 or all'
					: 'e.g. 355,356 or all',
		description: memberScopeDescriptions[scope],
	};
}

/**
 * The participants an operation acts on: the Member ID field, and its `{member_id}` segment for
 * the operation's path, for the same scope.
 */
export function participantMembers(scope: MemberScope): {
	field: INodeProperties;
	segment: PathSegmentKind;
} {
	return { field: memberIdField(scope), segment: memberIdsSegment(scope) };
}

/*
 * Participant paths are `/MultiPartyCall/{mpc}/Participant/{member_id}/…`. The reference writes the
 * MPC segment of the participant-recording paths as `{mpc_name/UUID}`, without a prefix; the
 * official SDK always sends `name_…`/`uuid_…` there, as every other MPC path has it, and so does
 * this node.
 *
 * Play Audio and Stop Audio use `/MultiPartyCall/{mpc}/Member/{member_id}/Play/`: the path of the
 * reference's base URI, curl sample and the official SDK. The reference's endpoint lines for this
 * pair are typos (`…/Call/{call_uuid}/Play/` and `/v1/DELETE/Account/…`).
 */

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
			{
				name: 'All Channels',
				value: 'all',
				description: `${verb} the multi-channel recording of the participant`,
			},
			{ name: 'Both', value: 'both', description: `${verb} both recordings` },
			{
				name: 'Participant Only',
				value: 'participant',
				description: `${verb} the single-track recording of the participant’s own audio`,
			},
		],
		default: 'all',
		description: 'Which of the participant’s recordings',
		routing: send === 'body' ? toBody(apiName) : toQuery(apiName),
	});
}
