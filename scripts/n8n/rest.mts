/**
 * A small client for the REST API the editor of n8n 2.x and 1.123 uses (`/rest/…`), as read from
 * their source: owner set-up, login (an `n8n-auth` cookie bound to a `browser-id` header), node
 * and credential types, credentials and their tests, workflows, their activation, manual runs and
 * their executions, and the forms a waiting execution shows (`/form-waiting/…`, public, as a
 * browser submits them). Where the lines differ, the client does what each line's editor does.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { ICredentialType, INodeTypeDescription } from 'n8n-workflow';

import type { N8nInstall } from './install.mts';
import type { N8nLine } from './lines.mts';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export class N8nApiError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(`n8n answered ${status} to ${method} ${path}: ${JSON.stringify(body)}`);
	}
}

export interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	versionId?: string;
	[key: string]: unknown;
}

/** A node of a workflow built with `manualChain`: version 1 unless given. */
export type ChainNode = Pick<WorkflowNode, 'name' | 'type' | 'parameters'> & {
	typeVersion?: number;
	credentials?: WorkflowNode['credentials'];
};

/** A workflow that starts on a manual trigger, then runs `nodes` one after the other. */
export function manualChain(name: string, nodes: ChainNode[]): Omit<Workflow, 'id'> {
	const all: WorkflowNode[] = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
		...nodes,
	].map((node, index) => ({
		typeVersion: 1,
		...node,
		id: randomUUID(),
		position: [index * 220, 0],
	}));
	const connections = Object.fromEntries(
		all
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] },
			]),
	);
	return { name, nodes: all, connections };
}

