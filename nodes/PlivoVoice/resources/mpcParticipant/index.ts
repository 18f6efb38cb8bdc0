import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/routing';
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

export const mpcParticipantOperations = [
	add,
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
];

export const mpcParticipantDescription: INodeProperties[] = [
	operationSelector('mpcParticipant', mpcParticipantOperations, 'add'),
	...mpcParticipantOperations.flatMap((operation) => operation.properties),
];
