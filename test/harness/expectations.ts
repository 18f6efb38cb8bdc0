/**
 * Assertions the node's tests share: the request Plivo got, and input refused before sending.
 */
import type { INodeParameters, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { expect } from 'vitest';

import type { RecordedRequest } from '../sandbox/core';
import type { PlivoSandbox } from '../sandbox/plivo';
import { failure } from './common';
import { basicAuthHeader, runPlivoVoice } from './plivo';

export { failure };

/** Method, path and Basic auth of a request to the sandbox; a POST carries JSON. */
export function expectPlivoRequest(sandbox: PlivoSandbox, request: RecordedRequest, method: string, path: string): void {
	expect(request.method).toBe(method);
	expect(request.path).toBe(path);
	expect(request.headers.authorization).toBe(basicAuthHeader(sandbox));
	if (method === 'POST') expect(request.headers['content-type']).toMatch(/^application\/json/);
}

/** Runs the node and expects it to stop before sending anything, with a message naming the field. */
export async function expectRefusedBeforeSending(sandbox: PlivoSandbox, parameters: INodeParameters, message: RegExp): Promise<void> {
	const error = await failure(runPlivoVoice(sandbox, parameters));
	// RoutingNode wraps every error raised while preparing a request in a NodeApiError; the
	// NodeOperationError we raised is its cause, and its message is kept.
	expect(error.cause).toBeInstanceOf(NodeOperationError);
	expect(error.message).toMatch(message);
	expect((error as NodeApiError).description).toBe('Nothing was sent to Plivo.');
	expect(sandbox.requests).toHaveLength(0);
}
