import { additionalFieldsCollection } from '../../../../lib/kit/fields';
import {
	textToSpeakField,
	voiceAndLanguageFields,
	voiceMatchesLanguage,
} from '../../fields/speech';
import { defineMemberOperation } from './shared';
import { CONFERENCE_SPEAK_LANGUAGES } from '../../../../lib/plivo/speech';

export const speakText = defineMemberOperation({
	value: 'speakText',
	name: 'Speak Text',
	action: 'Speak text to a conference member',
	description: 'Read text aloud to one or more members of a conference with text-to-speech',
	method: 'POST',
	suffix: 'Speak/',
	properties: [
		textToSpeakField('e.g. The meeting will end in five minutes.'),
		// Conferences speak fewer languages than calls, with some voices missing (Plivo's list).
		additionalFieldsCollection(voiceAndLanguageFields(CONFERENCE_SPEAK_LANGUAGES)),
	],
	checks: [voiceMatchesLanguage(CONFERENCE_SPEAK_LANGUAGES)],
});
