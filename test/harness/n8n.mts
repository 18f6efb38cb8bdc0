/**
 * Runs our nodes the way n8n runs them: a real `Workflow` (n8n-workflow) and n8n-core's
 * `ExecuteContext` + `RoutingNode`, so declarative routing, expressions, preSend/postReceive,
 * pagination hooks and HTTP (n8n's own request stack) are the production code paths.
 *
 * What n8n's CLI would provide and n8n-core does not publish is rebuilt here, following the CLI's
 * code: the credentials helper's generic `authenticate` and the credential tester.
 */
import { DirectoryLoader, ExecuteContext, LoadOptionsContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsDecrypted,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow, createRunExecutionData } from 'n8n-workflow';

/** Resolves `={{ … }}` credential expressions the way n8n's CredentialsHelper does. */
function resolveCredentialValue(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: WorkflowType,
	node: INode,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
}

export class TestCredentialsHelper extends ICredentialsHelper {
	/** How many times a node read a credential (n8n reads it from its database each time). */
	reads = 0;

	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	/** Changes a credential's data, as when the user edits the credential. */
	update(type: string, data: ICredentialDataDecryptedObject): void {
		this.data[type] = { ...this.data[type], ...data };
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	/** Same logic as n8n's CredentialsHelper.authenticate for `IAuthenticateGeneric`. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: WorkflowType,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions &
			Record<string, Record<string, unknown>>;
		const { authenticate } = this.types[typeName];
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			requestOptions.headers ??= {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
					const resolvedKey = String(resolveCredentialValue(key, credentials, workflow!, node!));
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][resolvedKey] = resolveCredentialValue(
						value,
						credentials,
						workflow!,
						node!,
					);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		this.reads++;
		// n8n applies the credential type's defaults before handing data to a node.
		const defaults = Object.fromEntries(
			this.types[type].properties.map((property) => [property.name, property.default]),
		);
		return { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type].properties;
	}
}

/** Loads a node type as n8n's DirectoryLoader does (it adds "Request Options" to declarative nodes). */
export function loadNodeType(nodeType: INodeType): INodeType {
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	return nodeType;
}

function nodeTypesOf(nodeType: INodeType): INodeTypes {
	return {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
}

/** A workflow holding only `node`, of `nodeType`: what every run, list search and credential test here needs. */
export function singleNodeWorkflow(node: INode, nodeType: INodeType, id?: string): Workflow {
	return new Workflow({
		...(id === undefined ? {} : { id }),
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(nodeType),
	});
}

/** n8n's credentials helper knowing one credential type, and its values when they are given. */
export function credentialsHelperFor(
	credentialType: ICredentialType,
	credentials?: ICredentialDataDecryptedObject,
): TestCredentialsHelper {
	return new TestCredentialsHelper(
		{ [credentialType.name]: credentialType },
		credentials === undefined ? {} : { [credentialType.name]: credentials },
	);
}

/** What n8n hands every node context; webhook tests override the webhook base URLs. */
export function additionalDataFor(
	credentialsHelper: ICredentialsHelper,
	overrides: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		...overrides,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	nodeType: INodeType;
	credentialType: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	parameters: INodeParameters;
	/** Input items; one empty item by default. */
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/**
	 * The node's "Retry On Fail" setting: how many times n8n runs it in all (n8n allows 2 to 5)
	 * when it fails, or when its first output item is an error item. As n8n-core's WorkflowExecute
	 * does, every try is a new ExecuteContext and RoutingNode for the same execution, run index and
	 * `IExecuteData`. Without it, the node runs once.
	 */
	retryOnFail?: { maxTries: number };
	/** Called before each try but the first, as n8n waits `waitBetweenTries` there. */
	beforeRetry?: (tryIndex: number) => void | Promise<void>;
	/**
	 * Runs sharing one holder share one `IExecuteData`, as the calls of a node used as an AI
	 * agent's tool share the agent's (each with its own input item).
	 */
	sharedExecuteData?: { executeData?: IExecuteData };
	/** The execution's cancel signal, as n8n aborts it when somebody stops the execution. */
	signal?: AbortSignal;
}

/** The node as it sits in a workflow, with its credential selected. */
function workflowNode(
	nodeType: INodeType,
	credentialType: ICredentialType,
	parameters: INodeParameters,
): INode {
	return {
		id: 'b5a9d9f0-0000-4000-8000-000000000001',
		name: nodeType.description.defaults.name ?? nodeType.description.displayName,
		type: `n8n-nodes-plivo-voice.${nodeType.description.name}`,
		// The version this description is of (one version of a versioned node).
		typeVersion: Math.max(...[nodeType.description.version].flat()),
		position: [0, 0],
		parameters,
		credentials: {
			[credentialType.name]: { id: 'test-credential', name: credentialType.displayName },
		},
	};
}

/** Runs a declarative node once over its input items and returns its main output. */
export async function runDeclarativeNode(options: RunNodeOptions): Promise<INodeExecutionData[]> {
	const { nodeType, credentialType, credentials, parameters, continueOnFail = false } = options;
	const items = options.items ?? [{ json: {} }];
	const node: INode = { ...workflowNode(nodeType, credentialType, parameters), continueOnFail };
	const workflow = singleNodeWorkflow(node, nodeType, 'test-workflow');
	const credentialsHelper = credentialsHelperFor(credentialType, credentials);
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		resultData: { runData: {} },
	});
	const executeData: IExecuteData = options.sharedExecuteData?.executeData ?? {
		node,
		data: { main: [items] },
		source: { main: [{ previousNode: 'Input' }] },
	};
	if (options.sharedExecuteData) options.sharedExecuteData.executeData = executeData;
	const additionalData = additionalDataFor(credentialsHelper, { executionId: 'test-execution' });
	const runOnce = async () => {
		const context = new ExecuteContext(
			workflow,
			workflow.getNode(node.name)!,
			additionalData,
			'manual',
			runExecutionData,
			0,
			items,
			{ main: [items] },
			executeData,
			[],
			options.signal,
		);
		const output = await new RoutingNode(context, nodeType).runNode();
		return output?.[0] ?? [];
	};
	const maxTries = options.retryOnFail?.maxTries ?? 1;
	for (let tryIndex = 0; ; tryIndex++) {
		if (tryIndex > 0) await options.beforeRetry?.(tryIndex);
		const lastTry = tryIndex === maxTries - 1;
		try {
			const output = await runOnce();
			// n8n retries a run whose first output item is an error item (Continue On Fail) too.
			if (lastTry || output[0]?.json?.error === undefined) return output;
		} catch (error) {
			if (lastTry) throw error;
		}
	}
}

export interface ListSearchOptions {
	nodeType: INodeType;
	credentialType: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	/** The name under `methods.listSearch`. */
	method: string;
	/** The node's current parameters (some searches depend on them). */
	parameters?: INodeParameters;
	filter?: string;
	paginationToken?: string;
}

/** Opens a resource locator's "From List" in the editor: runs the node's list search method. */
export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const {
		nodeType,
		credentialType,
		credentials,
		method,
		parameters = {},
		filter,
		paginationToken,
	} = options;
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`${nodeType.description.name} has no list search ${method}`);
	const node = workflowNode(nodeType, credentialType, parameters);
	const workflow = singleNodeWorkflow(node, nodeType);
	const credentialsHelper = credentialsHelperFor(credentialType, credentials);
	const context = new LoadOptionsContext(workflow, node, additionalDataFor(credentialsHelper), '');
	return await search.call(context, filter, paginationToken);
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Presses the credential's "Test" button: n8n's CredentialsTester builds a throw-away node whose
 * only property routes the credential's `test.request`, and runs it through RoutingNode.
 */
