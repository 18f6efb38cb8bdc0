import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/routing';
import { get } from './get';
import { getMany } from './getMany';
import { hangup } from './hangup';
import { hangupAll } from './hangupAll';
import { startRecording } from './startRecording';
import { stopRecording } from './stopRecording';

export { conferenceListSearch } from './listSearch';

export const conferenceOperations = [get, getMany, hangup, hangupAll, startRecording, stopRecording];

export const conferenceDescription: INodeProperties[] = [
	operationSelector('conference', conferenceOperations, 'get'),
	...conferenceOperations.flatMap((operation) => operation.properties),
];
