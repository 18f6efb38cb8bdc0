import type { ApiRouting, OperationDefinition, OperationSpec } from '../kit/routing';
import { defineOperation as defineApiOperation } from '../kit/routing';
import { throwOnPlivoError } from './errors';
import { ACCOUNT_HOST } from './hosts';
import { PLIVO_API, notePlivoPage, runPagedList } from './transport';

/** Plivo's name in messages, its error mapping, and its lists paged with `limit`/`offset`. */
const PLIVO_ROUTING: ApiRouting = {
	api: PLIVO_API,
	host: ACCOUNT_HOST,
	throwOnError: throwOnPlivoError,
	runPagedList,
	notePage: notePlivoPage,
};

/**
 * Declares one Plivo Voice operation: operation entry, routing through the shared request runner,
 * fields, and the checks made before sending.
 */
export function defineOperation(spec: OperationSpec): OperationDefinition {
	return defineApiOperation(spec, PLIVO_ROUTING);
}
