import { callUuidField } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { defineOperation } from '../../../../lib/kit/routing';
import { CALL_UUID } from '../call/shared';

export const stopAll = defineOperation({
	resource: 'audioStream',
	value: 'stopAll',
	name: 'Stop All',
	action: 'Stop all audio streams',
	description: 'Stop every audio stream of a call; the call goes on',
	method: 'DELETE',
	url: path`/Call/${CALL_UUID}/Stream/`,
	properties: [callUuidField()],
});
