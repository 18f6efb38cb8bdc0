import type { INodeProperties } from 'n8n-workflow';

import { resourceLocatorField } from '../../../../lib/kit/fields';
import type { PathSegmentKind } from '../../../../lib/kit/pathSegments';
import { uuidLikeForm } from '../../../../lib/kit/pathSegments';

/** `{recording_id}`, from `recordingIdField`. */
export const RECORDING_ID: PathSegmentKind = {
	parameter: 'recordingId',
	displayName: 'Recording',
	form: uuidLikeForm('a recording ID', 'c2186400-1c8c-11e4-a664-0026b945b52x'),
};

/** A recording: picked from the recordings of the last 7 days, typed, or mapped. */
export function recordingIdField(description: string): INodeProperties {
	return resourceLocatorField({
		name: 'recordingId',
		displayName: 'Recording',
		description,
		searchListMethod: 'searchRecordings',
		typed: {
			displayName: 'By ID',
			placeholder: 'e.g. c2186400-1c8c-11e4-a664-0026b945b52x',
			regex: '^\\s*[0-9A-Za-z-]+\\s*$',
			errorMessage:
				'A recording ID is made of letters, digits and dashes, for example c2186400-1c8c-11e4-a664-0026b945b52x',
		},
	});
}
