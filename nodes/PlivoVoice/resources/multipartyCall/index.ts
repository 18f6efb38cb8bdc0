import { resourceDescription } from '../../../../lib/kit/routing';
import { end } from './end';
import { get } from './get';
import { getMany } from './getMany';
import { pauseRecording } from './pauseRecording';
import { resumeRecording } from './resumeRecording';
import { start } from './start';
import { startRecording } from './startRecording';
import { stopRecording } from './stopRecording';

export { multipartyCallListSearch } from './listSearch';

export const multipartyCallDescription = resourceDescription(
	'multipartyCall',
	[start, get, getMany, end, startRecording, stopRecording, pauseRecording, resumeRecording],
	'get',
);
