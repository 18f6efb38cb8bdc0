import { defineOperation } from '../../shared/routing';
import { mpcField, mpcPath } from './shared';

export const stopRecording = defineOperation({
	resource: 'multipartyCall',
	value: 'stopRecording',
	name: 'Stop Recording',
	action: 'Stop recording a multiparty call',
	description: 'Stop the recording of an MPC; the file is then complete',
	method: 'DELETE',
	url: mpcPath('Record/'),
	properties: [mpcField('The MPC being recorded')],
});
