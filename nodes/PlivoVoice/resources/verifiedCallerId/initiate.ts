import { additionalFieldsCollection, toBody } from '../../../../lib/kit/fields';
import { bodyOf } from '../../../../lib/kit/validation';
import { aliasField, phoneNumberParameterCheck, subaccountField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const initiate = defineOperation({
	resource: 'verifiedCallerId',
	value: 'initiate',
	name: 'Initiate Verification',
	action: 'Initiate verification of a caller ID',
	description:
		'Send a 4-digit code to a phone number by SMS or call; then pass the code to Verify, with the verification UUID this returns',
	method: 'POST',
	// The reference's endpoint line writes `/VerifiedCallerId` without a trailing slash; its curl
	// sample and the SDK use `/VerifiedCallerId/`, like every other collection of the API.
	url: '/VerifiedCallerId/',
	properties: [
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. +14155551234',
			description:
				'The number to verify, with its country code. Plivo sends it a 4-digit code, valid for 15 minutes. The output’s verification_uuid goes, with that code, into the Verify operation.',
			routing: toBody('phone_number'),
		},
		additionalFieldsCollection([
			aliasField(toBody('alias'), 'A name for the number, shown in lists'),
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				options: [
					{ name: 'Call', value: 'call', description: 'A phone call reads the code out' },
					{ name: 'SMS', value: 'sms', description: 'A text message carries the code' },
				],
				default: 'sms',
				description: 'How Plivo delivers the code to the number',
				routing: toBody('channel'),
			},
			subaccountField(toBody('subaccount'), 'Auth ID of a subaccount to verify the number for'),
		]),
	],
	preSend: [
		// The reference asks for E.164: `+`, country code and number, nothing else.
		async function toE164(requestOptions) {
			const body = bodyOf(requestOptions);
			if (typeof body.phone_number === 'string')
				body.phone_number = `+${body.phone_number.replace(/[^0-9]/g, '')}`;
			return requestOptions;
		},
	],
	checks: [phoneNumberParameterCheck],
});
