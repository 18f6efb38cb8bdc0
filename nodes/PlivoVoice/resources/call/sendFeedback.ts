import { toBody } from '../../../../lib/kit/fields';
import { STATS_HOST } from '../../../../lib/plivo/hosts';
import { path } from '../../../../lib/kit/pathSegments';
import { bodyOf } from '../../../../lib/kit/validation';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

const ISSUES = [
	['AUDIO_LAG', 'Audio Lag'],
	['BROKEN_AUDIO', 'Broken Audio'],
	['CALL_DROPPED', 'Call Dropped'],
	['CALLERID_ISSUE', 'Caller ID Issue'],
	['DIGITS_NOT_CAPTURED', 'Digits Not Captured'],
	['ECHO', 'Echo'],
	['HIGH_CONNECT_TIME', 'High Connect Time'],
	['LOW_AUDIO_LEVEL', 'Low Audio Level'],
	['ONE_WAY_AUDIO', 'One Way Audio'],
	['OTHERS', 'Others'],
	['ROBOTIC_AUDIO', 'Robotic Audio'],
] as const;

// The official SDK sends this request without a body (its payload never reaches axios);
// Plivo's reference gives the JSON body sent here.
export const sendFeedback = defineOperation({
	resource: 'call',
	value: 'sendFeedback',
	name: 'Send Feedback',
	action: 'Send call quality feedback',
	description: 'Rate the audio quality of a call and say what went wrong',
	method: 'POST',
	host: STATS_HOST,
	url: path`/Call/${CALL_UUID}/Feedback/`,
	properties: [
		callUuidField(),
		{
			displayName: 'Rating',
			name: 'rating',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 1 },
			default: 5,
			description: 'Call quality from 1 (worst) to 5 (best)',
			routing: toBody('rating'),
		},
		{
			displayName: 'Issues',
			name: 'issues',
			type: 'multiOptions',
			options: ISSUES.map(([value, name]) => ({ name, value })),
			default: [],
			description: 'What was wrong with the call. Required when the rating is below 5.',
			routing: toBody('issues'),
		},
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'Any comment about the call',
			routing: toBody('notes'),
		},
	],
	checks: [
		(requestOptions) => {
			const body = bodyOf(requestOptions);
			const rating = typeof body.rating === 'string' ? Number(body.rating) : body.rating;
			if (typeof rating !== 'number' || Number.isNaN(rating) || rating < 1 || rating > 5) {
				return `‘Rating’ must be a number from 1 to 5; got ${JSON.stringify(body.rating)}.`;
			}
			const issues = body.issues;
			if (issues !== undefined && !Array.isArray(issues))
				return '‘Issues’ must be a list of issues.';
			const unknown = (issues ?? []).find((issue) => !ISSUES.some(([value]) => value === issue));
			if (unknown !== undefined)
				return `‘${String(unknown)}’ in ‘Issues’ is not one of Plivo’s issue names.`;
			if (rating < 5 && (issues ?? []).length === 0) {
				return `A rating below 5 needs at least one entry in ‘Issues’ (the rating is ${rating}).`;
			}
			return undefined;
		},
	],
});
