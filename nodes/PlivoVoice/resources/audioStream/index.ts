import { resourceDescription } from '../../../../lib/kit/routing';
import type { PlivoVoiceVersion } from '../../versions';
import { get } from './get';
import { getMany } from './getMany';
import { start } from './start';
import { stop } from './stop';
import { stopAll } from './stopAll';
import { STREAM_CALLS } from './shared';

export { audioStreamListSearch } from './listSearch';

export function audioStreamDescription(version: PlivoVoiceVersion) {
	const call = STREAM_CALLS[version];
	return resourceDescription(
		'audioStream',
		[start(call), getMany(call), get(call), stopAll(call), stop(call)],
		'start',
	);
}
