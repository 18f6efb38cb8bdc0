/**
 * The package in n8n's queue mode (scripts/n8n/queue.mts): main, a worker and a webhook process
 * of a real n8n (the line under test: N8N_LINE, 2 unless told otherwise), each with the package in
 * its own user folder, on their own PostgreSQL and Redis, against the Plivo sandbox. Everything
 * they need is started in a temporary folder, which is deleted afterwards, as is everything
 * started, also when something fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { e2eLine } from '../../scripts/n8n/lines.mts';
import { loadExamples } from '../../scripts/n8n/launch.mts';
import type { QueueN8n } from '../../scripts/n8n/queue.mts';
import type { QueueRole } from '../../scripts/n8n/queue.mts';
import {
	enqueuedLine,
	launchQueueN8n,
	QUEUE_ROLES,
	workerRanLine,
} from '../../scripts/n8n/queue.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import { signV3 } from '../sandbox/plivo/callbacks.mts';

const TRIGGER_TYPE = 'n8n-nodes-plivo-voice.plivoVoiceTrigger';
const MAKE_CALL_EXAMPLE = '01-make-a-call-and-get-its-cdr.json';
const IVR_EXAMPLE = '02-an-ivr-that-branches-on-the-key-pressed.json';

let dir: string;
let sandbox: PlivoSandbox;
let n8n: QueueN8n | undefined;

function showLogs(): void {
	if (!n8n) return;
	for (const role of QUEUE_ROLES)
		console.error(`n8n ${role}'s last output:\n${n8n[role].logTail(60)}`);
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'plivo-voice-queue-'));
	sandbox = await PlivoSandbox.start();
	n8n = await launchQueueN8n({ line: e2eLine(), sandbox, dir });
});

afterAll(async () => {
	try {
		await n8n?.stop();
		await sandbox?.close();
	} finally {
		if (dir) rmSync(dir, { recursive: true, force: true });
	}
});

beforeEach((context) => {
	sandbox.reset();
	context.onTestFailed(showLogs);
});

function example(file: string) {
	const found = loadExamples().find((candidate) => candidate.file === file);
	if (!found) throw new Error(`examples/${file} does not exist`);
	return found.workflow;
}

function sandboxRequests() {
	return sandbox.requests.map(({ method, path, query, body, status }) => ({
		method,
		path,
		query,
		body,
		status,
	}));
}

/** The executions of a workflow, oldest first, as id, mode and status. */
async function executions(workflowId: string) {
	return (await n8n!.client.executionsOf(workflowId)).reverse();
}

/** Which processes said they queued an execution, and which that they ran it. */
function whoQueuedAndRan(executionId: string) {
	const said = (line: string) =>
		QUEUE_ROLES.filter((role: QueueRole) => n8n![role].logTail(400).includes(line));
	return { queued: said(enqueuedLine(executionId)), ran: said(workerRanLine(executionId)) };
}

