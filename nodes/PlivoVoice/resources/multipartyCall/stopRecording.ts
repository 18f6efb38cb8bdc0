import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const stopRecording = defineOperation({
	resource: 'multipartyCall',
	value: 'stopRecording',
	name: 'Stop Recording',
	action: 'Stop recording a multiparty call',
	description: 'Stop the recording of an MPC; the file is then complete',
	method: 'DELETE',
	url: path`/MultiPartyCall/${MPC}/Record/`,
	properties: [mpcField()],
});
