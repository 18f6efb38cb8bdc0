import { path } from '../../../../lib/kit/pathSegments';
import { CALL_UUID } from '../call/shared';
import { callUuidField } from '../../fields/call';
import { defineOperation } from '../../../../lib/plivo/routing';

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
