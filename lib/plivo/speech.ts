import type { INodePropertyOptions } from 'n8n-workflow';

export type Voice = 'MAN' | 'WOMAN';

/** The choices of a Voice field. */
export const VOICE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Man', value: 'MAN' },
	{ name: 'Woman', value: 'WOMAN' },
];

export interface Language {
	name: string;
	value: string;
	voices: Voice[];
}

/** A list of languages as the choices of a Language field, each saying which voices it has. */
export function languageOptions(languages: Language[]): INodePropertyOptions[] {
	return languages.map(({ name, value, voices }) => ({
		name,
		value,
		description:
			voices.length === 2
				? 'Man and woman voices'
				: `${voices[0] === 'MAN' ? 'Man' : 'Woman'} voice only`,
	}));
}

/**
 * Why `voice` cannot speak `language`: the language has only the other voice. Nothing when it
 * has the voice, or when the language is not in `languages` (the caller decides about those).
 */
export function missingVoice(
	languages: Language[],
	language: string,
	voice: Voice,
): string | undefined {
	const known = languages.find((entry) => entry.value === language);
	if (!known || known.voices.includes(voice)) return undefined;
	return `${known.name} has no ${voice === 'MAN' ? 'man' : 'woman'}’s voice. Set ‘Voice’ to ${known.voices[0] === 'MAN' ? 'Man' : 'Woman'}.`;
}

const BOTH: Voice[] = ['WOMAN', 'MAN'];
const WOMAN: Voice[] = ['WOMAN'];
const MAN: Voice[] = ['MAN'];

/** Languages of the Speak API on calls, with the voices each offers (Plivo's list). */
export const CALL_SPEAK_LANGUAGES: Language[] = [
	{ name: 'Arabic', value: 'arb', voices: WOMAN },
	{ name: 'Chinese Mandarin', value: 'cmn-CN', voices: WOMAN },
	{ name: 'Danish (Denmark)', value: 'da-DK', voices: BOTH },
	{ name: 'Dutch (Netherlands)', value: 'nl-NL', voices: BOTH },
	{ name: 'English (Australia)', value: 'en-AU', voices: BOTH },
	{ name: 'English (India)', value: 'en-IN', voices: WOMAN },
	{ name: 'English (UK)', value: 'en-GB', voices: BOTH },
	{ name: 'English (US)', value: 'en-US', voices: BOTH },
	{ name: 'English (Welsh)', value: 'en-GB-WLS', voices: MAN },
	{ name: 'French (Canada)', value: 'fr-CA', voices: WOMAN },
	{ name: 'French (France)', value: 'fr-FR', voices: BOTH },
	{ name: 'German (Germany)', value: 'de-DE', voices: BOTH },
	{ name: 'Hindi (India)', value: 'hi-IN', voices: WOMAN },
	{ name: 'Icelandic (Iceland)', value: 'is-IS', voices: BOTH },
	{ name: 'Italian (Italy)', value: 'it-IT', voices: BOTH },
	{ name: 'Japanese (Japan)', value: 'ja-JP', voices: BOTH },
	{ name: 'Korean (South Korea)', value: 'ko-KR', voices: WOMAN },
	{ name: 'Norwegian (Norway)', value: 'nb-NO', voices: WOMAN },
	{ name: 'Polish (Poland)', value: 'pl-PL', voices: BOTH },
	{ name: 'Portuguese (Brazil)', value: 'pt-BR', voices: BOTH },
	{ name: 'Portuguese (Portugal)', value: 'pt-PT', voices: BOTH },
	{ name: 'Romanian (Romania)', value: 'ro-RO', voices: WOMAN },
	{ name: 'Russian (Russia)', value: 'ru-RU', voices: BOTH },
	{ name: 'Spanish (Mexico)', value: 'es-MX', voices: WOMAN },
	{ name: 'Spanish (Spain)', value: 'es-ES', voices: BOTH },
	{ name: 'Spanish (US)', value: 'es-US', voices: BOTH },
	{ name: 'Swedish (Sweden)', value: 'sv-SE', voices: WOMAN },
	{ name: 'Turkish (Turkey)', value: 'tr-TR', voices: WOMAN },
	{ name: 'Welsh (Wales)', value: 'cy-GB', voices: WOMAN },
];

/**
 * Languages of the Speak API on conference members, with their voices: a shorter list than for
 * calls, and some voices differ (Danish and Russian have only a woman's voice here, European
 * Portuguese only a man's). Plivo's reference, "Speak text to a member".
 */
export const CONFERENCE_SPEAK_LANGUAGES: Language[] = [
	{ name: 'Danish (Denmark)', value: 'da-DK', voices: WOMAN },
	{ name: 'Dutch (Netherlands)', value: 'nl-NL', voices: BOTH },
	{ name: 'English (Australia)', value: 'en-AU', voices: BOTH },
	{ name: 'English (UK)', value: 'en-GB', voices: BOTH },
	{ name: 'English (US)', value: 'en-US', voices: BOTH },
	{ name: 'French (Canada)', value: 'fr-CA', voices: WOMAN },
	{ name: 'French (France)', value: 'fr-FR', voices: BOTH },
	{ name: 'German (Germany)', value: 'de-DE', voices: BOTH },
	{ name: 'Italian (Italy)', value: 'it-IT', voices: BOTH },
	{ name: 'Polish (Poland)', value: 'pl-PL', voices: BOTH },
	{ name: 'Portuguese (Brazil)', value: 'pt-BR', voices: BOTH },
	{ name: 'Portuguese (Portugal)', value: 'pt-PT', voices: MAN },
	{ name: 'Russian (Russia)', value: 'ru-RU', voices: WOMAN },
	{ name: 'Spanish (Spain)', value: 'es-ES', voices: BOTH },
	{ name: 'Spanish (US)', value: 'es-US', voices: BOTH },
	{ name: 'Swedish (Sweden)', value: 'sv-SE', voices: WOMAN },
];
