import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const resumeRecording = defineOperation({
	resource: 'multipartyCall',
	value: 'resumeRecording',
	name: 'Resume Recording',
	action: 'Resume recording a multiparty call',
	description: 'Resume a paused recording of an MPC, in the same file',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/Record/Resume/`,
	properties: [mpcField()],
});
