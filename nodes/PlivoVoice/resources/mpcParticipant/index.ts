import { resourceDescription } from '../../../../lib/kit/routing';
import type { PlivoVoiceVersion } from '../../versions';
import { add } from './add';
import { get } from './get';
import { getMany } from './getMany';
import { kick } from './kick';
import { pauseRecording } from './pauseRecording';
import { playAudio } from './playAudio';
import { resumeRecording } from './resumeRecording';
import { startRecording } from './startRecording';
import { stopAudio } from './stopAudio';
import { stopRecording } from './stopRecording';
import { update } from './update';

export const mpcParticipantDescription = (version: PlivoVoiceVersion) =>
	resourceDescription(
		'mpcParticipant',
		[
			add(version),
			get,
			getMany,
			update,
			kick,
			startRecording,
			stopRecording,
			pauseRecording,
			resumeRecording,
			playAudio,
			stopAudio,
		],
		'add',
	);
