import { resourceDescription } from '../../../../lib/kit/routing';
import { get } from './get';
import { getMany } from './getMany';
import { start } from './start';
import { stop } from './stop';
import { stopAll } from './stopAll';

export { audioStreamListSearch } from './listSearch';

export const audioStreamDescription = resourceDescription(
	'audioStream',
	[start, getMany, get, stopAll, stop],
	'start',
);
