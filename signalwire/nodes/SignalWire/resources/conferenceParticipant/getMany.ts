import { filtersCollection, returnAllAndLimitFields, toQuery } from '../../../../../lib/kit/fields';
import { path } from '../../../../../lib/kit/pathSegments';
import { CONFERENCE_SID, conferenceSidField } from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';
import { itemsFromPage } from '../../shared/transport';

export const getMany = defineOperation({
	resource: 'conferenceParticipant',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many conference participants',
	description: 'List the participants in a conference now, one item per participant',
	method: 'GET',
	url: path`/Conferences/${CONFERENCE_SID}/Participants.json`,
	paged: true,
	output: [itemsFromPage('participants')],
	properties: [
		conferenceSidField(),
		...returnAllAndLimitFields(),
		filtersCollection([
			{
				displayName: 'Muted',
				name: 'muted',
				type: 'boolean',
				default: false,
				description:
					'Whether to list only the participants who are muted (on) or only those who are not (off)',
				routing: toQuery('Muted'),
			},
			{
				displayName: 'On Hold',
				name: 'hold',
				type: 'boolean',
				default: false,
				description:
					'Whether to list only the participants on hold (on) or only those not on hold (off)',
				routing: toQuery('Hold'),
			},
		]),
	],
});
