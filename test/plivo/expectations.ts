/**
 * What the resource tests of the Plivo Voice node check again and again: one run of the node
 * against the sandbox, the request that arrived, and how an error is caught and inspected.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { expect } from 'vitest';

import { basicAuthHeader, onlyRequest, runPlivoVoice } from '../harness/plivo';
import type { RunPlivoOptions } from '../harness/plivo';
import type { RecordedRequest } from '../sandbox/core';
import type { PlivoSandbox } from '../sandbox/plivo';

export const paired = (item: number) => ({ item });

/** A resource locator as the editor stores it, in "From List" or "By ID" mode. */
export function locator(value: string, mode: 'list' | 'id' = 'list') {
	return { __rl: true, mode, value };
}

/** Runs the node once and returns its output and the one request the sandbox received. */
export async function runOnce(
	sandbox: PlivoSandbox,
	parameters: INodeParameters,
	options?: RunPlivoOptions,
): Promise<{ output: INodeExecutionData[]; request: RecordedRequest }> {
	sandbox.server.clearRequests();
	const output = await runPlivoVoice(sandbox, parameters, options);
	return { output, request: onlyRequest(sandbox) };
}

/** Method, path (under the account), Basic auth and, for a POST, the JSON content type. */
export function expectRequest(sandbox: PlivoSandbox, request: RecordedRequest, method: string, path: string): void {
	expect(request.method).toBe(method);
	expect(request.path).toBe(`/v1/Account/${sandbox.account.authId}${path}`);
	expect(request.headers.authorization).toBe(basicAuthHeader(sandbox));
	if (method === 'POST') expect(request.headers['content-type']).toMatch(/^application\/json/);
	else expect(request.rawBody).toBe('');
}

export async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the node to fail');
}
