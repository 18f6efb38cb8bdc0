import { resourceDescription } from '../../../PlivoVoice/shared/routing';
import { get } from './get';
import { getMany } from './getMany';
import { update } from './update';

export const conferenceDescription = resourceDescription(
	'conference',
	[get, getMany, update],
	'get',
);
