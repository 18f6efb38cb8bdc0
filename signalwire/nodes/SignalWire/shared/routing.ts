import type { ApiRouting, OperationDefinition, OperationSpec } from '../../../../lib/kit/routing';
import { defineOperation as defineApiOperation } from '../../../../lib/kit/routing';
import { throwOnSignalWireError } from './errors';
import { ACCOUNT_HOST } from './hosts';
import { SIGNALWIRE_API, runPagedList } from './transport';

/** SignalWire's name in messages, its error mapping, and its lists that follow `next_page_uri`. */
const SIGNALWIRE_ROUTING: ApiRouting = {
	api: SIGNALWIRE_API,
	host: ACCOUNT_HOST,
	throwOnError: throwOnSignalWireError,
	runPagedList,
};

/**
 * Declares one SignalWire operation, exactly as the Plivo node declares its own: operation entry,
 * routing through the shared request runner, fields, and the checks made before sending.
 */
export function defineOperation(spec: OperationSpec): OperationDefinition {
	return defineApiOperation(spec, SIGNALWIRE_ROUTING);
}
