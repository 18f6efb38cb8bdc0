import { path } from '../../shared/pathSegments';
import { defineOperation } from '../../shared/routing';
import { MPC, mpcField } from './shared';

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
