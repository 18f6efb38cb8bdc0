import { toBody } from '../../shared/descriptions';
import { bodyUrl } from '../../shared/validation';
import { defineMemberOperation } from './shared';

export const playAudio = defineMemberOperation({
	value: 'playAudio',
	name: 'Play Audio',
	action: 'Play audio to a conference member',
	description: 'Play an MP3 or WAV file to one or more members of a conference',
	method: 'POST',
	suffix: 'Play/',
	properties: [
		{
			displayName: 'Audio URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/announcement.mp3',
			description: 'URL of the MP3 or WAV file to play',
			routing: toBody('url'),
		},
	],
	checks: [bodyUrl('url', 'Audio URL')],
});
