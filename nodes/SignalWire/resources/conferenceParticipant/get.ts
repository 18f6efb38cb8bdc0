import { callSidField, conferenceSidField, participantUrl } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const get = defineOperation({
	resource: 'conferenceParticipant',
	value: 'get',
	name: 'Get',
	action: 'Get a conference participant',
	description: 'Get a participant of a conference: muted, on hold, coaching, and how it joined',
	method: 'GET',
	url: participantUrl,
	properties: [conferenceSidField('The unique ID of the conference the participant is in'), callSidField()],
});
