import { toBody } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { bodyOf } from '../../../../lib/kit/validation';
import { VERIFICATION_UUID } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

/**
 * How the UUID usually arrives: from the Initiate Verification step just before. (Interpolated so
 * that n8n's lint rule asking to write "JSON" in capitals does not rewrite the variable `$json`.)
 */
const UUID_FROM_INITIATE = '{{ $json.verification_uuid }}';

export const verify = defineOperation({
	resource: 'verifiedCallerId',
	value: 'verify',
	name: 'Verify',
	action: 'Verify a caller ID with its code',
	description:
		'Complete a verification started with Initiate Verification, with the 4-digit code the number received',
	method: 'POST',
	// The reference writes the trailing slash (endpoint line and curl sample); the SDK omits it.
	url: path`/VerifiedCallerId/Verification/${VERIFICATION_UUID}/`,
	properties: [
		{
			displayName: 'Verification UUID',
			name: 'verificationUuid',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. f87836bd-f3c0-41bb-9498-125e6faaa4d4',
			description: `The verification_uuid returned by Initiate Verification. When that step comes just before this one, use the expression ${UUID_FROM_INITIATE}.`,
		},
		{
			displayName: 'Verification Code',
			name: 'otp',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 7871',
			description:
				'The 4-digit code (OTP) the number received by SMS or call. It is valid for 15 minutes.',
			routing: toBody('otp'),
		},
	],
	preSend: [
		async function codeAsText(requestOptions) {
			const body = bodyOf(requestOptions);
			if (body.otp !== undefined) body.otp = String(body.otp).trim();
			return requestOptions;
		},
	],
	checks: [
		(requestOptions) => {
			const otp = bodyOf(requestOptions).otp;
			return /^\d{4}$/.test(String(otp))
				? undefined
				: `‘Verification Code’ must be the 4 digits the number received; got ‘${String(otp)}’.`;
		},
	],
});
