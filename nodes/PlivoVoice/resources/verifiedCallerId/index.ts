import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/routing';
import { deleteVerifiedCallerId } from './delete';
import { get } from './get';
import { getMany } from './getMany';
import { initiate } from './initiate';
import { update } from './update';
import { verify } from './verify';

export { verifiedCallerIdListSearch } from './listSearch';

export const verifiedCallerIdOperations = [initiate, verify, get, getMany, update, deleteVerifiedCallerId];

export const verifiedCallerIdDescription: INodeProperties[] = [
	operationSelector('verifiedCallerId', verifiedCallerIdOperations, 'initiate'),
	...verifiedCallerIdOperations.flatMap((operation) => operation.properties),
];
