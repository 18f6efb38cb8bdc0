/**
 * The workflows the benchmark saves in n8n, each in two variants that send the same requests:
 * one with the Plivo Voice node (or trigger), one with n8n's own HTTP Request (or Webhook) node,
 * set up as a user would to get the same result (Split Out after a paginated list, batching to
 * keep under Plivo's rate limit).
 */
import { randomUUID } from 'node:crypto';

import type { ChainNode, Workflow, WorkflowNode } from '../n8n/rest.mts';
import { manualChain } from '../n8n/rest.mts';
import { LATEST_PLIVO_VOICE_VERSION } from '../../nodes/PlivoVoice/versions.js';

export const NODE_TYPE = 'n8n-nodes-plivo-voice.plivoVoice';
export const TRIGGER_TYPE = 'n8n-nodes-plivo-voice.plivoVoiceTrigger';

/** A credential as a workflow node refers to it. */
export interface CredentialRef {
	id: string;
	name: string;
}

/** Where the Plivo API is, as the HTTP Request node must be told it. */
export interface ApiTarget {
	/** The sandbox's URL, e.g. http://127.0.0.1:8088. */
	baseUrl: string;
	authId: string;
	credential: CredentialRef;
}

export type NewWorkflow = Omit<Workflow, 'id'>;

type NodeSpec = ChainNode;

const chain = manualChain;

/** A Code node that puts out the given items (the same for both variants, and not measured). */
function itemsNode(items: Array<Record<string, string>>): NodeSpec {
	return {
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
	};
}

function plivoNode(
	name: string,
	credential: CredentialRef,
	parameters: Record<string, unknown>,
): NodeSpec {
	return {
		name,
		type: NODE_TYPE,
		// The version a node added now gets.
		typeVersion: LATEST_PLIVO_VOICE_VERSION,
		parameters,
		credentials: { plivoVoiceApi: credential },
	};
}

interface HttpOptions {
	method: 'GET' | 'POST';
	/** An n8n expression or a fixed URL. */
	url: string;
	query?: Array<{ name: string; value: string }>;
	jsonBody?: Array<{ name: string; value: string }>;
	options?: Record<string, unknown>;
}

/** n8n's HTTP Request node, authenticating with the same Plivo credential (as n8n allows for any credential type). */
function httpNode(name: string, target: ApiTarget, http: HttpOptions): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: http.method,
			url: http.url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'plivoVoiceApi',
			...(http.query
				? { sendQuery: true, specifyQuery: 'keypair', queryParameters: { parameters: http.query } }
				: {}),
			...(http.jsonBody
				? {
						sendBody: true,
						contentType: 'json',
						specifyBody: 'keypair',
						bodyParameters: { parameters: http.jsonBody },
					}
				: {}),
			options: http.options ?? {},
		},
		credentials: { plivoVoiceApi: target.credential },
	};
}

function accountUrl(target: ApiTarget): string {
	return `${target.baseUrl}/v1/Account/${target.authId}`;
}

/** A pair of workflows doing the same thing, and the nodes whose run time is the work measured. */
export interface WorkflowPair {
	plivo: { workflow: NewWorkflow; measured: string[] };
	http: { workflow: NewWorkflow; measured: string[] };
}

/** Call › Get CDR of each item's call, the UUID taken from the item. */
export function getCdrPair(
	label: string,
	target: ApiTarget,
	callUuids: string[],
	httpOptions?: Record<string, unknown>,
): WorkflowPair {
	const items = itemsNode(callUuids.map((call_uuid) => ({ call_uuid })));
	return {
		plivo: {
			workflow: chain(`Bench: ${label} (Plivo Voice)`, [
				items,
				plivoNode('Get CDR', target.credential, {
					resource: 'call',
					operation: 'get',
					callUuid: '={{ $json.call_uuid }}',
				}),
			]),
			measured: ['Get CDR'],
		},
		http: {
			workflow: chain(`Bench: ${label} (HTTP Request)`, [
				items,
				httpNode('Get CDR', target, {
					method: 'GET',
					url: `=${accountUrl(target)}/Call/{{ $json.call_uuid }}/`,
					options: httpOptions,
				}),
			]),
			measured: ['Get CDR'],
		},
	};
}

export const MAKE_CALL = { from: '14155550100', answerUrl: 'https://example.com/answer' };

