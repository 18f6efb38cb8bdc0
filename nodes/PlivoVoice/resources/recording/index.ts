import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/routing';
import { deleteRecording } from './delete';
import { get } from './get';
import { getMany } from './getMany';

export { recordingListSearch } from './listSearch';

export const recordingOperations = [get, getMany, deleteRecording];

export const recordingDescription: INodeProperties[] = [
	operationSelector('recording', recordingOperations, 'get'),
	...recordingOperations.flatMap((operation) => operation.properties),
];
