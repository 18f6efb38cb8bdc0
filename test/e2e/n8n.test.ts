/**
 * The package in a real n8n (the pinned release, started from its command line with the packed
 * package in its community-nodes folder), driven through n8n's REST API as the editor drives it,
 * against the Plivo sandbox.
 */
import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials';
import { PlivoVoice } from '../../nodes/PlivoVoice/PlivoVoice.node';
import { loadExamples, SANDBOX_CREDENTIAL, sandboxCredentialData } from '../../scripts/n8n/launch';
import type { E2eEnvironment } from './environment';
import { startE2eEnvironment } from './environment';

const NODE_TYPE = 'n8n-nodes-plivo-voice.plivoVoice';

/** Example files and the test that runs each; every file in examples/ must be here. */
const EXAMPLE_TESTS = {
	makeCallAndGetCdr: '01-make-a-call-and-get-its-cdr.json',
};

let env: E2eEnvironment;
let failed = false;

beforeAll(async () => {
	env = await startE2eEnvironment();
});

afterAll(async () => {
	await env?.stop({ keepUserFolder: failed });
	if (failed) console.error(`n8n's user folder is kept for inspection: ${env.userFolder}`);
});

beforeEach((context) => {
	env.sandbox.reset();
	context.onTestFailed(() => {
		failed = true;
		console.error(`n8n's last output (full log: ${env.userFolder}/n8n.log):\n${env.instance.logTail(80)}`);
	});
});

function exampleWorkflow(file: string) {
	const example = loadExamples().find((candidate) => candidate.file === file);
	if (!example) throw new Error(`examples/${file} does not exist`);
	return example.workflow;
}

/** What the sandbox received, in a form to compare with toEqual. */
function sandboxRequests() {
	return env.sandbox.requests.map(({ method, path, query, body, auth, status }) => ({ method, path, query, body, auth, status }));
}

describe('the package in n8n', () => {
	it('registers the Plivo Voice node with every operation of the source, and its tool variant', async () => {
		const nodeTypes = await env.client.nodeTypes();
		const node = nodeTypes.find((type) => type.name === NODE_TYPE);
		expect(node).toMatchObject({
			displayName: 'Plivo Voice',
			version: 1,
			credentials: [{ name: 'plivoVoiceApi', required: true }],
			iconUrl: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoice/plivo.svg',
		});
		const operations = (description: INodeTypeDescription) =>
			description.properties
				.filter((property) => property.name === 'operation')
				.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
				.map((option) => option.value)
				.sort();
		// n8n adds its "Custom API Call" to each resource's operations when the node's credential
		// authenticates generically.
		const ours = new PlivoVoice().description;
		const resourceCount = (ours.properties.find((property) => property.name === 'resource')!.options ?? []).length;
		expect(operations(node!)).toEqual(
			[...operations(ours), ...Array<string>(resourceCount).fill('__CUSTOM_API_CALL__')].sort(),
		);
		expect(nodeTypes.map((type) => type.name)).toContain(`${NODE_TYPE}Tool`);
	});

	it('registers the Plivo Voice API credential for the node', async () => {
		const credential = (await env.client.credentialTypes()).find((type) => type.name === 'plivoVoiceApi');
		expect(credential).toMatchObject({
			displayName: 'Plivo Voice API',
			supportedNodes: [NODE_TYPE, 'n8n-nodes-plivo-voice.plivoVoiceTrigger'],
		});
		// n8n 1.123 adds its allowed-domains restriction to every credential that authenticates generically.
		expect(credential!.properties.map((property) => property.name)).toEqual([
			...new PlivoVoiceApi().properties.map((property) => property.name),
			'allowedHttpRequestDomains',
			'allowedDomains',
		]);
	});

	it('serves the node icon from the package', async () => {
		const response = await fetch(`${env.instance.url}/icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoice/plivo.svg`);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('<svg');
	});
});

describe('workflow activation in n8n (what a trigger example relies on)', () => {
	it('serves an active workflow\'s webhook, records its executions, and stops serving it once deactivated', async () => {
		const path = 'activation-check';
		const workflow = await env.client.createWorkflow({
			name: 'Activation check',
			connections: {},
			nodes: [
				{
					id: '7b0c3f52-5a7e-4c1e-9a3d-2f6e8b1c4d01',
					webhookId: '7b0c3f52-5a7e-4c1e-9a3d-2f6e8b1c4d02',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					parameters: { path, httpMethod: 'POST', responseMode: 'onReceived', options: {} },
				},
			],
		});
		const webhook = () => fetch(`${env.instance.url}/webhook/${path}`, { method: 'POST', body: 'Event=StartApp' });

		expect((await env.client.activateWorkflow(workflow.id)).active).toBe(true);
		expect((await webhook()).status).toBe(200);
		await expect.poll(async () => (await env.client.executionsOf(workflow.id)).map(({ mode, status }) => ({ mode, status }))).toEqual([
			{ mode: 'webhook', status: 'success' },
		]);

		expect((await env.client.deactivateWorkflow(workflow.id)).active).toBe(false);
		expect((await webhook()).status).toBe(404);
	});
});

