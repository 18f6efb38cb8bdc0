import { operationDefiner } from '../../PlivoVoice/shared/routing';
import { throwOnSignalWireError } from './errors';
import { SIGNALWIRE_API, runPagedList } from './transport';

/**
 * Declares one SignalWire operation, exactly as the Plivo node declares its own: operation entry,
 * routing through the shared request runner (`paged: true` for lists that follow
 * `next_page_uri`), fields, and the checks made before sending.
 */
export const defineOperation = operationDefiner({
	api: SIGNALWIRE_API,
	throwOnError: throwOnSignalWireError,
	runPagedList,
});
