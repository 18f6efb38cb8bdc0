import { resourceDescription } from '../../../../lib/kit/routing';
import { cancelQueued } from './cancelQueued';
import { create } from './create';
import { get } from './get';
import { getLive } from './getLive';
import { getMany } from './getMany';
import { getManyLive } from './getManyLive';
import { getManyLiveV2 } from './getManyLiveV2';
import { getManyQueued } from './getManyQueued';
import { getQueued } from './getQueued';
import { hangup } from './hangup';
import { playAudio } from './playAudio';
import { sendDigits } from './sendDigits';
import { sendFeedback } from './sendFeedback';
import { speakText } from './speakText';
import { startRecording } from './startRecording';
import { stopAudio } from './stopAudio';
import { stopRecording } from './stopRecording';
import { stopSpeaking } from './stopSpeaking';
import { transfer } from './transfer';

export const callDescription = resourceDescription(
	'call',
	[
		create,
		get,
		getMany,
		getLive,
		getManyLive,
		getManyLiveV2,
		getQueued,
		getManyQueued,
		transfer,
		hangup,
		cancelQueued,
		sendFeedback,
		startRecording,
		stopRecording,
		playAudio,
		stopAudio,
		speakText,
		stopSpeaking,
		sendDigits,
	],
	'create',
);
