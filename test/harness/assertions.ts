import type { NodeApiError } from 'n8n-workflow';

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
	return [error.message, (error as NodeApiError).description, JSON.stringify(error), String(error.stack)].join('\n');
}
