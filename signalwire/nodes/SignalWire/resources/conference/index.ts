import { resourceDescription } from '../../../../../lib/kit/routing';
import { get } from './get';
import { getMany } from './getMany';
import { update } from './update';

export const conferenceDescription = resourceDescription(
	'conference',
	[get, getMany, update],
	'get',
);
