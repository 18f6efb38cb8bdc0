import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, returnAllAndLimitFields, toQuery } from '../../../../lib/kit/fields';
import { itemsFrom } from '../../../../lib/kit/routing';
import type { RequestCheck } from '../../../../lib/kit/validation';
import { queryOf } from '../../../../lib/kit/validation';
import { comparisonFilterFields } from '../../fields/filters';
import { defineOperation } from '../../../../lib/plivo/routing';
import {
	compactPhoneNumber,
	queryTimeRangeWithin,
	singleDestinationProblem,
} from '../../../../lib/plivo/validation';

/** Plivo lists recordings of at most 30 days at a time. */
const MAX_RANGE_DAYS = 30;

const numberFilters = [
	{
		name: 'fromNumber',
		apiName: 'from_number',
		displayName: 'From Number',
		description:
			'Only recordings of calls from this phone number (with country code) or SIP endpoint',
	},
	{
		name: 'toNumber',
		apiName: 'to_number',
		displayName: 'To Number',
		description:
			'Only recordings of calls to this phone number (with country code) or SIP endpoint',
	},
];

const textFilters = [
	{
		name: 'callUuid',
		apiName: 'call_uuid',
		displayName: 'Call UUID',
		description: 'Only recordings of this call',
	},
	{
		name: 'conferenceName',
		apiName: 'conference_name',
		displayName: 'Conference Name',
		description: 'Only recordings of the conference with this name',
	},
	{
		name: 'conferenceUuid',
		apiName: 'conference_uuid',
		displayName: 'Conference UUID',
		description: 'Only recordings of the conference with this UUID',
	},
	{
		name: 'mpcName',
		apiName: 'mpc_name',
		displayName: 'Multiparty Call Name',
		description: 'Only recordings of the multiparty call with this name',
	},
	{
		name: 'mpcUuid',
		apiName: 'mpc_uuid',
		displayName: 'Multiparty Call UUID',
		description: 'Only recordings of the multiparty call with this UUID',
	},
	{
		name: 'subaccount',
		apiName: 'subaccount',
		displayName: 'Subaccount',
		description: 'Auth ID of a subaccount: only its recordings',
	},
];

const filters = filtersCollection([
	...[...numberFilters, ...textFilters].map(
		({ name, apiName, displayName, description }): INodeProperties => ({
			displayName,
			name,
			type: 'string',
			default: '',
			description,
			routing: toQuery(apiName),
		}),
	),
	...comparisonFilterFields({
		apiName: 'add_time',
		gtName: 'addTimeGt',
		gteName: 'addTimeGte',
		ltName: 'addTimeLt',
		lteName: 'addTimeLte',
		displayName: 'Added',
		kind: 'time',
		description: 'Only recordings added',
	}),
	...comparisonFilterFields({
		apiName: 'recording_storage_duration',
		exactName: 'recordingStorageDuration',
		gtName: 'recordingStorageDurationGt',
		gteName: 'recordingStorageDurationGte',
		ltName: 'recordingStorageDurationLt',
		lteName: 'recordingStorageDurationLte',
		displayName: 'Storage Days',
		kind: 'number',
		description: 'Only recordings whose storage duration in days is',
	}).map((field) => ({ ...field, hint: 'Cannot be combined with the Added filters' })),
]);

/** Plivo filters either by when recordings were added or by how long they have been stored. */
const storageDaysOrAddedTime: RequestCheck = (requestOptions) => {
	const names = Object.keys(queryOf(requestOptions));
	if (
		names.some((name) => name.startsWith('add_time')) &&
		names.some((name) => name.startsWith('recording_storage_duration'))
	) {
		return 'The ‘Storage Days’ filters cannot be combined with the ‘Added’ filters: Plivo takes one kind or the other. Remove one kind.';
	}
	return undefined;
};

/** Plivo's "maximum search window" of 30 days holds for storage days too. */
const storageDaysWithinRange: RequestCheck = (requestOptions) => {
	const query = queryOf(requestOptions);
	const from = query.recording_storage_duration__gte ?? query.recording_storage_duration__gt;
	const to = query.recording_storage_duration__lte ?? query.recording_storage_duration__lt;
	if (typeof from !== 'number' || typeof to !== 'number' || to - from <= MAX_RANGE_DAYS)
		return undefined;
	return `The ‘Storage Days’ filters span ${to - from} days; Plivo searches at most ${MAX_RANGE_DAYS} days at a time. Narrow the range.`;
};

export const getMany = defineOperation({
	resource: 'recording',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many recordings',
	description: `List the recordings on the account (by default those added in the last 7 days; a time range spans at most ${MAX_RANGE_DAYS} days)`,
	method: 'GET',
	url: '/Recording/',
	paged: true,
	output: [itemsFrom('objects')],
	properties: [...returnAllAndLimitFields(), filters],
	preSend: [
		async function compactPhoneNumbers(requestOptions) {
			// "+1 (415) 555-0100" is accepted and sent as Plivo stores numbers: "+14155550100".
			// Anything else stays as typed, for the check below to quote it.
			const query = queryOf(requestOptions);
			for (const { apiName } of numberFilters) {
				if (query[apiName] !== undefined)
					query[apiName] = compactPhoneNumber(String(query[apiName]));
			}
			return requestOptions;
		},
	],
	checks: [
		...numberFilters.map(
			({ apiName, displayName }): RequestCheck =>
				(requestOptions) => {
					const value = queryOf(requestOptions)[apiName];
					return value === undefined
						? undefined
						: singleDestinationProblem(String(value), displayName);
				},
		),
		storageDaysOrAddedTime,
		queryTimeRangeWithin('add_time', 'Added', MAX_RANGE_DAYS),
		storageDaysWithinRange,
	],
});
