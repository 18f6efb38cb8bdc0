/**
 * `{member_id}` in the paths of Conference Member and MPC Participant operations: one member ID,
 * several separated by commas, or `all`, depending on the operation.
 */
import type { PathSegmentKind, SegmentForm } from '../kit/pathSegments';

/**
 * Which members a `{member_id}` may name: one member; one member or `all` (hang up, kick); or
 * a comma-separated list of members or `all` (mute, play, … reference L12384 for MPC play).
 */
export type MemberScope = 'one' | 'oneOrAll' | 'several';

/** Member IDs are numbers Plivo gives each member as it joins (`"member_id": "355"`). */
const MEMBER_ID = /^\d+$/;

/** The member IDs as sent: without the spaces people put around commas, `ALL` as `all`. */
function normalisedMemberIds(value: string): string {
	return value
		.split(',')
		.map((id) => id.trim())
		.join(',')
		.toLowerCase();
}

function memberIdsProblem(scope: MemberScope): SegmentForm['problem'] {
	return function (ids, { operationName }) {
		if (ids === 'all') {
			return scope === 'one'
				? '‘Member ID’ is ‘all’; this operation acts on one participant at a time. Enter a member ID.'
				: undefined;
		}
		const entries = ids.split(',');
		if (scope !== 'several' && entries.length > 1) {
			const takes =
				scope === 'one'
					? 'one member ID. Run it once per member.'
					: 'one member ID or all. Use all, or run it once per member.';
			return `‘Member ID’ lists ${entries.length} members, but ${operationName} takes ${takes}`;
		}
		if (entries.includes('')) {
			return `The ‘Member ID’ field has an empty entry (${ids}). Separate member IDs with single commas, for example 17,18.`;
		}
		const wrong = entries.find((id) => !MEMBER_ID.test(id));
		if (wrong === undefined) return undefined;
		return `‘${wrong}’ in the ‘Member ID’ field is not a member ID (a number such as 17)${scope === 'one' ? '' : ' or all'}.`;
	};
}

/**
 * The `{member_id}` segment of the `memberId` field. Commas stay as they are: the official SDK
 * sends a list so, and Plivo splits it on them.
 */
export function memberIdsSegment(scope: MemberScope): PathSegmentKind {
	return {
		parameter: 'memberId',
		displayName: 'Member ID',
		form: {
			normalise: normalisedMemberIds,
			problem: memberIdsProblem(scope),
			maxLength: 2000,
			keep: ',',
		},
	};
}