export async function testCredential(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const testRequest = credentialType.test!;
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['output'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'test-credential',
		name: credentialType.displayName,
		type: credentialType.name,
		data: {
			...Object.fromEntries(
				credentialType.properties.map((property) => [property.name, property.default]),
			),
			...credentials,
		} as ICredentialDataDecryptedObject,
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: {
			[credentialType.name]: { id: 'test-credential', name: credentialType.displayName },
		},
	};
	const workflow = singleNodeWorkflow(node, nodeType);
	const credentialsHelper = credentialsHelperFor(credentialType);
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentialsHelper),
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const { cause } = error as {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (cause?.response) {
			return {
				status: 'Error',
				message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
			};
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

export interface RunProgrammaticNodeOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	/** Input items; one empty item by default. */
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

/**
 * Runs a programmatic node (one with `execute()`, no credential) as n8n's WorkflowExecute does:
 * the node's `execute` called on n8n-core's ExecuteContext, parameters completed with their
 * defaults by the Workflow as the editor would save them.
 */
export async function runProgrammaticNode(
	options: RunProgrammaticNodeOptions,
): Promise<INodeExecutionData[]> {
	const { nodeType, parameters, continueOnFail = false } = options;
	const items = options.items ?? [{ json: {} }];
	const node: INode = {
		id: 'b5a9d9f0-0000-4000-8000-000000000002',
		name: nodeType.description.defaults.name ?? nodeType.description.displayName,
		type: `n8n-nodes-plivo-voice.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		continueOnFail,
	};
	const workflow = singleNodeWorkflow(node, nodeType, 'test-workflow');
	const executeData: IExecuteData = {
		node,
		data: { main: [items] },
		source: { main: [{ previousNode: 'Input' }] },
	};
	const context = new ExecuteContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalDataFor(new TestCredentialsHelper({}, {})),
		'manual',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		items,
		{ main: [items] },
		executeData,
		[],
	);
	const output = await nodeType.execute!.call(context);
	return (output as INodeExecutionData[][] | null)?.[0] ?? [];
}
