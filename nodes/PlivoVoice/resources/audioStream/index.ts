import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/routing';
import { get } from './get';
import { getMany } from './getMany';
import { start } from './start';
import { stop } from './stop';
import { stopAll } from './stopAll';

export { audioStreamListSearch } from './listSearch';

export const audioStreamOperations = [start, getMany, get, stopAll, stop];

export const audioStreamDescription: INodeProperties[] = [
	operationSelector('audioStream', audioStreamOperations, 'start'),
	...audioStreamOperations.flatMap((operation) => operation.properties),
];
