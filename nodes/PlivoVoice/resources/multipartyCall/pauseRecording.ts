import { path } from '../../../../lib/kit/pathSegments';
import { MPC, mpcField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const pauseRecording = defineOperation({
	resource: 'multipartyCall',
	value: 'pauseRecording',
	name: 'Pause Recording',
	action: 'Pause recording a multiparty call',
	description: 'Pause the recording of an MPC, for example while a card number is read out',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/Record/Pause/`,
	properties: [mpcField()],
});
