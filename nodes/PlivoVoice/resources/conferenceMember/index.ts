import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/routing';
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

export const conferenceMemberOperations = [
	mute,
	unmute,
	deaf,
	undeaf,
	playAudio,
	stopAudio,
	speakText,
	stopSpeaking,
	kick,
	hangup,
];

export const conferenceMemberDescription: INodeProperties[] = [
	operationSelector('conferenceMember', conferenceMemberOperations, 'mute'),
	...conferenceMemberOperations.flatMap((operation) => operation.properties),
];
