import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../../PlivoVoice/shared/routing';
import { get } from './get';
import { getMany } from './getMany';
import { remove } from './remove';
import { update } from './update';

export const conferenceParticipantOperations = [get, getMany, update, remove];

export const conferenceParticipantDescription: INodeProperties[] = [
	operationSelector('conferenceParticipant', conferenceParticipantOperations, 'get'),
	...conferenceParticipantOperations.flatMap((operation) => operation.properties),
];
