import { toBody, updateFieldsCollection } from '../../../../../lib/kit/fields';
import { path } from '../../../../../lib/kit/pathSegments';
import { somethingToUpdate } from '../../../../../lib/kit/validation';
import { announceFields, CONFERENCE_SID, conferenceSidField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

const announce = announceFields('everybody in the conference');

export const update = defineOperation({
	resource: 'conference',
	value: 'update',
	name: 'Update',
	action: 'Update a conference',
	description: 'End a conference, or play an announcement to everybody in it',
	method: 'POST',
	url: path`/Conferences/${CONFERENCE_SID}.json`,
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
	checks: [somethingToUpdate, announce.check],
});
