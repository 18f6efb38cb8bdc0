import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, returnAllAndLimitFields, toQuery } from '../../../../lib/kit/fields';
import { itemsFrom } from '../../../../lib/kit/routing';
import { comparisonFilterFields } from '../../fields/filters';
import { defineOperation } from '../../../../lib/plivo/routing';
import { onlyListedOptions } from '../../../../lib/plivo/validation';

const statusFilter: INodeProperties = onlyListedOptions({
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Active', value: 'active', description: 'Started and in progress' },
		{ name: 'Ended', value: 'ended' },
		{ name: 'Initialized', value: 'initialized', description: 'Created, waiting to be started' },
	],
	default: 'active',
	description: 'Only MPCs in this state',
	routing: toQuery('status'),
});

const terminationCauseFilter: INodeProperties = onlyListedOptions({
	displayName: 'Termination Cause',
	name: 'terminationCauseCode',
	type: 'options',
	options: [
		{ name: 'Hangup API Triggered (3000)', value: 3000 },
		{ name: 'Max Duration Reached (2000)', value: 2000 },
		{ name: 'No Active Participants (1000)', value: 1000 },
		{ name: 'Stay Alone Not Permitted (1010)', value: 1010 },
	],
	default: 3000,
	description: 'Only MPCs that ended for this reason',
	routing: toQuery('termination_cause_code'),
});

const filters = filtersCollection([
	{
		displayName: 'Friendly Name',
		name: 'friendlyName',
		type: 'string',
		default: '',
		description: 'Only MPCs with this name',
		routing: toQuery('friendly_name'),
	},
	statusFilter,
	terminationCauseFilter,
	// Sent with their double underscore, as documented: the official SDK turns the creation_time
	// ones into `creation_time_gt` and so on, which Plivo does not know.
	...comparisonFilterFields({
		apiName: 'creation_time',
		gtName: 'creationTimeGt',
		gteName: 'creationTimeGte',
		ltName: 'creationTimeLt',
		lteName: 'creationTimeLte',
		displayName: 'Creation Time',
		kind: 'time',
		description: 'Only MPCs created',
	}),
	...comparisonFilterFields({
		apiName: 'end_time',
		gtName: 'endTimeGt',
		gteName: 'endTimeGte',
		ltName: 'endTimeLt',
		lteName: 'endTimeLte',
		displayName: 'End Time',
		kind: 'time',
		description: 'Only MPCs that ended',
	}),
]);

export const getMany = defineOperation({
	resource: 'multipartyCall',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many multiparty calls',
	description:
		'List the MPCs of the account (without an end time filter, those of the last 7 days)',
	method: 'GET',
	url: '/MultiPartyCall/',
	paged: true,
	output: [itemsFrom('objects')],
	properties: [...returnAllAndLimitFields(), filters],
});
