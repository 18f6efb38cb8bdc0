import type { INodeProperties } from 'n8n-workflow';

import { toQuery } from '../../../lib/kit/fields';

/** Plivo's timestamp format for filters: `YYYY-MM-DD HH:MM:SS`, in UTC. */
const PLIVO_TIME =
	"={{ $value ? DateTime.fromISO(String($value).trim().replace(' ', 'T')).toUTC().toFormat('yyyy-MM-dd HH:mm:ss') : $value }}";

const comparisons = [
	{ nameKey: 'exactName', suffix: '', time: 'At', number: 'Equal To' },
	{ nameKey: 'gtName', suffix: '__gt', time: 'After', number: 'Greater Than' },
	{ nameKey: 'gteName', suffix: '__gte', time: 'At or After', number: 'Greater Than or Equal To' },
	{ nameKey: 'ltName', suffix: '__lt', time: 'Before', number: 'Less Than' },
	{ nameKey: 'lteName', suffix: '__lte', time: 'At or Before', number: 'Less Than or Equal To' },
] as const;

export interface ComparisonFilterOptions {
	apiName: string;
	/**
	 * The parameters' names in saved workflows, written out, one per bound (`end_time__gt` →
	 * `gtName: 'endTimeGt'`).
	 */
	gtName: string;
	gteName: string;
	ltName: string;
	lteName: string;
	/** Also offer the exact-match filter (`end_time=…`), not only the bounds, under this name. */
	exactName?: string;
	displayName: string;
	kind: 'time' | 'number';
	description: string;
}

/**
 * Range filters such as `end_time__gte`: Plivo wants exactly these names, with two underscores.
 * Times are picked in the workflow's time zone and sent in UTC, as Plivo expects.
 */
export function comparisonFilterFields(options: ComparisonFilterOptions): INodeProperties[] {
	const { apiName, displayName, kind, description } = options;
	return comparisons.flatMap((comparison) => {
		const name = options[comparison.nameKey];
		if (name === undefined) return [];
		const label = comparison[kind];
		return {
			displayName: `${displayName} ${label}`,
			name,
			type: kind === 'time' ? 'dateTime' : 'number',
			default: kind === 'time' ? '' : 0,
			description: `${description} (${label.toLowerCase()} the given ${kind === 'time' ? 'time' : 'value'})`,
			routing: toQuery(`${apiName}${comparison.suffix}`, kind === 'time' ? PLIVO_TIME : undefined),
		} satisfies INodeProperties;
	});
}
