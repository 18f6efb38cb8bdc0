/**
 * Runs a trigger's webhook the way n8n does, over real HTTP: a small server receives the request
 * on n8n's paths (`/webhook/…`, or `/webhook-test/…` while "listening for a test event"), hands it
 * to the node's `webhook()` through n8n-core's real WebhookContext, and answers as n8n's CLI
 * would. Registration methods run through n8n-core's real HookContext.
 *
 * n8n-core does not publish the CLI's request handling (packages/cli/src/webhooks), so the part
 * a trigger depends on is rebuilt here from n8n's code (1.123 and 2.x behave the same on it):
 * - body parsing (middlewares/body-parser.ts): `rawBody` kept, form bodies parsed with Node's
 *   querystring, JSON with JSON.parse;
 * - webhook-helpers.ts, executeWebhook: the response mode, code and data come from the webhook
 *   description's expressions; `noWebhookResponse` means the node answered; no `workflowData`
 *   means no workflow; "onReceived" answers at once; "lastNode" answers with the last node's
 *   first item (webhook-last-node-response-extractor.ts: responsePropertyName and
 *   responseContentType); "responseNode" answers with what the Respond to Webhook node sends;
 *   a `webhook()` that throws is answered 500 "Workflow Webhook Error: Workflow could not be started!";
 * - webhook-request-handler.ts / express: a string body is sent as is (express adds
 *   `charset=utf-8` to the content type), anything else as JSON.
 * The workflow after the trigger is simulated by the test (`lastNode`, `respondToWebhook`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { closeServer } from '../sandbox/core.mts';
import type { TestCredentialsHelper } from './n8n.mts';
import { additionalDataFor, credentialsHelperFor } from './n8n.mts';

const RESPOND_TO_WEBHOOK_NODE_TYPE = 'n8n-nodes-base.respondToWebhook';

/** Stands in for n8n's Respond to Webhook node in the workflow graph (its version is what counts). */
const respondToWebhookStub: INodeType = {
	description: {
		displayName: 'Respond to Webhook',
		name: 'respondToWebhook',
		group: ['transform'],
		version: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
		description: '',
		defaults: { name: 'Respond to Webhook' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

/** One request the trigger received and how it was answered. */
export interface HandledRequest {
	method: string;
	url: string;
	status: number;
	contentType?: string;
	body: string;
	/** The items the trigger started the workflow with, if it did. */
	workflowItems?: INodeExecutionData[];
	/** The trigger's data on each of its outputs (one per event with Output per Event). */
	workflowOutputs?: INodeExecutionData[][];
	/** The error `webhook()` threw, if it did. */
	error?: Error;
}

export interface TriggerHarnessOptions {
	nodeType: INodeType;
	credentialType: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	parameters: INodeParameters;
	/** Adds a Respond to Webhook node of this version after the trigger. */
	respondToWebhookVersion?: number;
}

/** Extra fields n8n puts on the express request (body-parser.ts, parse-incoming-message.ts). */
type N8nRequest = IncomingMessage & {
	originalUrl: string;
	rawBody: Buffer;
	body: unknown;
	query: IDataObject;
	params: IDataObject;
	contentType?: string;
	encoding?: string;
	readRawBody: () => Promise<void>;
};

function nodeTypesFor(trigger: INodeType): INodeTypes {
	const byName = (type: string) =>
		type === RESPOND_TO_WEBHOOK_NODE_TYPE ? respondToWebhookStub : trigger;
	return {
		getByName: byName,
		getByNameAndVersion: byName,
		getKnownTypes: () => ({}),
	};
}

/** express's setCharset: a string body gets `charset=utf-8` added to its content type. */
function withCharset(contentType: string): string {
	return /;\s*charset=/i.test(contentType) ? contentType : `${contentType}; charset=utf-8`;
}

function send(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const lowerCased = Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
	const contentType =
		typeof body === 'string'
			? withCharset(lowerCased['content-type'] ?? 'text/html')
			: (lowerCased['content-type'] ?? 'application/json; charset=utf-8');
	response.writeHead(status, { ...lowerCased, 'content-type': contentType });
	response.end(text);
}

export class TriggerHarness {
	readonly node: INode;
	readonly workflow: Workflow;
	readonly handled: HandledRequest[] = [];
	/** The rest of the workflow, for "When Last Node Finishes": the last node's output items. */
	lastNode: (items: INodeExecutionData[]) => INodeExecutionData[] = (items) => items;
	/** The rest of the workflow, for "Respond to Webhook": what the Respond to Webhook node sends. */
	respondToWebhook?: (items: INodeExecutionData[]) => IN8nHttpFullResponse;
	private server?: Server;
	readonly credentialsHelper: TestCredentialsHelper;

	private constructor(private readonly options: TriggerHarnessOptions) {
		const { nodeType, credentialType, credentials } = options;
		const node: INode = {
			id: randomUUID(),
			name: nodeType.description.defaults.name ?? nodeType.description.displayName,
			type: `n8n-nodes-plivo-voice.${nodeType.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: {},
			credentials: {
				[credentialType.name]: { id: 'test-credential', name: credentialType.displayName },
			},
		};
		// n8n stores a node's parameters with the defaults of the ones shown (NodeHelpers.getNodeParameters).
		node.parameters = NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			options.parameters,
			true,
			false,
			node,
			nodeType.description,
		)!;
		const nodes = [node];
		const connections: Workflow['connectionsBySourceNode'] = {};
		if (options.respondToWebhookVersion !== undefined) {
			nodes.push({
				id: randomUUID(),
				name: 'Respond to Webhook',
				type: RESPOND_TO_WEBHOOK_NODE_TYPE,
				typeVersion: options.respondToWebhookVersion,
				position: [200, 0],
				parameters: {},
			});
			connections[node.name] = { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] };
		}
		this.node = node;
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			nodes,
			connections,
			active: true,
			nodeTypes: nodeTypesFor(nodeType),
			staticData: {},
		});
		this.credentialsHelper = credentialsHelperFor(credentialType, credentials);
	}

	static async start(options: TriggerHarnessOptions): Promise<TriggerHarness> {
		const harness = new TriggerHarness(options);
		harness.server = createServer((request, response) => {
			void harness.handle(request as N8nRequest, response);
		});
		await new Promise<void>((resolve) => harness.server!.listen(0, '127.0.0.1', resolve));
		return harness;
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		await closeServer(server);
	}

	/** `http://127.0.0.1:<port>`: where n8n runs, as WEBHOOK_URL would say. */
	get origin(): string {
		return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
	}

	/** The production webhook URL, as the node's panel shows it. */
	get webhookUrl(): string {
		return `${this.origin}/webhook/${this.node.webhookId}/webhook`;
	}

	/** The URL while the editor listens for a test event. */
	get testWebhookUrl(): string {
		return `${this.origin}/webhook-test/${this.node.webhookId}/webhook`;
	}

	/** The workflow's static data for this node, as the registration methods keep it. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** Changes the node's parameters, as when the user edits the node. */
	setParameters(parameters: INodeParameters): void {
		const { nodeType } = this.options;
		this.node.parameters = NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			parameters,
			true,
			false,
			this.node,
			nodeType.description,
		)!;
	}

	private additionalData(
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): IWorkflowExecuteAdditionalData {
		return additionalDataFor(this.credentialsHelper, {
			webhookBaseUrl: `${this.origin}/webhook`,
			webhookTestBaseUrl: `${this.origin}/webhook-test`,
			...extra,
		});
	}

	private get webhookDescription(): IWebhookDescription {
		return this.options.nodeType.description.webhooks![0];
	}

	private webhookData(
		additionalData: IWorkflowExecuteAdditionalData,
		httpMethod: string,
		isTest: boolean,
	): IWebhookData {
		return {
			httpMethod: httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: this.webhookDescription,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest,
		};
	}

	/**
	 * Runs a registration method as n8n does on activation ('trigger' mode) or when the editor
	 * starts listening for a test event ('manual', the test webhook URL), and on removal.
	 */
	async runHook(
		method: 'checkExists' | 'create' | 'delete',
		{ test = false } = {},
	): Promise<boolean | undefined> {
		const additionalData = this.additionalData();
		// n8n removes webhooks, test ones included, in mode 'internal' (test-webhooks.ts,
		// deactivateWebhooks; active-workflow-manager.ts, clearWebhooks): only the webhook data says
		// whether it was the test webhook.
		const removing = method === 'delete';
		const mode: WorkflowExecuteMode = removing ? 'internal' : test ? 'manual' : 'trigger';
		const activation = removing ? 'update' : test ? 'manual' : 'activate';
		const context = new HookContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			activation,
			this.webhookData(additionalData, 'POST', test),
		);
		const hook = this.options.nodeType.webhookMethods?.default?.[method];
		if (!hook) throw new Error(`${this.node.type} has no webhook method ${method}`);
		return await hook.call(context);
	}

	/** Activation as n8n runs it: checkExists then create, once per HTTP method of the webhook. */
	async activate({ test = false } = {}): Promise<void> {
		for (
			let method = 0;
			method < String(this.webhookDescription.httpMethod).split(',').length;
			method++
		) {
			if (!(await this.runHook('checkExists', { test }))) await this.runHook('create', { test });
		}
	}

	/**
	 * Deactivation as n8n runs it: delete, once per HTTP method of the webhook; one after the
	 * other (n8n 1.x), or `concurrently` (n8n 2.x removes a workflow's webhooks with Promise.all).
	 */
	async deactivate({ test = false, concurrently = false } = {}): Promise<void> {
		const methods = String(this.webhookDescription.httpMethod).split(',');
		if (concurrently) {
			await Promise.all(methods.map(async () => await this.runHook('delete', { test })));
			return;
		}
		for (let method = 0; method < methods.length; method++) {
			await this.runHook('delete', { test });
		}
	}

	private evaluate(
		value: string | boolean | undefined,
		mode: WorkflowExecuteMode,
		fallback: unknown,
	): unknown {
		return this.workflow.expression.getSimpleParameterValue(
			this.node,
			value as string,
			mode,
			{},
			undefined,
			fallback as string,
		);
	}

	private async handle(request: N8nRequest, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const target = request.url ?? '/';
		const path = target.split('?')[0];
		const isTest = path.startsWith('/webhook-test/');
		const mode: WorkflowExecuteMode = isTest ? 'manual' : 'webhook';
		const record: HandledRequest = {
			method: request.method ?? 'GET',
			url: target,
			status: 0,
			body: '',
			workflowItems: undefined,
		};
		this.handled.push(record);
		// Headers given to writeHead are not kept on the response object: note them on the way.
		const originalWriteHead = response.writeHead.bind(response);
		response.writeHead = ((status: number, headers?: Record<string, string>) => {
			const contentType = Object.entries(headers ?? {}).find(
				([name]) => name.toLowerCase() === 'content-type',
			);
			record.contentType = contentType?.[1];
			return originalWriteHead(status, headers);
		}) as ServerResponse['writeHead'];
		const originalEnd = response.end.bind(response);
		response.end = ((body?: unknown) => {
			record.status = response.statusCode;
			record.contentType ??= response.getHeader('content-type') as string | undefined;
			record.body = body === undefined ? '' : String(body);
			return originalEnd(body as string);
		}) as ServerResponse['end'];

		const expected = `/${this.node.webhookId}/webhook`;
		const allowed = String(this.webhookDescription.httpMethod).split(',');
		if (!path.endsWith(expected) || !allowed.includes(record.method)) {
			send(response, 404, { code: 404, message: 'The requested webhook is not registered.' });
			return;
		}

		// body-parser.ts: the raw body is kept; form and JSON bodies are parsed.
		const rawBody = Buffer.concat(chunks);
		const contentType = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
		let body: unknown = {};
		if (rawBody.length && contentType === 'application/x-www-form-urlencoded')
			body = parseQueryString(rawBody.toString('utf8'));
		else if (rawBody.length && contentType === 'application/json')
			body = JSON.parse(rawBody.toString('utf8'));
		Object.assign(request, {
			originalUrl: target,
			rawBody,
			body,
			query: parseQueryString(target.includes('?') ? target.slice(target.indexOf('?') + 1) : ''),
			params: {},
			contentType,
			encoding: 'utf-8',
			readRawBody: async () => {},
		});

		const additionalData = this.additionalData({
			httpRequest: request,
			httpResponse: response,
		} as unknown as Partial<IWorkflowExecuteAdditionalData>);
		const description = this.webhookDescription;
		const responseMode = this.evaluate(description.responseMode, mode, 'onReceived');
		const responseCode = Number(this.evaluate(description.responseCode, mode, 200));
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			this.webhookData(additionalData, record.method, isTest),
			[],
			null,
		);

		let result: IWebhookResponseData;
		try {
			result = await this.options.nodeType.webhook!.call(context);
		} catch (error) {
			record.error = error as Error;
			if (!response.headersSent)
				send(response, 500, {
					code: 0,
					message: 'Workflow Webhook Error: Workflow could not be started!',
				});
			return;
		}
		const answered = result.noWebhookResponse === true;
		if (result.workflowData === undefined) {
			if (!answered)
				send(
					response,
					responseCode,
					result.webhookResponse ?? { message: 'Webhook call received' },
				);
			return;
		}
		// With Output per Event, the items are on the event's own output.
		const items = result.workflowData.find((output) => output.length > 0) ?? [];
		record.workflowItems = items;
		record.workflowOutputs = result.workflowData;
		if (answered) return;
		if (responseMode === 'onReceived') {
			const responseData = this.evaluate(description.responseData, mode, undefined);
			send(
				response,
				responseCode,
				responseData === 'noData'
					? undefined
					: responseData || result.webhookResponse || { message: 'Workflow was started' },
			);
			return;
		}
		if (responseMode === 'responseNode') {
			const sent = this.respondToWebhook?.(items);
			if (!sent) throw new Error('The test gave no Respond to Webhook answer');
			send(response, sent.statusCode, sent.body, sent.headers as Record<string, string>);
			return;
		}
		const first = this.lastNode(items)[0];
		if (!first) {
			send(response, 500, { code: 0, message: 'No item to return was found' });
			return;
		}
		const property = this.evaluate(description.responsePropertyName, mode, undefined) as
			| string
			| undefined;
		const value = property === undefined ? first.json : first.json[property];
		const responseContentType = this.evaluate(description.responseContentType, mode, undefined) as
			| string
			| undefined;
		send(
			response,
			responseCode,
			value,
			responseContentType ? { 'content-type': responseContentType } : {},
		);
	}
}
