import type { INodeProperties } from 'n8n-workflow';

import { resourceLocatorField } from '../../../lib/kit/fields';
import type { PathSegmentKind } from '../../../lib/kit/pathSegments';
import { NAME_FORM } from '../../../lib/plivo/pathSegments';

/** `{conference_name}`, from `conferenceNameField`: the name chosen in Plivo XML, free text. */
export const CONFERENCE_NAME: PathSegmentKind = {
	parameter: 'conferenceName',
	displayName: 'Conference',
	form: NAME_FORM,
};

/**
 * The conference an operation acts on, by name: picked from the conferences going on now, or
 * typed / mapped. Used by the Conference and Conference Member resources.
 */
export function conferenceNameField(
	description = 'The conference, picked from those going on now, or by its name',
): INodeProperties {
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
