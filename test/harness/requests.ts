import type { RecordedRequest } from '../sandbox/core';

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
