import { resourceDescription } from '../../../../lib/kit/routing';
import { deleteVerifiedCallerId } from './delete';
import { get } from './get';
import { getMany } from './getMany';
import { initiate } from './initiate';
import { update } from './update';
import { verify } from './verify';

export { verifiedCallerIdListSearch } from './listSearch';

export const verifiedCallerIdDescription = resourceDescription(
	'verifiedCallerId',
	[initiate, verify, get, getMany, update, deleteVerifiedCallerId],
	'initiate',
);
