import { callUuidField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { streamsPath } from './shared';

export const stopAll = defineOperation({
	resource: 'audioStream',
	value: 'stopAll',
	name: 'Stop All',
	action: 'Stop all audio streams',
	description: 'Stop every audio stream of a call; the call goes on',
	method: 'DELETE',
	url: streamsPath,
	properties: [callUuidField('The unique ID of the call whose streams to stop')],
});