/** What n8n's credential test answers: `OK`, or `Error` with the reason. */
export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface CredentialToTest {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export type Json = Record<string, unknown>;

interface NodeRun {
	data?: { main?: Array<Array<{ json: Json; binary?: Record<string, Json> }> | null> };
	error?: Json;
	/** How long the run took, in milliseconds, as n8n measured it. */
	executionTime?: number;
}

/** An execution's data as n8n stores it (the parts read here). */
interface ExecutionData {
	resultData?: { runData?: Record<string, NodeRun[]>; error?: Json };
	/** n8n 2.x: the token a waiting execution's resume URLs carry (`?signature=`). */
	resumeToken?: string;
	/** Until when the execution waits; cleared when it resumes. */
	waitTill?: string;
}

/** A finished execution, with what each node put out. */
export class Execution {
	constructor(
		readonly id: string,
		readonly status: string,
		private readonly runData: Record<string, NodeRun[]>,
		/** The workflow-level error, if the run failed. */
		readonly error: Json | undefined,
		/** n8n 2.x: what proves a request to resume this (waiting) execution comes from its own form or URL. */
		readonly resumeToken?: string,
	) {}

	/** Names of the nodes that ran, in the order they ran. */
	get nodesRun(): string[] {
		return Object.keys(this.runData);
	}

	/** The items a node put out on its first output (its first run). */
	output(nodeName: string): Json[] {
		const runs = this.runData[nodeName];
		if (!runs)
			throw new Error(
				`Node "${nodeName}" did not run; nodes that ran: ${this.nodesRun.join(', ')}`,
			);
		return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
	}

	/** How long a node's first run took, in milliseconds, as n8n measured it (the benchmark's measure). */
	runTimeMs(nodeName: string): number {
		const time = this.runData[nodeName]?.[0]?.executionTime;
		if (time === undefined)
			throw new Error(
				`Node "${nodeName}" did not run; nodes that ran: ${this.nodesRun.join(', ')}`,
			);
		return time;
	}

	/** The items, binary data included, a node put out on one of its outputs (its first run). */
	items(nodeName: string, outputIndex = 0): Array<{ json: Json; binary?: Record<string, Json> }> {
		return this.runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [];
	}

	/** The error a node stopped with, if any. */
	nodeError(nodeName: string): Json | undefined {
		return this.runData[nodeName]?.[0]?.error;
	}
}

/** Statuses of an execution still under way. `waiting`: stopped until a form, a webhook or a time. */
const RUNNING = new Set(['new', 'running']);

/** n8n 2.x: how far a workflow's publication (its activation or deactivation) is. */
interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

/** How long a workflow's publication may take to apply (its triggers' webhooks registered or removed). */
const PUBLICATION_TIMEOUT_MS = 30_000;

export class N8nClient {
	/** n8n binds its login cookie to this id, which every request must then send. */
	private readonly browserId = randomUUID();
	private cookie?: string;
	private readonly flatted: { parse(text: string): unknown };
	private readonly line: N8nLine;

	constructor(
		readonly baseUrl: string,
		install: N8nInstall,
	) {
		this.line = install.line;
		// Execution data is stored and served "flatted" (JSON with shared references); n8n's own
		// parser reads it back.
		this.flatted = createRequire(join(install.dir, 'node_modules', 'n8n', 'package.json'))(
			'flatted',
		) as {
			parse(text: string): unknown;
		};
	}

	/** Calls the API and returns its `data`; fails with the status and body otherwise. */
	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers
			.getSetCookie()
			.find((cookie) => cookie.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON: keep the text for the error
		}
		if (!response.ok) throw new N8nApiError(method, path, response.status, parsed);
		return (
			parsed && typeof parsed === 'object' && 'data' in parsed
				? (parsed as { data: unknown }).data
				: parsed
		) as T;
	}

	/**
	 * Signs in as the owner. A new instance has no owner and would show its sign-up page: the
	 * first call sets the owner up (`POST /rest/owner/setup`), later calls log in.
	 */
	async signIn(owner: Owner): Promise<void> {
		const settings = await this.request<{ userManagement: { showSetupOnFirstLoad?: boolean } }>(
			'GET',
			'/rest/settings',
		);
		if (settings.userManagement.showSetupOnFirstLoad) {
			await this.request('POST', '/rest/owner/setup', owner);
		} else {
			await this.request('POST', '/rest/login', {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
		}
	}

	/** Every node type n8n loaded, as the editor receives them. */
	async nodeTypes(): Promise<INodeTypeDescription[]> {
		return await this.request('GET', '/types/nodes.json');
	}

	/** Every credential type n8n loaded, as the editor receives them. */
	async credentialTypes(): Promise<ICredentialType[]> {
		return await this.request('GET', '/types/credentials.json');
	}

	/**
	 * The credential dialog's "Test" button: tests the stored credential `id`, with `data`
	 * replacing its stored values (as when a user edits the dialog before testing).
	 */
	async testCredential(credential: CredentialToTest): Promise<CredentialTestResult> {
		return await this.request('POST', '/rest/credentials/test', { credentials: credential });
	}

	/** Saves a credential, as the credential dialog's "Save" does; n8n gives it an id. */
	async createCredential(credential: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ id: string; name: string }> {
		return await this.request('POST', '/rest/credentials', credential);
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return await this.request('GET', `/rest/workflows/${encodeURIComponent(id)}`);
	}

	/** Saves a new workflow (inactive); n8n gives it an id. */
	async createWorkflow(workflow: Omit<Workflow, 'id'>): Promise<Workflow> {
		return await this.request('POST', '/rest/workflows', {
			active: false,
			settings: { executionOrder: 'v1' },
			...workflow,
		});
	}

	/**
	 * Activates ("publishes" in n8n 2.x) a saved workflow, as its switch or "Publish" button does:
	 * n8n registers its triggers' webhooks (running their `create` methods) and serves them under
	 * `/webhook/…`. n8n activates a given version of the workflow: the current one. n8n 1.123 has
	 * done so when it answers; n8n 2.x answers at once and publishes in the background: this
	 * waits, as its editor does, until the publication has applied, and fails if a trigger failed.
	 */
	async activateWorkflow(id: string): Promise<Workflow> {
		const { versionId } = await this.getWorkflow(id);
		const workflow = await this.request<Workflow>(
			'POST',
			`/rest/workflows/${encodeURIComponent(id)}/activate`,
			{ versionId },
		);
		await this.publicationApplied(id, 'published');
		return workflow;
	}

	/**
	 * Deactivates ("unpublishes") a workflow: n8n removes its webhooks (running their `delete`
	 * methods); n8n 2.x in the background, which this waits for.
	 */
	async deactivateWorkflow(id: string): Promise<Workflow> {
		const workflow = await this.request<Workflow>(
			'POST',
			`/rest/workflows/${encodeURIComponent(id)}/deactivate`,
			{},
		);
		await this.publicationApplied(id, 'not_published');
		return workflow;
	}

	/**
	 * n8n 2.x: waits until a workflow's publication is no longer in progress
	 * (`GET /rest/workflows/:id/publication-status`), and fails unless it ended as `expected`.
	 * n8n 1.123 has no such step: its activation is done when it answers.
	 */
	private async publicationApplied(
		id: string,
		expected: PublicationStatus['status'],
	): Promise<void> {
		if (this.line === '1') return;
		const deadline = Date.now() + PUBLICATION_TIMEOUT_MS;
		for (;;) {
			const publication = await this.request<PublicationStatus>(
				'GET',
				`/rest/workflows/${encodeURIComponent(id)}/publication-status`,
			);
			if (publication.status === expected) return;
			if (publication.status !== 'in_progress') {
				const failures = publication.triggers
					.filter((trigger) => trigger.errorMessage)
					.map((trigger) => `${trigger.nodeId}: ${trigger.errorMessage}`);
				throw new Error(
					`n8n's publication of workflow ${id} ended ${publication.status}, not ${expected}${failures.length ? ` (${failures.join('; ')})` : ''}`,
				);
			}
			if (Date.now() > deadline)
				throw new Error(
					`n8n's publication of workflow ${id} was still in progress after ${PUBLICATION_TIMEOUT_MS / 1000} s`,
				);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** The executions of a workflow, newest first (at most 100), without their data. */
	async executionsOf(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{
			results: Array<{ id: string; status: string; mode: string }>;
		}>('GET', `/rest/executions?filter=${filter}&limit=100`);
		return page.results;
	}

	/**
	 * Starts a saved workflow from its manual trigger, as the editor's "Execute workflow" button
	 * does, and returns the execution's id.
	 */
	async startWorkflow(id: string): Promise<string> {
		const workflow = await this.getWorkflow(id);
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
		if (!trigger) throw new Error(`Workflow ${id} has no manual trigger to run it from`);
		const started = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/rest/workflows/${encodeURIComponent(id)}/run`,
			{ workflowData: workflow, triggerToStartFrom: { name: trigger.name } },
		);
		if (!started.executionId)
			throw new Error(`n8n did not start workflow ${id}: ${JSON.stringify(started)}`);
		return started.executionId;
	}

	/** Runs a saved workflow from its manual trigger and waits for the run to finish. */
	async runWorkflow(id: string, timeoutMs = 60_000): Promise<Execution> {
		return await this.waitForExecution(await this.startWorkflow(id), { timeoutMs });
	}

	/**
	 * Fills in and submits the form a waiting execution shows (a Wait node resuming "On Form
	 * Submitted"), as a browser does: multipart form data, the fields named `field-0`, `field-1`…
	 * in the form's order (n8n-nodes-base Form/utils, prepareFormReturnItem), at the form's URL
	 * (`$execution.resumeFormUrl`): in n8n 2.x it carries the execution's resume token, without
	 * which n8n refuses the form (WaitingForms.validateToken).
	 */
	async submitWaitingForm(executionId: string, values: string[]): Promise<number> {
		const { resumeToken } = await this.waitForExecution(executionId, { orWaiting: true });
		const form = new FormData();
		values.forEach((value, index) => form.append(`field-${index}`, value));
		const signature = resumeToken ? `?signature=${encodeURIComponent(resumeToken)}` : '';
		const response = await fetch(
			`${this.baseUrl}/form-waiting/${encodeURIComponent(executionId)}${signature}`,
			{ method: 'POST', body: form },
		);
		await response.text();
		return response.status;
	}

	/**
	 * Waits until an execution has finished (successfully or not), or with `orWaiting` until it
	 * waits (for a form, a webhook, a time), and returns it. n8n marks an execution finished a
	 * moment before it saves its data (n8n 1.123 on SQLite writes the two one after the other):
	 * both are waited for, by the data's own word: it says until when the execution waits exactly
	 * while the execution waits (a resumed execution still has the data of its wait for a moment).
	 */
	async waitForExecution(
		id: string,
		{ timeoutMs = 60_000, orWaiting = false } = {},
	): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.request<{ status: string; data: string }>(
				'GET',
				`/rest/executions/${encodeURIComponent(id)}`,
			);
			if (!RUNNING.has(execution.status) && (orWaiting || execution.status !== 'waiting')) {
				const data = this.flatted.parse(execution.data) as ExecutionData | undefined;
				const saved = (execution.status === 'waiting') === Boolean(data?.waitTill);
				if (data?.resultData && saved) {
					return new Execution(
						id,
						execution.status,
						data.resultData.runData ?? {},
						data.resultData.error,
						data.resumeToken,
					);
				}
			}
			if (Date.now() > deadline)
				throw new Error(
					`Execution ${id} had not finished after ${timeoutMs / 1000} s (status ${execution.status})`,
				);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}