describe('n8n in queue mode', () => {
	it(`runs ${MAKE_CALL_EXAMPLE} on the worker`, async () => {
		const workflow = example(MAKE_CALL_EXAMPLE);
		const execution = await n8n!.client.runWorkflow(workflow.id);
		expect(execution.error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(execution.output('Get the CDR')).toMatchObject([
			{
				from_number: '14155550100',
				to_number: '14155550199',
				call_state: 'ANSWER',
				hangup_source: 'API Request',
			},
		]);
		const authId = sandbox.account.authId;
		const callUuid = String(execution.output('Keep the call just made')[0].call_uuid);
		expect(sandboxRequests().map(({ method, path, status }) => ({ method, path, status }))).toEqual(
			[
				{ method: 'POST', path: `/v1/Account/${authId}/Call/`, status: 200 },
				{ method: 'GET', path: `/v2/Account/${authId}/Call/`, status: 200 },
				{
					method: 'DELETE',
					path: `/v1/Account/${authId}/Call/${callUuid}/`,
					status: 204,
				},
				{
					method: 'GET',
					path: `/v1/Account/${authId}/Call/${callUuid}/`,
					status: 200,
				},
			],
		);
		// Main put it in the queue (the editor's run), the worker ran it.
		await expect
			.poll(() => whoQueuedAndRan(execution.id))
			.toEqual({ queued: ['main'], ran: ['worker'] });
	});

	it(`${IVR_EXAMPLE}: main registers the application with the webhook process's URL, whose signed callbacks the worker answers; a forged one is refused there; deactivating removes the application`, async () => {
		const workflow = example(IVR_EXAMPLE);
		const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE)!;
		const webhookUrl = `${n8n!.webhookBaseUrl}webhook/${String(trigger.webhookId)}/webhook`;
		expect(webhookUrl.startsWith(n8n!.webhook.url)).toBe(true);
		const applications = `/v1/Account/${sandbox.account.authId}/Application/`;

		expect((await n8n!.client.activateWorkflow(workflow.id)).active).toBe(true);
		const [application, ...others] = sandbox.state.applications.applications.values();
		expect(others).toEqual([]);
		expect(application).toMatchObject({
			app_name: 'n8n-example-ivr',
			answer_url: webhookUrl,
			hangup_url: webhookUrl,
		});

		// The call's callbacks go to the webhook process, signed; it checks them and queues them.
		const call = sandbox.receiveInboundCall({
			from: '14155550123',
			to: '14155550100',
			appId: application.app_id,
		});
		await sandbox.state.callbacks.idle();
		expect(call.xmlFetches).toMatchObject([
			{ kind: 'answer', url: webhookUrl, status: 200, xml: expect.stringContaining('<GetDigits') },
		]);
		const pressed = await sandbox.enterDigits(call.call_uuid, '1');
		expect(pressed).toMatchObject({
			kind: 'input',
			url: `${webhookUrl}?plivoEvent=input`,
			status: 200,
			xml: expect.stringContaining('Connecting you to sales.'),
		});
		await expect
			.poll(async () =>
				(await executions(workflow.id)).map(({ mode, status }) => ({ mode, status })),
			)
			.toEqual([
				{ mode: 'webhook', status: 'success' },
				{ mode: 'webhook', status: 'success' },
			]);
		const [answered, input] = await executions(workflow.id);
		// The webhook process put each callback's execution in the queue, the worker ran it.
		for (const { id } of [answered, input])
			await expect
				.poll(() => whoQueuedAndRan(id))
				.toEqual({ queued: ['webhook'], ran: ['worker'] });
		const execution = await n8n!.client.waitForExecution(input.id);
		expect(execution.nodesRun).toEqual(['Plivo Voice Trigger', 'Route the call', 'Sales']);
		// Output per Event: keys pressed leave the trigger by its second output, Input Received.
		expect(execution.items('Plivo Voice Trigger', 1).map((item) => item.json)).toMatchObject([
			{ event: 'input', CallUUID: call.call_uuid, Digits: '1', webhookUrl },
		]);

		// Signed with another token: the webhook process refuses it, and nothing runs.
		const params = {
			From: '14155550123',
			To: '14155550100',
			CallUUID: call.call_uuid,
			Digits: '2',
		};
		const url = `${webhookUrl}?plivoEvent=input`;
		const forged = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-Plivo-Signature-V3': signV3('not-the-auth-token', 'POST', url, params, 'forged-nonce'),
				'X-Plivo-Signature-V3-Nonce': 'forged-nonce',
			},
			body: new URLSearchParams(params).toString(),
		});
		expect(forged.status).toBe(403);
		expect(await executions(workflow.id)).toHaveLength(2);

		// Deactivated on main: the trigger deletes its application, and the webhook process stops
		// serving the webhook.
		sandbox.server.reset();
		expect((await n8n!.client.deactivateWorkflow(workflow.id)).active).toBe(false);
		expect(sandbox.state.applications.applications.size).toBe(0);
		expect(sandboxRequests()).toEqual([
			{
				method: 'GET',
				path: `${applications}${application.app_id}/`,
				query: {},
				body: undefined,
				status: 200,
			},
			{
				method: 'DELETE',
				path: `${applications}${application.app_id}/`,
				query: { cascade: 'false' },
				body: undefined,
				status: 204,
			},
		]);
		await expect.poll(async () => (await fetch(webhookUrl, { method: 'POST' })).status).toBe(404);
	});
});
