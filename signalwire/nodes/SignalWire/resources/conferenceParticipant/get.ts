import { path } from '../../../../../lib/kit/pathSegments';
import {
	CALL_SID,
	callSidField,
	CONFERENCE_SID,
	conferenceSidField,
} from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

export const get = defineOperation({
	resource: 'conferenceParticipant',
	value: 'get',
	name: 'Get',
	action: 'Get a conference participant',
	description: 'Get a participant of a conference: muted, on hold, coaching, and how it joined',
	method: 'GET',
	url: path`/Conferences/${CONFERENCE_SID}/Participants/${CALL_SID}.json`,
	properties: [
		conferenceSidField('The unique ID of the conference the participant is in'),
		callSidField(),
	],
});
