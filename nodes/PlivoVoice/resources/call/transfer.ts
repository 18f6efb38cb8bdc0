import { additionalFieldsCollection, httpMethodOptions, toBody } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { bodyOf, bodyUrl, urlProblem } from '../../../../lib/kit/validation';
import { CALL_UUID } from './shared';
import { callUuidField, legOptions } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

/** Each leg's fields, by their names in saved workflows. */
const legs = {
	aleg: { urlName: 'alegUrl', methodName: 'alegMethod', label: 'A Leg' },
	bleg: { urlName: 'blegUrl', methodName: 'blegMethod', label: 'B Leg' },
} as const;

const legUrlField = (leg: keyof typeof legs) => ({
	displayName: `${legs[leg].label} URL`,
	name: legs[leg].urlName,
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. https://example.com/plivo/transfer',
	description: `URL that returns the Plivo XML the ${legs[leg].label} runs from now on`,
	displayOptions: { show: { legs: leg === 'aleg' ? ['aleg', 'both'] : ['bleg', 'both'] } },
	routing: toBody(`${leg}_url`),
});

const legMethodField = (leg: keyof typeof legs) => ({
	displayName: `${legs[leg].label} Method`,
	name: legs[leg].methodName,
	type: 'options' as const,
	options: httpMethodOptions,
	default: 'POST',
	description: `The HTTP method Plivo uses to fetch the ${legs[leg].label} URL`,
	routing: toBody(`${leg}_method`),
});

export const transfer = defineOperation({
	resource: 'call',
	value: 'transfer',
	name: 'Transfer',
	action: 'Transfer a live call',
	description: 'Make a call in progress continue with the Plivo XML at another URL',
	method: 'POST',
	url: path`/Call/${CALL_UUID}/`,
	properties: [
		callUuidField(),
		{
			displayName: 'Legs',
			name: 'legs',
			type: 'options',
			options: legOptions,
			default: 'aleg',
			description:
				'Which side of the call to transfer. The B leg exists only while the A leg is connected to it with a Dial.',
			routing: toBody('legs'),
		},
		legUrlField('aleg'),
		legUrlField('bleg'),
		additionalFieldsCollection([legMethodField('aleg'), legMethodField('bleg')]),
	],
	checks: [
		(requestOptions) => {
			const body = bodyOf(requestOptions);
			const legs = (body.legs as string | undefined) ?? 'aleg';
			if (['aleg', 'both'].includes(legs)) {
				const problem = urlProblem(body.aleg_url, 'A Leg URL');
				if (problem)
					return `Transferring the ${legs === 'both' ? 'both legs' : 'A leg'} needs the ‘A Leg URL’. ${problem}`;
			}
			if (['bleg', 'both'].includes(legs)) {
				const problem = urlProblem(body.bleg_url, 'B Leg URL');
				if (problem)
					return `Transferring the ${legs === 'both' ? 'both legs' : 'B leg'} needs the ‘B Leg URL’. ${problem}`;
			}
			return undefined;
		},
		bodyUrl('aleg_url', 'A Leg URL'),
		bodyUrl('bleg_url', 'B Leg URL'),
	],
});
