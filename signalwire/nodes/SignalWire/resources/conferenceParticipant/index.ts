import { resourceDescription } from '../../../../../lib/kit/routing';
import { get } from './get';
import { getMany } from './getMany';
import { remove } from './remove';
import { update } from './update';

export const conferenceParticipantDescription = resourceDescription(
	'conferenceParticipant',
	[get, getMany, update, remove],
	'get',
);
