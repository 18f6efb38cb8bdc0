import type { INodeProperties } from 'n8n-workflow';

import { toBody } from '../../../lib/kit/fields';
import type { RequestCheck } from '../../../lib/kit/validation';
import { bodyUrl } from '../../../lib/kit/validation';

/**
 * The one MP3 or WAV file Play Audio plays to conference members or MPC participants (`url`);
 * the operation checks it with `audioUrlCheck`.
 */
export function audioUrlField(): INodeProperties {
	return {
		displayName: 'Audio URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/announcement.mp3',
		description: 'URL of the MP3 or WAV file to play',
		routing: toBody('url'),
	};
}

export const audioUrlCheck: RequestCheck = bodyUrl('url', 'Audio URL');
