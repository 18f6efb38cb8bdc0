import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/routing';
import { create } from './create';
import { deleteEndpoint } from './delete';
import { get } from './get';
import { getMany } from './getMany';
import { update } from './update';

export { endpointListSearch } from './listSearch';

export const endpointOperations = [create, get, getMany, update, deleteEndpoint];

export const endpointDescription: INodeProperties[] = [
	operationSelector('endpoint', endpointOperations, 'create'),
	...endpointOperations.flatMap((operation) => operation.properties),
];