describe('the credential test in n8n', () => {
	const accountPath = () => `/v1/Account/${env.sandbox.account.authId}/`;

	it('passes against the sandbox', async () => {
		const result = await env.client.testCredential({ ...SANDBOX_CREDENTIAL, data: sandboxCredentialData(env.sandbox) });
		expect(result.status).toBe('OK');
		const { authId, authToken } = env.sandbox.account;
		expect(sandboxRequests()).toEqual([
			{ method: 'GET', path: accountPath(), query: {}, body: undefined, auth: { username: authId, password: authToken }, status: 200 },
		]);
	});

	it('fails with a wrong Auth Token', async () => {
		const result = await env.client.testCredential({
			...SANDBOX_CREDENTIAL,
			data: { ...sandboxCredentialData(env.sandbox), authToken: 'not-the-token' },
		});
		expect(result).toEqual({ status: 'Error', message: 'Authorization failed - please check your credentials' });
		const refused = {
			method: 'GET',
			path: accountPath(),
			query: {},
			body: undefined,
			auth: { username: env.sandbox.account.authId, password: 'not-the-token' },
			status: 401,
		};
		// n8n 1.x sends a request answered 401 a second time, after its credentials'
		// pre-authentication step (n8n-core's httpRequestWithAuthentication).
		expect(sandboxRequests()).toEqual([refused, refused]);
	});
});

describe('the example workflows in n8n', () => {
	it('has an end-to-end test for every example', () => {
		expect(loadExamples().map((example) => example.file)).toEqual(Object.values(EXAMPLE_TESTS).sort());
	});

	it('imports every example, with only node types and versions this n8n knows', async () => {
		const known = new Set(
			(await env.client.nodeTypes()).flatMap((type) =>
				(Array.isArray(type.version) ? type.version : [type.version]).map((version) => `${type.name}@${version}`),
			),
		);
		for (const { file, workflow } of loadExamples()) {
			const imported = await env.client.getWorkflow(workflow.id);
			expect(imported.name, file).toBe(workflow.name);
			expect(imported.nodes.map((node) => node.name), file).toEqual(workflow.nodes.map((node) => node.name));
			for (const node of workflow.nodes) expect(known, `${file}: ${node.name}`).toContain(`${node.type}@${node.typeVersion}`);
		}
	});

	it(`${EXAMPLE_TESTS.makeCallAndGetCdr} makes a call, hangs it up and gets its CDR`, async () => {
		const workflow = exampleWorkflow(EXAMPLE_TESTS.makeCallAndGetCdr);
		const execution = await env.client.runWorkflow(workflow.id);
		expect(execution.error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(execution.nodesRun).toEqual([
			'When clicking ‘Execute workflow’',
			'Call details',
			'Make a call',
			'Find the live call',
			'Keep the call just made',
			'Hang up',
			'Get the CDR',
		]);

		const { authId, authToken } = env.sandbox.account;
		const auth = { username: authId, password: authToken };
		const made = execution.output('Make a call');
		expect(made).toEqual([{ api_id: expect.any(String), message: 'call fired', request_uuid: expect.any(String) }]);
		const requestUuid = made[0].request_uuid as string;
		const found = execution.output('Keep the call just made');
		expect(found).toMatchObject([{ request_uuid: requestUuid, to: '14155550199', call_status: 'in-progress' }]);
		const callUuid = found[0].call_uuid as string;
		expect(execution.output('Hang up')).toEqual([{ success: true }]);
		expect(execution.output('Get the CDR')).toMatchObject([
			{
				call_uuid: callUuid,
				from_number: '14155550100',
				to_number: '14155550199',
				call_direction: 'outbound',
				call_state: 'ANSWER',
				hangup_source: 'API Request',
				hangup_cause_name: 'Normal Hangup',
			},
		]);

		expect(sandboxRequests()).toEqual([
			{
				method: 'POST',
				path: `/v1/Account/${authId}/Call/`,
				query: {},
				body: {
					from: '14155550100',
					to: '14155550199',
					answer_url: 'https://s3.amazonaws.com/static.plivo.com/answer.xml',
				},
				auth,
				status: 200,
			},
			{
				method: 'GET',
				path: `/v2/Account/${authId}/Call/`,
				query: { status: 'live', number: '14155550199', limit: '20', offset: '0' },
				body: undefined,
				auth,
				status: 200,
			},
			{ method: 'DELETE', path: `/v1/Account/${authId}/Call/${callUuid}/`, query: {}, body: undefined, auth, status: 204 },
			{ method: 'GET', path: `/v1/Account/${authId}/Call/${callUuid}/`, query: {}, body: undefined, auth, status: 200 },
		]);
	});
});
