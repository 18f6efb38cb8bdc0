import { updateFieldsCollection, toBody } from '../../../PlivoVoice/shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { announceFields, conferenceSidField, conferenceUrl, needsAnUpdate } from '../../shared/descriptions';

const announce = announceFields('everybody in the conference');

export const update = defineOperation({
	resource: 'conference',
	value: 'update',
	name: 'Update',
	action: 'Update a conference',
	description: 'End a conference, or play an announcement to everybody in it',
	method: 'POST',
	url: conferenceUrl('.json'),
	properties: [
		conferenceSidField(),
		updateFieldsCollection([
			{
				displayName: 'End Conference',
				name: 'endConference',
				type: 'boolean',
				default: false,
				description: 'Whether to end the conference now, disconnecting every participant',
				// `Status=completed` ends it; off, nothing is sent.
				routing: toBody('Status', '={{ $value ? "completed" : "" }}'),
			},
			...announce.fields,
		]),
	],
	checks: [needsAnUpdate, announce.check],
});
