import type { INodeExecutionData, INodeListSearchResult, INodeParameters } from 'n8n-workflow';

import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials';
// `.js`: without it, Node's resolution (under tsx) finds the codex `PlivoVoice.node.json` first.
import { PlivoVoice } from '../../nodes/PlivoVoice/PlivoVoice.node.js';
import type { PlivoSandbox } from '../sandbox/plivo';
import { loadNodeType, runDeclarativeNode, runListSearch } from './n8n';
import { basicAuth, onlyRequest } from './common';

export interface RunPlivoOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Overrides the credential (e.g. a wrong token). */
	credentials?: Partial<{ authId: string; authToken: string; baseUrl: string }>;
}

/** Runs the Plivo Voice node with a credential pointing at the sandbox. */
export async function runPlivoVoice(
	sandbox: PlivoSandbox,
	parameters: INodeParameters,
	options: RunPlivoOptions = {},
): Promise<INodeExecutionData[]> {
	return await runDeclarativeNode({
		nodeType: loadNodeType(new PlivoVoice()),
		credentialType: new PlivoVoiceApi(),
		credentials: { ...sandboxCredentials(sandbox), ...options.credentials },
		parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

function sandboxCredentials(sandbox: PlivoSandbox) {
	return { authId: sandbox.account.authId, authToken: sandbox.account.authToken, baseUrl: sandbox.url };
}

/** Runs one of the node's list searches (resource locator "From List") against the sandbox. */
export async function searchPlivoVoice(
	sandbox: PlivoSandbox,
	method: string,
	options: { filter?: string; paginationToken?: string; parameters?: INodeParameters } = {},
): Promise<INodeListSearchResult> {
	return await runListSearch({
		nodeType: new PlivoVoice(),
		credentialType: new PlivoVoiceApi(),
		credentials: sandboxCredentials(sandbox),
		method,
		...options,
	});
}

/** `Basic base64(authId:authToken)` for the sandbox account. */
export function basicAuthHeader(sandbox: PlivoSandbox): string {
	return basicAuth(sandbox.account.authId, sandbox.account.authToken);
}

/** Runs the node for one request and returns its output with that request, as the sandbox got it. */
export async function runOneRequest(sandbox: PlivoSandbox, parameters: INodeParameters) {
	sandbox.server.clearRequests();
	const output = await runPlivoVoice(sandbox, parameters);
	return { output, request: onlyRequest(sandbox) };
}

export { onlyRequest };
