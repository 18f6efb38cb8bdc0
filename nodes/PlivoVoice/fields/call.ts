import type { INodeProperties, INodePropertyOptions, PreSendAction } from 'n8n-workflow';

import { toBody } from '../../../lib/kit/fields';
import type { RequestCheck } from '../../../lib/kit/validation';
import { bodyOf } from '../../../lib/kit/validation';
import {
	bodyMaxLength,
	compactPhoneNumber,
	joinDestinations,
	keyValueListProblem,
	phoneNumberProblem,
	validate,
} from '../../../lib/plivo/validation';

export const legOptions: INodePropertyOptions[] = [
	{
		name: 'A Leg',
		value: 'aleg',
		description: 'The party the call was made to, or that called in',
	},
	{ name: 'B Leg', value: 'bleg', description: 'The party connected to the A leg with a Dial' },
	{ name: 'Both Legs', value: 'both' },
];

const CALLER_NAME_MAX_LENGTH = 50;

/** The caller name shown to the person called (`caller_name`, at most 50 characters). */
export function callerNameField(): INodeProperties {
	return {
		displayName: 'Caller Name',
		name: 'callerName',
		type: 'string',
		typeOptions: { maxLength: CALLER_NAME_MAX_LENGTH },
		default: '',
		description: `Name shown to the person called, up to ${CALLER_NAME_MAX_LENGTH} characters. By default, the caller name of the From number.`,
		routing: toBody('caller_name'),
	};
}

/** Checks the length of `callerNameField`: the editor's limit does not hold for expressions. */
export const callerNameCheck: RequestCheck = bodyMaxLength(
	'caller_name',
	'Caller Name',
	CALLER_NAME_MAX_LENGTH,
);

/**
 * Custom SIP headers (`sip_headers`), key=value pairs that reach the callee as X-PH- headers,
 * checked before sending. With `perDestination`, one set per destination of a parallel dial,
 * separated by `<`.
 */
export function sipHeadersField({ perDestination = false } = {}): INodeProperties {
	const description =
		'Custom SIP headers as key=value pairs separated by commas, letters and digits only. They reach the callee prefixed with X-PH-.';
	return {
		displayName: 'SIP Headers',
		name: 'sipHeaders',
		type: 'string',
		default: '',
		placeholder: perDestination
			? 'e.g. Team=Sales,Priority=1<Team=Support'
			: 'e.g. Team=Sales,Priority=1',
		description: perDestination
			? `${description} With several To destinations, one set per destination, separated by <.`
			: description,
		routing: {
			send: {
				...toBody('sip_headers').send,
				preSend: [
					validate(function (requestOptions) {
						const headers = bodyOf(requestOptions).sip_headers;
						if (headers === undefined) return undefined;
						const sets = perDestination ? String(headers).split('<') : [String(headers)];
						return sets.map((set) => keyValueListProblem(set, 'SIP Headers')).find(Boolean);
					}),
				],
			},
		},
	};
}

/** The caller ID of a new call (`from`): a number on the account, checked before sending. */
export function fromNumberField(): INodeProperties {
	return {
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 14155551234',
		description: 'The caller ID: a number on your Plivo account, with country code',
		routing: toBody('from'),
	};
}

/** Checks the caller ID of `fromNumberField` (once `normaliseCallNumbers` has compacted it). */
export const fromNumberCheck: RequestCheck = function (requestOptions) {
	const { from } = bodyOf(requestOptions);
	return from === undefined ? undefined : phoneNumberProblem(String(from), 'From');
};

/** Who a new call rings (`to`): phone numbers or SIP URIs, several joined with `<`. */
export function destinationsField(description: string): INodeProperties {
	return {
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 14155556789 or sip:alice1234@phone.plivo.com',
		description,
		routing: toBody('to'),
	};
}

/**
 * The preSend of the operations that place calls with `fromNumberField` and `destinationsField`:
 * numbers as Plivo stores them ("+1 (415) 555-0100" → "+14155550100"), destinations joined with
 * `<` whether typed with commas or new lines or mapped as a list.
 */
export const normaliseCallNumbers: PreSendAction = async function (requestOptions) {
	const body = bodyOf(requestOptions);
	if (typeof body.from === 'string') body.from = compactPhoneNumber(body.from);
	if (body.to !== undefined) body.to = joinDestinations(body.to);
	return requestOptions;
};

export function callUuidField(
	description = 'The unique ID of the call, as returned when it was made or received',
): INodeProperties {
	return {
		displayName: 'Call UUID',
		name: 'callUuid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 55309cee-821d-11e4-9a73-498d468c930b',
		description,
	};
}
