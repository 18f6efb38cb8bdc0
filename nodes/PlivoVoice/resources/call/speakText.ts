import { additionalFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import {
	textToSpeakField,
	voiceAndLanguageFields,
	voiceMatchesLanguage,
} from '../../fields/speech';
import { CALL_UUID, playbackFields } from './shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';
import { CALL_SPEAK_LANGUAGES } from '../../../../lib/plivo/speech';

export const speakText = defineOperation({
	resource: 'call',
	value: 'speakText',
	name: 'Speak Text',
	action: 'Speak text on a call',
	description: 'Read text aloud on a call in progress with text-to-speech',
	method: 'POST',
	url: path`/Call/${CALL_UUID}/Speak/`,
	properties: [
		callUuidField(),
		textToSpeakField('e.g. Please hold, an agent will be with you shortly.'),
		additionalFieldsCollection([
			...voiceAndLanguageFields(CALL_SPEAK_LANGUAGES),
			...playbackFields,
		]),
	],
	checks: [voiceMatchesLanguage(CALL_SPEAK_LANGUAGES)],
});
