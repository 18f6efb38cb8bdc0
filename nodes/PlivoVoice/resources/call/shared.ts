import type { INodeProperties } from 'n8n-workflow';

import { toBody, toQuery } from '../../../../lib/kit/fields';
import type { PathSegmentKind, SegmentForm } from '../../../../lib/kit/pathSegments';
import { uuidLikeForm } from '../../../../lib/kit/pathSegments';
import { legOptions } from '../../fields/call';

/** The form of a call UUID in a path, for the operations below and the stream list search. */
export const CALL_UUID_FORM: SegmentForm = uuidLikeForm(
	'a call UUID',
	'55309cee-821d-11e4-9a73-498d468c930b',
);

/** `{call_uuid}` in the path of every operation on one call (and its streams), from `callUuidField`. */
export const CALL_UUID: PathSegmentKind = {
	parameter: 'callUuid',
	displayName: 'Call UUID',
	form: CALL_UUID_FORM,
};

/** `{request_uuid}` of a queued call, as returned when the call was made. */
export const REQUEST_UUID: PathSegmentKind = {
	parameter: 'requestUuid',
	displayName: 'Request UUID',
	form: uuidLikeForm('a request UUID', '9834029e-58b6-11e1-b8b7-a5bd0e4e126f'),
};

/** Filters shared by the Call lists (CDRs, live calls). */
export const callDirectionFilter: INodeProperties = {
	displayName: 'Call Direction',
	name: 'callDirection',
	type: 'options',
	options: [
		{ name: 'Inbound', value: 'inbound' },
		{ name: 'Outbound', value: 'outbound' },
	],
	default: 'outbound',
	description: 'Only calls in this direction',
	routing: toQuery('call_direction'),
};

export const fromNumberFilter: INodeProperties = {
	displayName: 'From Number',
	name: 'fromNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1415',
	description: 'Only calls from this number, or from numbers starting with these digits',
	routing: toQuery('from_number'),
};

export const toNumberFilter: INodeProperties = {
	displayName: 'To Number',
	name: 'toNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1415',
	description: 'Only calls to this number, or to numbers starting with these digits',
	routing: toQuery('to_number'),
};

/** How played audio or spoken text reaches the call: shared by Play Audio and Speak Text. */
export const playbackFields: INodeProperties[] = [
	{
		displayName: 'Legs',
		name: 'legs',
		type: 'options',
		options: legOptions,
		default: 'aleg',
		description: 'Which side of the call hears it',
		routing: toBody('legs'),
	},
	{
		displayName: 'Loop',
		name: 'loop',
		type: 'boolean',
		default: false,
		description: 'Whether to repeat it until stopped',
		routing: toBody('loop'),
	},
	{
		displayName: 'Mix',
		name: 'mix',
		type: 'boolean',
		default: true,
		description:
			'Whether the parties keep hearing each other while it plays. When off, the call is silent apart from what is played.',
		routing: toBody('mix'),
	},
];
