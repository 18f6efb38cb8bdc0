import { additionalFieldsCollection } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { mpcField } from '../multipartyCall/shared';
import { memberIdField, participantPath, recordTrackTypeField } from './shared';

export const pauseRecording = defineOperation({
	resource: 'mpcParticipant',
	value: 'pauseRecording',
	name: 'Pause Recording',
	action: 'Pause recording a participant of a multiparty call',
	description: 'Pause a recording of one participant',
	method: 'POST',
	url: participantPath('Record/Pause/'),
	properties: [
		mpcField('The MPC the participant is in'),
		memberIdField('one'),
		additionalFieldsCollection([recordTrackTypeField('Pause', 'body')]),
	],
});
