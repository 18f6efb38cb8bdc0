import { additionalFieldsCollection, httpMethodOptions, toBody } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { bodyOf, bodyUrl, urlProblem } from '../../../../lib/kit/validation';
import { CALL_UUID } from './shared';
import { callUuidField } from '../../fields/call';
import { legOptions } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

const legUrlField = (leg: 'aleg' | 'bleg', label: string) => ({
	displayName: `${label} URL`,
	name: `${leg}Url`,
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. https://example.com/plivo/transfer',
	description: `URL that returns the Plivo XML the ${label} runs from now on`,
	displayOptions: { show: { legs: leg === 'aleg' ? ['aleg', 'both'] : ['bleg', 'both'] } },
	routing: toBody(`${leg}_url`),
});

const legMethodField = (leg: 'aleg' | 'bleg', label: string) => ({
	displayName: `${label} Method`,
	name: `${leg}Method`,
	type: 'options' as const,
	options: httpMethodOptions,
	default: 'POST',
	description: `The HTTP method Plivo uses to fetch the ${label} URL`,
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
		legUrlField('aleg', 'A Leg'),
		legUrlField('bleg', 'B Leg'),
		additionalFieldsCollection([legMethodField('aleg', 'A Leg'), legMethodField('bleg', 'B Leg')]),
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
