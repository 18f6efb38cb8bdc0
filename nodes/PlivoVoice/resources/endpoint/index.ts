import { resourceDescription } from '../../../../lib/kit/routing';
import { create } from './create';
import { deleteEndpoint } from './delete';
import { get } from './get';
import { getMany } from './getMany';
import { update } from './update';

export { endpointListSearch } from './listSearch';

export const endpointDescription = resourceDescription(
	'endpoint',
	[create, get, getMany, update, deleteEndpoint],
	'create',
);
