import { resourceDescription } from '../../../../lib/kit/routing';
import { deaf } from './deaf';
import { hangup } from './hangup';
import { kick } from './kick';
import { mute } from './mute';
import { playAudio } from './playAudio';
import { speakText } from './speakText';
import { stopAudio } from './stopAudio';
import { stopSpeaking } from './stopSpeaking';
import { undeaf } from './undeaf';
import { unmute } from './unmute';

export const conferenceMemberDescription = resourceDescription(
	'conferenceMember',
	[mute, unmute, deaf, undeaf, playAudio, stopAudio, speakText, stopSpeaking, kick, hangup],
	'mute',
);
