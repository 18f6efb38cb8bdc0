import type { INodeProperties } from 'n8n-workflow';

import { resourceLocatorField } from './descriptions';

/**
 * The conference an operation acts on, by name: picked from the conferences going on now, or
 * typed / mapped. Used by the Conference and Conference Member resources.
 */
export function conferenceNameField(description: string): INodeProperties {
	return resourceLocatorField({
		name: 'conferenceName',
		displayName: 'Conference',
		description,
		searchListMethod: 'searchConferences',
		typed: {
			displayName: 'By Name',
			placeholder: 'e.g. My Conf Room',
			regex: '.*\\S.*',
			errorMessage: 'Enter the conference’s name',
		},
	});
}
