import type { IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { CONFERENCE_NAME, conferenceNameField } from '../../fields/conference';
import { memberIdsSegment } from '../../../../lib/plivo/memberIds';
import { path } from '../../../../lib/kit/pathSegments';
import type { OperationDefinition } from '../../../../lib/kit/routing';
import type { RequestCheck } from '../../../../lib/kit/validation';
import { defineOperation } from '../../../../lib/plivo/routing';

function memberIdField(oneMember: boolean, hint: string): INodeProperties {
	const which = oneMember
		? 'or all for every member'
		: 'several IDs separated by commas, or all for every member';
	return {
		displayName: 'Member ID',
		name: 'memberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: oneMember ? 'e.g. 17 or all' : 'e.g. 17, or 17,18, or all',
		description: [
			`The member’s ID in the conference (see the Get operation of Conference), ${which}`,
			hint,
		]
			.filter(Boolean)
			.join('. '),
	};
}

export interface MemberOperationSpec {
	value: string;
	name: string;
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** What follows `/Member/{member_id}/`: `Mute/`, `Play/`, … or nothing. */
	suffix: string;
	/** Hang up and kick take one member ID or `all`, not a list. */
	oneMember?: boolean;
	/** Added to the Member ID description, e.g. how to stop what was started. */
	memberHint?: string;
	properties?: INodeProperties[];
	checks?: RequestCheck[];
}

/**
 * A Conference Member operation: the conference, the member(s), and the operation's own fields, at
 * `/Conference/{conference_name}/Member/{member_id}/{suffix}`.
 */
export function defineMemberOperation(spec: MemberOperationSpec): OperationDefinition {
	const {
		suffix,
		oneMember = false,
		memberHint = '',
		properties = [],
		checks = [],
		...operation
	} = spec;
	const members = memberIdsSegment(oneMember ? 'oneOrAll' : 'several');
	return defineOperation({
		...operation,
		resource: 'conferenceMember',
		url: path(['/Conference/', '/Member/', `/${suffix}`], CONFERENCE_NAME, members),
		properties: [
			conferenceNameField('The conference the member is in'),
			memberIdField(oneMember, memberHint),
			...properties,
		],
		checks,
	});
}

/** Plivo stops audio or speech only for the same Member ID form that started it. */
export const SAME_MEMBER_ID_HINT =
	'Use the same value as when it was started: what was started for all does not stop for a member’s ID, nor the other way round';
