/**
 * What the resource tests of the Plivo Voice node check again and again: one run of the node
 * against the sandbox, the request that arrived, and how an error is caught and inspected.
 */
import type { INodeExecutionData, INodeParameters, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

import { basicAuthHeader, onlyRequest, runPlivoVoice } from '../harness/plivo';
import type { RunPlivoOptions } from '../harness/plivo';
import type { RecordedRequest } from '../sandbox/core';
import { PlivoSandbox } from '../sandbox/plivo';

/** One sandbox for the test file, started once and reset before each test. */
export function useSandbox(receive: (sandbox: PlivoSandbox) => void): void {
	let sandbox: PlivoSandbox;
	beforeAll(async () => {
		sandbox = await PlivoSandbox.start();
		receive(sandbox);
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
	});
}

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

/** Everything an error exposes to n8n: message, description, and its serialised form. */
export function everythingIn(error: Error): string {
	return [error.message, (error as NodeApiError).description, JSON.stringify(error), String(error.stack)].join('\n');
}

/** The node refuses the input with a message naming the field, and sends nothing. */
export async function expectRefusedBeforeSending(sandbox: PlivoSandbox, parameters: INodeParameters, message: RegExp): Promise<void> {
	const error = await failure(runPlivoVoice(sandbox, parameters));
	// RoutingNode wraps errors raised while preparing a request; ours is the cause, its message kept.
	expect(error.cause).toBeInstanceOf(NodeOperationError);
	expect(error.message).toMatch(message);
	expect((error as NodeApiError).description).toBe('Nothing was sent to Plivo.');
	expect(sandbox.requests).toHaveLength(0);
}
