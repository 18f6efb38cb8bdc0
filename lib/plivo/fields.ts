import type { INodeProperties } from 'n8n-workflow';

import type { IntegerRange, UrlAndMethodOptions } from '../kit/fields';
import {
	integerRangeField as integerRangeFieldFor,
	urlAndMethodFields as urlAndMethodFieldsFor,
} from '../kit/fields';

export type { IntegerRange };

/** A whole-number argument of Plivo's, its range checked before anything is sent to Plivo. */
export function integerRangeField(range: IntegerRange): INodeProperties {
	return integerRangeFieldFor(range, 'Plivo');
}

/** A URL Plivo calls, and the HTTP method it uses for it. */
export function urlAndMethodFields(
	options: Omit<UrlAndMethodOptions, 'provider'>,
): INodeProperties[] {
	return urlAndMethodFieldsFor({ ...options, provider: 'Plivo' });
}
