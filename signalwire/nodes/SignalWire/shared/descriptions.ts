import type { INodeProperties } from 'n8n-workflow';

import { urlAndMethodFields } from '../../../../lib/kit/fields';
import type { UrlAndMethodOptions } from '../../../../lib/kit/fields';
import type { PathSegmentKind } from '../../../../lib/kit/pathSegments';
import { uuidLikeForm } from '../../../../lib/kit/pathSegments';
import { bodyUrl } from '../../../../lib/kit/validation';
import type { RequestCheck } from '../../../../lib/kit/validation';

export function conferenceSidField(
	description = 'The unique ID of the conference',
): INodeProperties {
	return {
		displayName: 'Conference SID',
		name: 'conferenceSid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. b3877c40-da60-4998-90ad-b792e98472cf',
		description,
	};
}

export function callSidField(
	description = 'The unique ID of the participant’s call',
): INodeProperties {
	return {
		displayName: 'Call SID',
		name: 'callSid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. b3877c40-da60-4998-90ad-b792e98472ca',
		description,
	};
}

/**
 * `{ConferenceSid}` and `{CallSid}` in paths, from `conferenceSidField` and `callSidField`:
 * SignalWire's SIDs are UUIDs (`"sid": "b3877c40-da60-4998-90ad-b792e98472cf"`).
 */
export const CONFERENCE_SID: PathSegmentKind = {
	parameter: 'conferenceSid',
	displayName: 'Conference SID',
	form: uuidLikeForm('a conference SID', 'b3877c40-da60-4998-90ad-b792e98472cf'),
};

export const CALL_SID: PathSegmentKind = {
	parameter: 'callSid',
	displayName: 'Call SID',
	form: uuidLikeForm('a call SID', 'b3877c40-da60-4998-90ad-b792e98472ca'),
};

/**
 * A URL SignalWire fetches (music, an announcement: an audio file, or LaML that plays one) and
 * the method it uses; the URL is checked before sending.
 */
export function lamlUrlFields(options: Omit<UrlAndMethodOptions, 'methodApiName' | 'provider'>): {
	fields: INodeProperties[];
	check: RequestCheck;
} {
	const methodApiName = options.urlApiName.replace(/Url$/, 'Method');
	return {
		fields: urlAndMethodFields({ ...options, methodApiName, provider: 'SignalWire' }),
		check: bodyUrl(options.urlApiName, `${options.displayName} URL`),
	};
}

/** Announce URL and Method: what SignalWire plays to `audience` (the whole conference, or one participant). */
export function announceFields(audience: string): ReturnType<typeof lamlUrlFields> {
	return lamlUrlFields({
		urlName: 'announceUrl',
		methodName: 'announceMethod',
		urlApiName: 'AnnounceUrl',
		displayName: 'Announce',
		description: `URL of an audio file, or of LaML that plays or says something, to play to ${audience}`,
	});
}
