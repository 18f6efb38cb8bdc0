/**
 * What the tests of every node use: the request that arrived, the credentials' Basic auth, how a
 * failed run is caught and inspected, and the shapes n8n gives items and resource locators.
 * Free of vitest, so that scripts (the benchmark) can use the harness too.
 */
import type { INodeExecutionData, INodeParameterResourceLocator, NodeApiError } from 'n8n-workflow';

import type { RecordedRequest } from '../sandbox/core.mts';

/** The one request a sandbox received since it was last cleared. */
export function onlyRequest(sandbox: { requests: RecordedRequest[] }): RecordedRequest {
	if (sandbox.requests.length !== 1) {
		throw new Error(
			`expected exactly one request, got ${sandbox.requests.length}: ${sandbox.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
		);
	}
	return sandbox.requests[0];
}

/** `Basic base64(user:password)`, as the nodes' credentials send it. */
export function basicAuth(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The error a run of a node ends with; fails the test if it does not fail. */
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
	return [
		error.message,
		(error as NodeApiError).description,
		JSON.stringify(error),
		String(error.stack),
	].join('\n');
}

/** The `pairedItem` of an output item that came from input item `item`. */
export const paired = (item: number) => ({ item });

/** A resource locator as the editor stores it: "From List" by default, or a typed mode ("By ID", "By Name", …). */
export function locator(value: string, mode = 'list'): INodeParameterResourceLocator {
	return { __rl: true, mode, value };
}

/** `count` input items, the JSON of each made from its index. */
export function itemsOf(
	count: number,
	json: (index: number) => INodeExecutionData['json'],
): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({ json: json(index) }));
}
