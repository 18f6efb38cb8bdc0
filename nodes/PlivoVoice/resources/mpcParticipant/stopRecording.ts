import { additionalFieldsCollection } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { mpcField } from '../multipartyCall/shared';
import { memberIdField, participantPath, recordTrackTypeField } from './shared';

export const stopRecording = defineOperation({
	resource: 'mpcParticipant',
	value: 'stopRecording',
	name: 'Stop Recording',
	action: 'Stop recording a participant of a multiparty call',
	description: 'Stop a recording of one participant; the file is then complete',
	method: 'DELETE',
	url: participantPath('Record/'),
	properties: [
		mpcField('The MPC the participant is in'),
		memberIdField('one'),
		additionalFieldsCollection([recordTrackTypeField('Stop', 'query')]),
	],
});
