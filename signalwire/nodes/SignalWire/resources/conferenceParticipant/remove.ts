import { path } from '../../../../../lib/kit/pathSegments';
import {
	CALL_SID,
	callSidField,
	CONFERENCE_SID,
	conferenceSidField,
} from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const remove = defineOperation({
	resource: 'conferenceParticipant',
	value: 'remove',
	name: 'Remove',
	action: 'Remove a conference participant',
	description: 'Take a participant out of a conference',
	method: 'DELETE',
	url: path`/Conferences/${CONFERENCE_SID}/Participants/${CALL_SID}.json`,
	properties: [
		conferenceSidField('The unique ID of the conference the participant is in'),
		callSidField('The unique ID of the call to take out of the conference'),
	],
});
