import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../../PlivoVoice/shared/routing';
import { get } from './get';
import { getMany } from './getMany';
import { update } from './update';

export const conferenceOperations = [get, getMany, update];

export const conferenceDescription: INodeProperties[] = [
	operationSelector('conference', conferenceOperations, 'get'),
	...conferenceOperations.flatMap((operation) => operation.properties),
];