/** Call › Make to each item's number. */
export function makeCallPair(label: string, target: ApiTarget, numbers: string[]): WorkflowPair {
	const items = itemsNode(numbers.map((to) => ({ to })));
	return {
		plivo: {
			workflow: chain(`Bench: ${label} (Plivo Voice)`, [
				items,
				plivoNode('Make a call', target.credential, {
					resource: 'call',
					operation: 'create',
					from: MAKE_CALL.from,
					to: '={{ $json.to }}',
					answerUrl: MAKE_CALL.answerUrl,
					additionalFields: {},
				}),
			]),
			measured: ['Make a call'],
		},
		http: {
			workflow: chain(`Bench: ${label} (HTTP Request)`, [
				items,
				httpNode('Make a call', target, {
					method: 'POST',
					url: `${accountUrl(target)}/Call/`,
					jsonBody: [
						{ name: 'from', value: MAKE_CALL.from },
						{ name: 'to', value: '={{ $json.to }}' },
						{ name: 'answer_url', value: MAKE_CALL.answerUrl },
					],
				}),
			]),
			measured: ['Make a call'],
		},
	};
}

/**
 * Call › Get Many CDRs with Return All. With HTTP Request, a user pages with `offset` (Plivo's
 * pages hold at most 20) until the page's `meta.next` says there is no other, then splits the
 * pages into one item per call, which the Plivo node puts out directly.
 */
export function getManyCdrsPair(label: string, target: ApiTarget): WorkflowPair {
	return {
		plivo: {
			workflow: chain(`Bench: ${label} (Plivo Voice)`, [
				plivoNode('Get many CDRs', target.credential, {
					resource: 'call',
					operation: 'getMany',
					returnAll: true,
					filters: {},
				}),
			]),
			measured: ['Get many CDRs'],
		},
		http: {
			workflow: chain(`Bench: ${label} (HTTP Request)`, [
				httpNode('Get many CDRs', target, {
					method: 'GET',
					url: `${accountUrl(target)}/Call/`,
					query: [{ name: 'limit', value: '20' }],
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: {
									parameters: [{ type: 'qs', name: 'offset', value: '={{ $pageCount * 20 }}' }],
								},
								paginationCompleteWhen: 'other',
								completeExpression: '={{ !$response.body.meta.next }}',
								limitPagesFetched: false,
								requestInterval: 0,
							},
						},
					},
				}),
				{
					name: 'One item per call',
					type: 'n8n-nodes-base.splitOut',
					parameters: { fieldToSplitOut: 'objects' },
				},
			]),
			measured: ['Get many CDRs', 'One item per call'],
		},
	};
}

/** The XML both answer with. */
export const ANSWER_XML =
	'<Response>\n\t<Speak>Hello! This call is handled by n8n.</Speak>\n</Response>';

/** A workflow with only a webhook-style trigger, and the path n8n serves it on (under /webhook/). */
export interface CallbackWorkflow {
	workflow: NewWorkflow;
	path: string;
}

function single(name: string, node: WorkflowNode): NewWorkflow {
	return { name, nodes: [node], connections: {} };
}

/** The Plivo Voice Trigger answering `answer` callbacks with ANSWER_XML, registering nothing with Plivo. */
export function triggerWorkflow(
	label: string,
	credential: CredentialRef,
	verifySignature: boolean,
): CallbackWorkflow {
	const webhookId = randomUUID();
	const node: WorkflowNode = {
		id: randomUUID(),
		webhookId,
		name: 'Plivo Voice Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1.1,
		position: [0, 0],
		parameters: {
			events: ['answer'],
			responseMode: 'onReceived',
			responseXml: ANSWER_XML,
			registration: 'none',
			verifySignature,
			options: {},
		},
		credentials: { plivoVoiceApi: credential },
	};
	return { workflow: single(`Bench: ${label}`, node), path: `${webhookId}/webhook` };
}

/** n8n's Webhook node answering every POST with ANSWER_XML as Plivo XML. */
export function webhookWorkflow(label: string): CallbackWorkflow {
	const path = `bench-answer-${randomUUID()}`;
	const node: WorkflowNode = {
		id: randomUUID(),
		webhookId: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'onReceived',
			options: {
				responseData: ANSWER_XML,
				responseHeaders: {
					entries: [{ name: 'Content-Type', value: 'application/xml; charset=utf-8' }],
				},
			},
		},
	};
	return { workflow: single(`Bench: ${label}`, node), path };
}
