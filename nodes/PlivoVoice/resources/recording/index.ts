import { resourceDescription } from '../../../../lib/kit/routing';
import { deleteRecording } from './delete';
import { download } from './download';
import { get } from './get';
import { getMany } from './getMany';

export { recordingListSearch } from './listSearch';

export const recordingDescription = resourceDescription(
	'recording',
	[get, getMany, deleteRecording, download],
	'get',
);
