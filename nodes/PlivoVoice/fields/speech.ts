import type { INodeProperties } from 'n8n-workflow';

import { toBody } from '../../../lib/kit/fields';
import type { RequestCheck } from '../../../lib/kit/validation';
import { bodyOf } from '../../../lib/kit/validation';

import type { Language, Voice } from '../../../lib/plivo/speech';
import { languageOptions, missingVoice, VOICE_OPTIONS } from '../../../lib/plivo/speech';

/** The text a Speak operation reads aloud (required). */
export function textToSpeakField(placeholder: string): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		typeOptions: { rows: 3 },
		default: '',
		placeholder,
		description: 'What to say',
		routing: toBody('text'),
	};
}

/** The Voice and Language fields of a Speak operation (both optional, inside Additional Fields). */
export function voiceAndLanguageFields(languages: Language[]): INodeProperties[] {
	return [
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			options: languageOptions(languages),
			default: 'en-US',
			description: 'The language the text is written in and spoken with',
			routing: toBody('language'),
		},
		{
			displayName: 'Voice',
			name: 'voice',
			type: 'options',
			options: VOICE_OPTIONS,
			default: 'WOMAN',
			description:
				'Whether a man’s or a woman’s voice speaks the text. Some languages have only one.',
			routing: toBody('voice'),
		},
	];
}

/** Refuses a voice the chosen language does not have (Plivo would reject the request). */
export function voiceMatchesLanguage(languages: Language[]): RequestCheck {
	return function (requestOptions) {
		const body = bodyOf(requestOptions);
		const language = (body.language as string | undefined) ?? 'en-US';
		const voice = (body.voice as string | undefined) ?? 'WOMAN';
		const known = languages.find((entry) => entry.value === language);
		if (!known) {
			return `‘${language}’ in the ‘Language’ field is not a language Plivo can speak here. Pick one from the list.`;
		}
		return missingVoice(languages, language, voice as Voice);
	};
}
