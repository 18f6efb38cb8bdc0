import type { IExecuteSingleFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { conferenceNameField } from '../../shared/conference';
import { pathParameter } from '../../shared/descriptions';
import type { OperationDefinition } from '../../shared/routing';
import { defineOperation } from '../../shared/routing';
import type { RequestCheck } from '../../shared/validation';

/** The Member ID as sent: spaces dropped, `ALL` as `all`. */
function normalisedMemberId(value: unknown): string {
	return String(value ?? '')
		.replace(/\s+/g, '')
		.toLowerCase();
}

/**
 * The `{member_id}` path segment: one ID, IDs separated by commas, or `all`. The commas stay as
 * they are (the official SDK sends them so); everything else is URL-encoded.
 */
const MEMBER_SEGMENT =
	'{{encodeURIComponent(String($parameter["memberId"] ?? "").replace(/\\s+/g, "").toLowerCase()).replace(/%2C/g, ",")}}';

function memberIdField(oneMember: boolean, hint: string): INodeProperties {
	const which = oneMember ? 'or all for every member' : 'several IDs separated by commas, or all for every member';
	return {
		displayName: 'Member ID',
		name: 'memberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: oneMember ? 'e.g. 17 or all' : 'e.g. 17, or 17,18, or all',
		description: [`The member’s ID in the conference (see the Get operation of Conference), ${which}`, hint]
			.filter(Boolean)
			.join('. '),
	};
}

/**
 * Refuses, before sending, a Member ID Plivo would not take: member IDs are numbers; hang up and
 * kick take a single one (or `all`), the other actions a comma-separated list too.
 */
function memberIdCheck(operationName: string, oneMember: boolean): RequestCheck {
	return function (this: IExecuteSingleFunctions) {
		const memberId = normalisedMemberId(this.getNodeParameter('memberId', ''));
		if (memberId === 'all') return undefined;
		const ids = memberId.split(',');
		if (oneMember && ids.length > 1) {
			return `‘Member ID’ lists ${ids.length} members, but ${operationName} takes one member ID or all. Use all, or run it once per member.`;
		}
		if (ids.includes('')) return 'The ‘Member ID’ field has an empty entry. Separate member IDs with single commas, for example 17,18.';
		const wrong = ids.find((id) => !/^\d+$/.test(id));
		if (wrong !== undefined) {
			return `‘${wrong}’ in the ‘Member ID’ field is not a member ID (a number such as 17) or all.`;
		}
		return undefined;
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

/** A Conference Member operation: the conference, the member(s), and the operation's own fields. */
export function defineMemberOperation(spec: MemberOperationSpec): OperationDefinition {
	const { suffix, oneMember = false, memberHint = '', properties = [], checks = [], ...operation } = spec;
	return defineOperation({
		...operation,
		resource: 'conferenceMember',
		url: `=/Conference/${pathParameter('conferenceName')}/Member/${MEMBER_SEGMENT}/${suffix}`,
		properties: [
			conferenceNameField('The conference the member is in'),
			memberIdField(oneMember, memberHint),
			...properties,
		],
		checks: [memberIdCheck(spec.name, oneMember), ...checks],
	});
}

/** Plivo stops audio or speech only for the same Member ID form that started it. */
export const SAME_MEMBER_ID_HINT =
	'Use the same value as when it was started: what was started for all does not stop for a member’s ID, nor the other way round';
