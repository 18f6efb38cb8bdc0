import type { INodeProperties } from 'n8n-workflow';

import { camelCase, toQuery } from '../../../lib/kit/fields';

/** Plivo's timestamp format for filters: `YYYY-MM-DD HH:MM:SS`, in UTC. */
const PLIVO_TIME =
	"={{ $value ? DateTime.fromISO(String($value).trim().replace(' ', 'T')).toUTC().toFormat('yyyy-MM-dd HH:mm:ss') : $value }}";

const comparisons = [
	{ suffix: '', time: 'At', number: 'Equal To' },
	{ suffix: '__gt', time: 'After', number: 'Greater Than' },
	{ suffix: '__gte', time: 'At or After', number: 'Greater Than or Equal To' },
	{ suffix: '__lt', time: 'Before', number: 'Less Than' },
	{ suffix: '__lte', time: 'At or Before', number: 'Less Than or Equal To' },
] as const;

export interface ComparisonFilterOptions {
	apiName: string;
	displayName: string;
	kind: 'time' | 'number';
	/** Also offer the exact-match filter (`end_time=…`), not only the bounds. */
	exact?: boolean;
	description: string;
}

/**
 * Range filters such as `end_time__gte`: Plivo wants exactly these names, with two underscores.
 * Times are picked in the workflow's time zone and sent in UTC, as Plivo expects.
 */
export function comparisonFilterFields(options: ComparisonFilterOptions): INodeProperties[] {
	const { apiName, displayName, kind, exact = false, description } = options;
	return comparisons
		.filter((comparison) => exact || comparison.suffix !== '')
		.map((comparison) => {
			const label = comparison[kind];
			return {
				displayName: `${displayName} ${label}`,
				name: camelCase(`${apiName}${comparison.suffix}`),
				type: kind === 'time' ? 'dateTime' : 'number',
				default: kind === 'time' ? '' : 0,
				description: `${description} (${label.toLowerCase()} the given ${kind === 'time' ? 'time' : 'value'})`,
				routing: toQuery(
					`${apiName}${comparison.suffix}`,
					kind === 'time' ? PLIVO_TIME : undefined,
				),
			} satisfies INodeProperties;
		});
}
