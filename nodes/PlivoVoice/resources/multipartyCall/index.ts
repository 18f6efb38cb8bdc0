import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/routing';
import { end } from './end';
import { get } from './get';
import { getMany } from './getMany';
import { pauseRecording } from './pauseRecording';
import { resumeRecording } from './resumeRecording';
import { start } from './start';
import { startRecording } from './startRecording';
import { stopRecording } from './stopRecording';

export { multipartyCallListSearch } from './listSearch';

export const multipartyCallOperations = [
	start,
	get,
	getMany,
	end,
	startRecording,
	stopRecording,
	pauseRecording,
	resumeRecording,
];

export const multipartyCallDescription: INodeProperties[] = [
	operationSelector('multipartyCall', multipartyCallOperations, 'get'),
	...multipartyCallOperations.flatMap((operation) => operation.properties),
];
