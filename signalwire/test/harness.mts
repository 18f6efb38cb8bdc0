import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { expect } from 'vitest';

import { SignalWireApi } from '../credentials/SignalWireApi.credentials.js';
// `.js`: without it, Node's resolution (under tsx) finds the codex `SignalWire.node.json` first.
import { SignalWire } from '../nodes/SignalWire/SignalWire.node.js';
import type { RecordedRequest } from '../../test/sandbox/core.mts';
import type { SignalWireSandbox } from './sandbox/index.mts';
import { loadNodeType, runDeclarativeNode } from '../../test/harness/n8n.mts';
import { basicAuth, onlyRequest } from '../../test/harness/common.mts';

export interface SignalWireCredentials {
	spaceUrl: string;
	projectId: string;
	apiToken: string;
}

export interface RunSignalWireOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Overrides the credential (e.g. a wrong token). */
	credentials?: Partial<SignalWireCredentials>;
}

/** A SignalWire API credential for the sandbox: its address as the Space URL. */
export function sandboxCredentials(sandbox: SignalWireSandbox): SignalWireCredentials {
	return {
		spaceUrl: sandbox.url,
		projectId: sandbox.project.projectId,
		apiToken: sandbox.project.apiToken,
	};
}

/** Runs the SignalWire node with a credential pointing at the sandbox. */
export async function runSignalWire(
	sandbox: SignalWireSandbox,
	parameters: INodeParameters,
	options: RunSignalWireOptions = {},
): Promise<INodeExecutionData[]> {
	return await runDeclarativeNode({
		nodeType: loadNodeType(new SignalWire()),
		credentialType: new SignalWireApi(),
		credentials: { ...sandboxCredentials(sandbox), ...options.credentials },
		parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** Runs the node for one request and returns its output with that request, as the sandbox got it. */
export async function runOneRequest(
	sandbox: SignalWireSandbox,
	parameters: INodeParameters,
): Promise<{ output: INodeExecutionData[]; request: RecordedRequest }> {
	sandbox.server.clearRequests();
	const output = await runSignalWire(sandbox, parameters);
	return { output, request: onlyRequest(sandbox) };
}

/** `Basic base64(projectId:apiToken)` for the sandbox project. */
export function basicAuthHeader(sandbox: SignalWireSandbox): string {
	return basicAuth(sandbox.project.projectId, sandbox.project.apiToken);
}

/** `Mon, 24 Sep 2018 21:00:00 +0000`, the reference's RFC 2822 dates. */
export const RFC_2822 =
	/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

/** The request arrived as SignalWire takes it: method, path, Basic auth, and a form body on POST only. */
export function expectRequest(
	sandbox: SignalWireSandbox,
	request: RecordedRequest,
	method: string,
	path: string,
): void {
	expect(request.method).toBe(method);
	expect(request.path).toBe(path);
	expect(request.headers.authorization).toBe(basicAuthHeader(sandbox));
	if (method === 'POST')
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
	else expect(request.rawBody).toBe('');
}
