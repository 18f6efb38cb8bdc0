import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, returnAllAndLimitFields, toQuery } from '../../../../../lib/kit/fields';
import type { RequestCheck } from '../../../../../lib/kit/validation';
import { defineOperation } from '../../shared/routing';
import { itemsFromPage } from '../../shared/transport';

/** The day the user picked, as SignalWire's date filters want it: `YYYY-MM-DD`, as written. */
const LAML_DAY =
	"={{ $value ? DateTime.fromISO(String($value).trim().replace(' ', 'T'), { setZone: true }).toFormat('yyyy-MM-dd') : $value }}";

const dayComparisons = [
	{ suffix: '', label: 'On', nameKey: 'onName', relation: 'on' },
	{ suffix: '<', label: 'On or Before', nameKey: 'onOrBeforeName', relation: 'on or before' },
	{ suffix: '>', label: 'On or After', nameKey: 'onOrAfterName', relation: 'on or after' },
] as const;

/**
 * `DateCreated`, `DateCreated<` and `DateCreated>` (on the wire `DateCreated<=2024-05-01`): the
 * conferences of a day, or of a day and those before or after it. SignalWire counts days in UTC.
 */
function dayFilters(
	apiName: 'DateCreated' | 'DateUpdated',
	verb: 'Created' | 'Updated',
	/** The parameters' names in saved workflows, written out. */
	names: Record<(typeof dayComparisons)[number]['nameKey'], string>,
): Array<{ field: INodeProperties; check: RequestCheck }> {
	return dayComparisons.map(({ suffix, label, nameKey, relation }) => {
		const displayName = `${verb} ${label}`;
		const queryName = `${apiName}${suffix}`;
		return {
			field: {
				displayName,
				name: names[nameKey],
				type: 'dateTime',
				default: '',
				description: `Only conferences ${verb.toLowerCase()} ${relation} this day (days in UTC)`,
				routing: toQuery(queryName, LAML_DAY),
			},
			check: (requestOptions) => {
				const value = (requestOptions.qs ?? {})[queryName];
				if (value === undefined || /^\d{4}-\d{2}-\d{2}$/.test(String(value))) return undefined;
				return `‘${displayName}’ is not a date; pick one, or enter one such as 2024-05-01.`;
			},
		};
	});
}

const dateFilters = [
	...dayFilters('DateCreated', 'Created', {
		onName: 'createdOn',
		onOrBeforeName: 'createdOnOrBefore',
		onOrAfterName: 'createdOnOrAfter',
	}),
	...dayFilters('DateUpdated', 'Updated', {
		onName: 'updatedOn',
		onOrBeforeName: 'updatedOnOrBefore',
		onOrAfterName: 'updatedOnOrAfter',
	}),
];

export const getMany = defineOperation({
	resource: 'conference',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many conferences',
	description: 'List the conferences of the project, one item per conference',
	method: 'GET',
	url: '/Conferences.json',
	paged: true,
	output: [itemsFromPage('conferences')],
	checks: dateFilters.map((filter) => filter.check),
	properties: [
		...returnAllAndLimitFields(),
		filtersCollection([
			{
				displayName: 'Friendly Name',
				name: 'friendlyName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Support Room',
				description:
					'Only the conferences with exactly this name (the name given in the LaML that created them)',
				routing: toQuery('FriendlyName'),
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Completed', value: 'completed', description: 'Ended' },
					{ name: 'In Progress', value: 'in-progress', description: 'Running now' },
					{
						name: 'Init',
						value: 'init',
						description: 'Created, waiting for a participant who starts it',
					},
				],
				default: 'in-progress',
				description: 'Only the conferences in this state',
				routing: toQuery('Status'),
			},
			...dateFilters.map((filter) => filter.field),
		]),
	],
});
