/**
 * The Plivo Voice node against the Plivo sandbox: runs and list searches with a credential for
 * the sandbox. Free of vitest, so that scripts (the benchmark) can run the node too; the checks the
 * tests make again and again are in plivoExpectations.mts.
 */
import type {
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials.js';
// `.js`: without it, Node's resolution (under tsx) finds the codex `PlivoVoice.node.json` first.
import { PlivoVoice } from '../../nodes/PlivoVoice/PlivoVoice.node.js';
import type { PlivoVoiceVersion } from '../../nodes/PlivoVoice/versions.js';
import { LATEST_PLIVO_VOICE_VERSION } from '../../nodes/PlivoVoice/versions.js';
import type { RecordedRequest } from '../sandbox/core.mts';
import type { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { CallRecord } from '../sandbox/plivo/calls.mts';
import { basicAuth, onlyRequest } from './common.mts';
import type { RunNodeOptions } from './n8n.mts';
import { loadNodeType, runDeclarativeNode, runListSearch } from './n8n.mts';

export interface RunPlivoOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Overrides the credential (e.g. a wrong token). */
	credentials?: Partial<{ authId: string; authToken: string; baseUrl: string }>;
	/** The node's "Retry On Fail" setting (see `RunNodeOptions`). */
	retryOnFail?: RunNodeOptions['retryOnFail'];
	beforeRetry?: RunNodeOptions['beforeRetry'];
	sharedExecuteData?: RunNodeOptions['sharedExecuteData'];
	signal?: RunNodeOptions['signal'];
	/** The node's version; by default the one n8n gives a node added now. */
	version?: PlivoVoiceVersion;
}

/** The Plivo Voice node in one version (by default the one n8n gives a node added now). */
export function plivoVoiceNode(version: PlivoVoiceVersion = LATEST_PLIVO_VOICE_VERSION): INodeType {
	return new PlivoVoice().getNodeType(version);
}

/** Runs the Plivo Voice node with a credential pointing at the sandbox. */
export async function runPlivoVoice(
	sandbox: PlivoSandbox,
	parameters: INodeParameters,
	options: RunPlivoOptions = {},
): Promise<INodeExecutionData[]> {
	return await runDeclarativeNode({
		nodeType: loadNodeType(plivoVoiceNode(options.version)),
		credentialType: new PlivoVoiceApi(),
		credentials: { ...sandboxCredentials(sandbox), ...options.credentials },
		parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		retryOnFail: options.retryOnFail,
		beforeRetry: options.beforeRetry,
		sharedExecuteData: options.sharedExecuteData,
		signal: options.signal,
	});
}

/** The Plivo Voice API credential for the sandbox's account. */
export function sandboxCredentials(sandbox: PlivoSandbox) {
	return {
		authId: sandbox.account.authId,
		authToken: sandbox.account.authToken,
		baseUrl: sandbox.url,
	};
}

/** Runs the node for one request and returns its output with that request, as the sandbox got it. */
export async function runOneRequest(
	sandbox: PlivoSandbox,
	parameters: INodeParameters,
	options?: RunPlivoOptions,
): Promise<{ output: INodeExecutionData[]; request: RecordedRequest }> {
	sandbox.server.clearRequests();
	const output = await runPlivoVoice(sandbox, parameters, options);
	return { output, request: onlyRequest(sandbox) };
}

/** Runs one of the node's list searches (resource locator "From List") against the sandbox. */
export async function searchPlivoVoice(
	sandbox: PlivoSandbox,
	method: string,
	options: {
		filter?: string;
		paginationToken?: string;
		parameters?: INodeParameters;
		version?: PlivoVoiceVersion;
	} = {},
): Promise<INodeListSearchResult> {
	const { version, ...search } = options;
	return await runListSearch({
		nodeType: plivoVoiceNode(version),
		credentialType: new PlivoVoiceApi(),
		credentials: sandboxCredentials(sandbox),
		method,
		...search,
	});
}

/** `Basic base64(authId:authToken)` for the sandbox account. */
export function basicAuthHeader(sandbox: PlivoSandbox): string {
	return basicAuth(sandbox.account.authId, sandbox.account.authToken);
}

/**
 * A request straight to the sandbox, as any client would send it: Basic auth (unless `auth` is
 * false), a JSON body. The path is under the account (`/Call/`); the answer's body is `{}` when
 * there is none (204).
 */
export async function callPlivoApi(
	sandbox: PlivoSandbox,
	method: string,
	path: string,
	body?: unknown,
	auth = true,
): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${sandbox.url}${accountPath(sandbox)}${path}`, {
		method,
		headers: {
			...(auth ? { Authorization: basicAuthHeader(sandbox) } : {}),
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
	};
}

/** `/v1/Account/{auth_id}`: where the paths of nearly every operation start. */
export function accountPath(sandbox: PlivoSandbox): string {
	return `/v1/Account/${sandbox.account.authId}`;
}

/** A call in progress in the sandbox, made outside the node. */
export function liveCall(sandbox: PlivoSandbox, overrides: Partial<CallRecord> = {}): CallRecord {
	return sandbox.state.calls.create({ from: '14155550100', to: '14155550111', ...overrides });
}

/** Make Call with only its required fields: the request most tests of errors and pacing send. */
export const MAKE_CALL = {
	resource: 'call',
	operation: 'create',
	from: '14155550100',
	to: '14155550101',
	answerUrl: 'https://example.com/answer',
} as const;
