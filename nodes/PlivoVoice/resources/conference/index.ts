import { resourceDescription } from '../../../../lib/kit/routing';
import { get } from './get';
import { getMany } from './getMany';
import { hangup } from './hangup';
import { hangupAll } from './hangupAll';
import { startRecording } from './startRecording';
import { stopRecording } from './stopRecording';

export { conferenceListSearch } from './listSearch';

export const conferenceDescription = resourceDescription(
	'conference',
	[get, getMany, hangup, hangupAll, startRecording, stopRecording],
	'get',
);
