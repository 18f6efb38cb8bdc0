import { additionalFieldsCollection, toBody } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { bodyOf } from '../../../../lib/kit/validation';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const sendDigits = defineOperation({
	resource: 'call',
	value: 'sendDigits',
	name: 'Send Digits',
	action: 'Send DTMF digits on a call',
	description: 'Press keys on a call in progress, for example to get through a phone menu',
	method: 'POST',
	url: path`/Call/${CALL_UUID}/DTMF/`,
	properties: [
		callUuidField(),
		{
			displayName: 'Digits',
			name: 'digits',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1234#',
			description: 'Keys to press: 0–9, * and #; w waits half a second, W a full second',
			routing: toBody('digits'),
		},
		additionalFieldsCollection([
			{
				displayName: 'Leg',
				name: 'leg',
				type: 'options',
				options: [
					{ name: 'A Leg', value: 'aleg' },
					{ name: 'B Leg', value: 'bleg' },
				],
				default: 'aleg',
				description: 'Which side of the call the keys are pressed to',
				routing: toBody('leg'),
			},
		]),
	],
	checks: [
		(requestOptions) => {
			const digits = String(bodyOf(requestOptions).digits ?? '');
			return /^[0-9*#wWA-Da-d]+$/.test(digits)
				? undefined
				: `‘${digits}’ in ‘Digits’ has characters that are not keys: use 0–9, *, #, A–D, and w or W for pauses.`;
		},
	],
});
