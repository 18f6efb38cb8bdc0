import type { INodeProperties } from 'n8n-workflow';

import { resourceLocatorField } from '../../../../lib/kit/fields';
import type { PathSegmentKind } from '../../../../lib/kit/pathSegments';
import { uuidLikeForm } from '../../../../lib/kit/pathSegments';
import { callUuidField } from '../../fields/call';
import type { PlivoVoiceVersion } from '../../versions';
import { CALL_UUID } from '../call/shared';

/** The call whose streams an operation works on: the field that names it and its path segment. */
export interface StreamCall {
	field: INodeProperties;
	segment: PathSegmentKind;
}

/**
 * Per node version (see versions.ts): version 1 saved the call under Call's field name, version 2
 * under a name of its own, so that n8n evaluates a mapped Call UUID once per field, not once for
 * each resource that has one.
 */
export const STREAM_CALLS: Record<PlivoVoiceVersion, StreamCall> = {
	1: { field: callUuidField(), segment: CALL_UUID },
	2: {
		field: { ...callUuidField(), name: 'streamCallUuid' },
		segment: { ...CALL_UUID, parameter: 'streamCallUuid' },
	},
};

/**
 * `{stream_id}` of one stream of a call, from `streamIdField`. Plivo's reference writes
 * `…/Stream/{Stream_uuid}/`, with a trailing slash, in the endpoint lines and curl samples of
 * "retrieve" and "stop"; the official SDK sends the path without it. The reference is followed, as
 * for every other path of the node.
 */
export const STREAM_ID: PathSegmentKind = {
	parameter: 'streamId',
	displayName: 'Stream',
	form: uuidLikeForm('a stream ID', '20170ada-f610-433b-8758-c02a2aab3662'),
};

/** A stream of the call given in "Call UUID": picked from that call's streams, typed, or mapped. */
export function streamIdField(description: string): INodeProperties {
	return resourceLocatorField({
		name: 'streamId',
		displayName: 'Stream',
		description,
		searchListMethod: 'searchAudioStreams',
		typed: {
			displayName: 'By ID',
			placeholder: 'e.g. 20170ada-f610-433b-8758-c02a2aab3662',
			regex:
				'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
			errorMessage: 'A stream ID looks like 20170ada-f610-433b-8758-c02a2aab3662',
		},
	});
}
