import { filtersCollection, returnAllAndLimitFields, toQuery } from '../../../../lib/kit/fields';
import { itemsFrom } from '../../../../lib/kit/routing';
import { callDirectionFilter, fromNumberFilter, toNumberFilter } from './shared';
import { comparisonFilterFields } from '../../fields/filters';
import { defineOperation } from '../../../../lib/plivo/routing';

const filters = filtersCollection([
	callDirectionFilter,
	fromNumberFilter,
	toNumberFilter,
	{
		displayName: 'Parent Call UUID',
		name: 'parentCallUuid',
		type: 'string',
		default: '',
		description: 'Only the B legs of this A leg',
		routing: toQuery('parent_call_uuid'),
	},
	{
		displayName: 'Subaccount',
		name: 'subaccount',
		type: 'string',
		default: '',
		description: 'Auth ID of a subaccount: only its calls',
		routing: toQuery('subaccount'),
	},
	{
		displayName: 'Hangup Cause Code',
		name: 'hangupCauseCode',
		type: 'number',
		default: 4000,
		description:
			'Only calls that ended with this hangup cause code (for example 4000 for a normal hangup)',
		routing: toQuery('hangup_cause_code'),
	},
	{
		displayName: 'Hangup Source',
		name: 'hangupSource',
		type: 'options',
		options: ['Caller', 'Callee', 'Plivo', 'API Request', 'Answer XML', 'Error', 'Unknown'].map(
			(source) => ({
				name: source,
				value: source,
			}),
		),
		default: 'Caller',
		description: 'Only calls hung up by this party',
		routing: toQuery('hangup_source'),
	},
	{
		displayName: 'STIR Verification',
		name: 'stirVerification',
		type: 'options',
		options: ['Verified', 'Not Verified', 'Not Applicable'].map((status) => ({
			name: status,
			value: status,
		})),
		default: 'Verified',
		description: 'Only calls with this STIR/SHAKEN verification result',
		routing: toQuery('stir_verification'),
	},
	...comparisonFilterFields({
		apiName: 'bill_duration',
		exactName: 'billDuration',
		gtName: 'billDurationGt',
		gteName: 'billDurationGte',
		ltName: 'billDurationLt',
		lteName: 'billDurationLte',
		displayName: 'Billed Duration',
		kind: 'number',
		description: 'Only calls whose billed duration in seconds is',
	}),
	...comparisonFilterFields({
		apiName: 'end_time',
		exactName: 'endTime',
		gtName: 'endTimeGt',
		gteName: 'endTimeGte',
		ltName: 'endTimeLt',
		lteName: 'endTimeLte',
		displayName: 'End Time',
		kind: 'time',
		description: 'Only calls that ended',
	}),
]);

export const getMany = defineOperation({
	resource: 'call',
	value: 'getMany',
	name: 'Get Many CDRs',
	action: 'Get many call detail records',
	description:
		'List detail records of finished calls (the last 90 days at most; without a time filter, the last 7 days)',
	method: 'GET',
	url: '/Call/',
	paged: true,
	output: [itemsFrom('objects')],
	properties: [...returnAllAndLimitFields(), filters],
});
