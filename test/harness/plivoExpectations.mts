/**
 * What the Plivo Voice node's tests check again and again: the request that arrived, and input
 * refused before sending.
 */
import type { INodeParameters, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { expect } from 'vitest';

import type { RecordedRequest } from '../sandbox/core.mts';
import type { PlivoSandbox } from '../sandbox/plivo/index.mts';
import { failure } from './common.mts';
import { accountPath, basicAuthHeader, runPlivoVoice } from './plivo.mts';

/** Plivo's `api_id`: a fresh one in every answer. */
export const apiId = expect.any(String);

/**
 * The request arrived as Plivo takes it: method, path, Basic auth, a JSON body on POST and no body
 * otherwise. The path is under the account (`/Call/`) unless `base` says where else
 * (`/v2/Account/{auth_id}`, or `/v1` for the stats host).
 */
export function expectRequest(
	sandbox: PlivoSandbox,
	request: RecordedRequest,
	method: string,
	path: string,
	base = accountPath(sandbox),
): void {
	expect(request.method).toBe(method);
	expect(request.path).toBe(`${base}${path}`);
	expect(request.headers.authorization).toBe(basicAuthHeader(sandbox));
	if (method === 'POST') expect(request.headers['content-type']).toMatch(/^application\/json/);
	else expect(request.rawBody).toBe('');
}

/** Runs the node and expects it to stop before sending anything, with a message naming the field. */
export async function expectRefusedBeforeSending(
	sandbox: PlivoSandbox,
	parameters: INodeParameters,
	message: RegExp,
): Promise<void> {
	const error = await failure(runPlivoVoice(sandbox, parameters));
	// RoutingNode wraps every error raised while preparing a request in a NodeApiError; the
	// NodeOperationError we raised is its cause, and its message is kept.
	expect(error.cause).toBeInstanceOf(NodeOperationError);
	expect(error.message).toMatch(message);
	expect((error as NodeApiError).description).toBe('This item was not sent to Plivo.');
	expect(sandbox.requests).toHaveLength(0);
}
