import { additionalFieldsCollection, toBody } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { bodyOf, urlProblem } from '../../../../lib/kit/validation';
import { CALL_UUID, playbackFields } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

export const playAudio = defineOperation({
	resource: 'call',
	value: 'playAudio',
	name: 'Play Audio',
	action: 'Play audio on a call',
	description: 'Play one or more MP3 or WAV files on a call in progress',
	method: 'POST',
	url: path`/Call/${CALL_UUID}/Play/`,
	properties: [
		callUuidField(),
		{
			displayName: 'Audio URLs',
			name: 'urls',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/hold-music.mp3',
			description:
				'URL of an MP3 or WAV file; separate several with commas to play them one after another',
			routing: toBody('urls'),
		},
		additionalFieldsCollection([
			{
				displayName: 'Length',
				name: 'length',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'Stop playing after this many seconds',
				routing: toBody('length'),
			},
			...playbackFields,
		]),
	],
	checks: [
		(requestOptions) => {
			for (const url of String(bodyOf(requestOptions).urls ?? '').split(',')) {
				const problem = urlProblem(url.trim(), 'Audio URLs');
				if (problem) return problem;
			}
			return undefined;
		},
	],
});
