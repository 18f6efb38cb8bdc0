/**
 * The package in a real n8n (the pinned release of the line under test, 2.x or 1.123, started
 * from its command line with the packed package in its community-nodes folder), driven through n8n's REST API as the editor drives it,
 * against the Plivo and SignalWire sandboxes; the Plivo sandbox also plays the phone side of the
 * trigger example (an inbound call, the keys its caller presses).
 */

import { readFileSync } from 'node:fs';

import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials.js';
import {
	loadExamples,
	SANDBOX_CREDENTIAL,
	sandboxCredentialData,
} from '../../scripts/n8n/launch.mts';
import type { ChainNode, Execution } from '../../scripts/n8n/rest.mts';
import { manualChain } from '../../scripts/n8n/rest.mts';
import type { PlivoSandbox } from '../sandbox/plivo/index.mts';
import { signV3 } from '../sandbox/plivo/callbacks.mts';
import type { SignalWireSandbox } from '../../signalwire/test/sandbox/index.mts';
import { runPlivoXml } from '../xml/helpers.mts';
import type { E2eEnvironment } from './environment.mts';
import { lazyAcquire, startE2eEnvironment } from './environment.mts';
import { plivoVoiceNode } from '../harness/plivo.mts';
import {
	LATEST_PLIVO_VOICE_VERSION,
	PLIVO_VOICE_VERSIONS,
} from '../../nodes/PlivoVoice/versions.js';

const NODE_TYPE = 'n8n-nodes-plivo-voice.plivoVoice';
const TRIGGER_TYPE = 'n8n-nodes-plivo-voice.plivoVoiceTrigger';
const SIGNALWIRE_TYPE = 'n8n-nodes-signalwire-conferences.signalWire';

/** Example files and the test that runs each; every file in examples/ must be here. */
const EXAMPLE_TESTS = {
	makeCallAndGetCdr: '01-make-a-call-and-get-its-cdr.json',
	ivr: '02-an-ivr-that-branches-on-the-key-pressed.json',
	multipartyCall: '03-a-multiparty-call-with-an-agent-and-a-customer.json',
	verifyCallerId: '04-verify-a-caller-id-with-the-code-sent-to-it.json',
	voicemail: '05-answer-a-call-record-a-message-and-download-it.json',
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
	env.signalWire.reset();
	context.onTestFailed(() => {
		failed = true;
		console.error(
			`n8n's last output (full log: ${env.userFolder}/n8n.log):\n${env.instance.logTail(80)}`,
		);
	});
});

/**
 * The document a Plivo XML node of a workflow writes for an input item: the node itself, run with
 * the workflow's instructions (the expressions evaluated against `json`).
 */
async function plivoXmlOf(
	workflow: ReturnType<typeof exampleWorkflow>,
	nodeName: string,
	json: Record<string, unknown> = {},
): Promise<string> {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName)!;
	const { instruction } = node.parameters.instructions as {
		instruction: Array<Record<string, unknown>>;
	};
	const [output] = await runPlivoXml(instruction as never, { items: [{ json: json as never }] });
	return output.json.xml as string;
}

function exampleWorkflow(file: string) {
	const example = loadExamples().find((candidate) => candidate.file === file);
	if (!example) throw new Error(`examples/${file} does not exist`);
	return example.workflow;
}

/** What a sandbox received, in a form to compare with toEqual. */
function sandboxRequests(sandbox: PlivoSandbox | SignalWireSandbox = env.sandbox) {
	return sandbox.requests.map(({ method, path, query, body, auth, status }) => ({
		method,
		path,
		query,
		body,
		auth,
		status,
	}));
}

/** Checks that a run finished without error, having run exactly these nodes, in this order. */
function expectSucceeded(execution: Execution, nodesRun: string[]): void {
	expect(execution.error).toBeUndefined();
	expect(execution.status).toBe('success');
	expect(execution.nodesRun).toEqual(nodesRun);
}

/**
 * What n8n's credential test says when the service answers 401: n8n 1.123 the message of its
 * NodeApiError, n8n 2.x the response's status text (CredentialsTester.testCredentials).
 */
function refusedCredentialMessage(): string {
	return env.install.line === '1'
		? 'Authorization failed - please check your credentials'
		: 'Unauthorized';
}

/** The Basic auth of the Plivo sandbox's account, as the request log shows it. */
function plivoAuth() {
	return { username: env.sandbox.account.authId, password: env.sandbox.account.authToken };
}

/** The executions of a workflow, oldest first, as mode and status. */
async function executionSummary(workflowId: string) {
	return (await env.client.executionsOf(workflowId))
		.reverse()
		.map(({ mode, status }) => ({ mode, status }));
}

/**
 * A one-off workflow saved through REST: a manual trigger, then `nodes` one after the other
 * (version 1 unless given; Plivo Voice nodes the latest).
 */
async function chainWorkflow(name: string, nodes: ChainNode[]) {
	// Plivo Voice nodes in the version a node added now gets, as a user's workflow would have them.
	const latest = nodes.map((node) =>
		node.type === NODE_TYPE ? { typeVersion: LATEST_PLIVO_VOICE_VERSION, ...node } : node,
	);
	return await env.client.createWorkflow(manualChain(name, latest));
}

describe('the n8n under test', () => {
	// `npm run test:e2e:lazy`: the suite proves the setting the README suggests only if n8n has it.
	it.runIf(lazyAcquire())('runs with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', () => {
		const environment = readFileSync(`/proc/${env.instance.pid}/environ`, 'utf8').split('\0');
		expect(environment).toContain('N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true');
	});
});

describe('the package in n8n', () => {
	it('registers both versions of the Plivo Voice node with every operation of the source, and its tool variant', async () => {
		const nodeTypes = await env.client.nodeTypes();
		const versions = nodeTypes.filter((type) => type.name === NODE_TYPE);
		expect(versions.map((type) => type.version).sort()).toEqual([...PLIVO_VOICE_VERSIONS]);
		for (const node of versions) {
			expect(node).toMatchObject({
				displayName: 'Plivo Voice',
				credentials: [{ name: 'plivoVoiceApi', required: true }],
				iconUrl: {
					light: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoice/plivo.svg',
					dark: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoice/plivo.dark.svg',
				},
			});
		}
		const operations = (description: INodeTypeDescription) =>
			description.properties
				.filter((property) => property.name === 'operation')
				.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
				.map((option) => option.value)
				.sort();
		// n8n adds its "Custom API Call" to each resource's operations when the node's credential
		// authenticates generically, in both versions: workflows saved with version 1 may use it.
		const ours = plivoVoiceNode().description;
		const resourceCount = (
			ours.properties.find((property) => property.name === 'resource')!.options ?? []
		).length;
		for (const node of versions) {
			expect(operations(node)).toEqual(
				[...operations(ours), ...Array<string>(resourceCount).fill('__CUSTOM_API_CALL__')].sort(),
			);
		}
		expect(nodeTypes.map((type) => type.name)).toContain(`${NODE_TYPE}Tool`);
	});

	it('registers the Plivo Voice API credential for the node', async () => {
		const credential = (await env.client.credentialTypes()).find(
			(type) => type.name === 'plivoVoiceApi',
		);
		expect(credential).toMatchObject({
			displayName: 'Plivo Voice API',
			supportedNodes: [NODE_TYPE, 'n8n-nodes-plivo-voice.plivoVoiceTrigger'],
		});
		// n8n adds its allowed-domains restriction to every credential that authenticates generically.
		expect(credential!.properties.map((property) => property.name)).toEqual([
			...new PlivoVoiceApi().properties.map((property) => property.name),
			'allowedHttpRequestDomains',
			'allowedDomains',
		]);
	});

	it('serves the node icons, light and dark, from the package', async () => {
		for (const icon of ['plivo.svg', 'plivo.dark.svg']) {
			const response = await fetch(
				`${env.instance.url}/icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoice/${icon}`,
			);
			expect(response.status).toBe(200);
			expect(await response.text()).toContain('<svg');
		}
	});
});

describe('workflow activation in n8n (what a trigger example relies on)', () => {
	it("serves an active workflow's webhook, records its executions, and stops serving it once deactivated", async () => {
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
		const webhook = () =>
			fetch(`${env.instance.url}/webhook/${path}`, { method: 'POST', body: 'Event=StartApp' });

		expect((await env.client.activateWorkflow(workflow.id)).active).toBe(true);
		expect((await webhook()).status).toBe(200);
		await expect
			.poll(async () =>
				(await env.client.executionsOf(workflow.id)).map(({ mode, status }) => ({ mode, status })),
			)
			.toEqual([{ mode: 'webhook', status: 'success' }]);

		expect((await env.client.deactivateWorkflow(workflow.id)).active).toBe(false);
		expect((await webhook()).status).toBe(404);
	});
});

describe('the credential test in n8n', () => {
	const accountPath = () => `/v1/Account/${env.sandbox.account.authId}/`;

	it('passes against the sandbox', async () => {
		const result = await env.client.testCredential({
			...SANDBOX_CREDENTIAL,
			data: sandboxCredentialData(env.sandbox),
		});
		expect(result.status).toBe('OK');
		const { authId, authToken } = env.sandbox.account;
		expect(sandboxRequests()).toEqual([
			{
				method: 'GET',
				path: accountPath(),
				query: {},
				body: undefined,
				auth: { username: authId, password: authToken },
				status: 200,
			},
		]);
	});

	it('fails with a wrong Auth Token', async () => {
		const result = await env.client.testCredential({
			...SANDBOX_CREDENTIAL,
			data: { ...sandboxCredentialData(env.sandbox), authToken: 'not-the-token' },
		});
		expect(result).toEqual({ status: 'Error', message: refusedCredentialMessage() });
		const refused = {
			method: 'GET',
			path: accountPath(),
			query: {},
			body: undefined,
			auth: { username: env.sandbox.account.authId, password: 'not-the-token' },
			status: 401,
		};
		// n8n (1.123 and 2.x) sends a request answered 401 a second time, after its credentials'
		// pre-authentication step (n8n-core's httpRequestWithAuthentication).
		expect(sandboxRequests()).toEqual([refused, refused]);
	});
});

describe('operations whose base URL is not the Plivo account’s, in n8n', () => {
	it('lists live calls with details (v2) and sends call feedback (stats host), with the bases taken from the credential', async () => {
		const call = env.sandbox.state.calls.create({ from: '14155550100', to: '14155550111' });
		const credentials = {
			plivoVoiceApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name },
		};
		const workflow = await chainWorkflow('Other bases check', [
			{
				name: 'Live calls with details',
				type: NODE_TYPE,
				parameters: { resource: 'call', operation: 'getManyLiveV2', returnAll: true, filters: {} },
				credentials,
			},
			{
				name: 'Rate the call',
				type: NODE_TYPE,
				parameters: {
					resource: 'call',
					operation: 'sendFeedback',
					callUuid: '={{ $json.call_uuid }}',
					rating: 3,
					issues: ['ECHO'],
					notes: 'n8n e2e',
				},
				credentials,
			},
		]);
		const execution = await env.client.runWorkflow(workflow.id);
		expectSucceeded(execution, ['Start', 'Live calls with details', 'Rate the call']);
		expect(execution.output('Live calls with details')).toMatchObject([
			{ call_uuid: call.call_uuid, call_status: 'in-progress' },
		]);
		expect(execution.output('Rate the call')).toEqual([
			{ api_id: expect.any(String), message: 'Feedback has been posted', status: 'success' },
		]);
		const auth = plivoAuth();
		expect(sandboxRequests()).toEqual([
			{
				method: 'GET',
				path: `/v2/Account/${auth.username}/Call/`,
				query: { status: 'live', limit: '20', offset: '0' },
				body: undefined,
				auth,
				status: 200,
			},
			{
				method: 'POST',
				path: `/v1/Call/${call.call_uuid}/Feedback/`,
				query: {},
				body: { rating: 3, issues: ['ECHO'], notes: 'n8n e2e' },
				auth,
				status: 201,
			},
		]);
	});
});

describe('workflows saved with either version of Plivo Voice, in n8n', () => {
	it('starts an audio stream from the Call UUID as each version saves it', async () => {
		const call = env.sandbox.state.calls.create({ from: '14155550100', to: '14155550112' });
		const credentials = {
			plivoVoiceApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name },
		};
		const start = { resource: 'audioStream', operation: 'start', additionalFields: {} };
		const workflow = await chainWorkflow('Versions check', [
			{
				name: 'Version 1',
				type: NODE_TYPE,
				typeVersion: 1,
				parameters: { ...start, callUuid: call.call_uuid, serviceUrl: 'wss://example.com/one' },
				credentials,
			},
			{
				name: 'Version 2',
				type: NODE_TYPE,
				typeVersion: 2,
				parameters: {
					...start,
					streamCallUuid: call.call_uuid,
					serviceUrl: 'wss://example.com/two',
				},
				credentials,
			},
		]);
		const execution = await env.client.runWorkflow(workflow.id);
		expectSucceeded(execution, ['Start', 'Version 1', 'Version 2']);
		const requests = sandboxRequests();
		expect(requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual(
			['one', 'two'].map((service) => ({
				method: 'POST',
				path: `/v1/Account/${plivoAuth().username}/Call/${call.call_uuid}/Stream/`,
				body: { service_url: `wss://example.com/${service}` },
			})),
		);
	});
});

describe('Retry On Fail in n8n', () => {
	/** A workflow whose Plivo Voice node places a call, with n8n's Retry On Fail on (3 tries). */
	async function makeCallWithRetryOnFail(name: string, parameters: Record<string, unknown> = {}) {
		const makeCall = {
			name: 'Make call',
			type: NODE_TYPE,
			parameters: {
				resource: 'call',
				operation: 'create',
				from: '14155550100',
				to: '14155550101',
				answerUrl: 'https://example.com/answer',
				...parameters,
			},
			credentials: { plivoVoiceApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } },
			// The node's Settings: Retry On Fail, Max. Tries, Wait Between Tries (ms).
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 100,
		};
		return await chainWorkflow(name, [makeCall]);
	}

	const posts = () => env.sandbox.requests.filter((request) => request.method === 'POST');

	it('does not place the call again after a 500, and says so', async () => {
		env.sandbox.server.injectFault({ status: 500, method: 'POST', when: 'after' });
		const execution = await env.client.runWorkflow(
			(await makeCallWithRetryOnFail('Retry On Fail after a 500')).id,
		);
		expect(execution.status).toBe('error');
		expect(execution.nodeError('Make call')).toMatchObject({
			httpCode: '500',
			description: expect.stringMatching(
				/It was not sent again: Plivo may already have acted on it \(for example, placed the call\)\. Check the call logs/,
			),
		});
		expect(posts()).toHaveLength(1);
		expect(env.sandbox.state.calls.calls.size).toBe(1);
	});

	it('does not place the call again after a timeout', async () => {
		env.sandbox.server.latencyMs = 800;
		const workflow = await makeCallWithRetryOnFail('Retry On Fail after a timeout', {
			requestOptions: { timeout: 200 },
		});
		const execution = await env.client.runWorkflow(workflow.id);
		// Let the sandbox finish the call it got.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(execution.status).toBe('error');
		expect(execution.nodeError('Make call')).toMatchObject({
			message: 'The request to Plivo timed out',
			description: expect.stringMatching(/It was not sent again/),
		});
		expect(posts()).toHaveLength(1);
		expect(env.sandbox.state.calls.calls.size).toBe(1);
	});
});

describe('the SignalWire node in n8n', () => {
	const signalWireCredential = () => ({
		name: 'SignalWire sandbox',
		type: 'signalWireApi',
		data: {
			spaceUrl: env.signalWire.url,
			projectId: env.signalWire.project.projectId,
			apiToken: env.signalWire.project.apiToken,
		},
	});

	it('is registered, and its credential test passes against the sandbox and fails with a wrong token', async () => {
		expect(
			(await env.client.nodeTypes()).find((type) => type.name === SIGNALWIRE_TYPE),
		).toMatchObject({
			displayName: 'SignalWire',
			credentials: [{ name: 'signalWireApi', required: true }],
		});
		const saved = await env.client.createCredential(signalWireCredential());
		const test = async (apiToken: string) =>
			await env.client.testCredential({
				...signalWireCredential(),
				id: saved.id,
				data: { ...signalWireCredential().data, apiToken },
			});
		expect(await test(env.signalWire.project.apiToken)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(await test('not-the-token')).toEqual({
			status: 'Error',
			message: refusedCredentialMessage(),
		});
		const { projectId, apiToken } = env.signalWire.project;
		const listOne = {
			method: 'GET',
			path: `/api/laml/2010-04-01/Accounts/${projectId}/Conferences.json`,
			query: { PageSize: '1' },
			body: undefined,
		};
		expect(sandboxRequests(env.signalWire)).toEqual([
			{ ...listOne, auth: { username: projectId, password: apiToken }, status: 200 },
			...Array(2).fill({
				...listOne,
				auth: { username: projectId, password: 'not-the-token' },
				status: 401,
			}),
		]);
	});

	it('lists a conference’s participants and mutes one, in a workflow', async () => {
		const room = env.signalWire.state.conferences.create({
			friendlyName: 'Support Room',
			participants: 2,
		});
		const saved = await env.client.createCredential(signalWireCredential());
		const credentials = { signalWireApi: { id: saved.id, name: saved.name } };
		const workflow = await chainWorkflow('SignalWire check', [
			{
				name: 'List participants',
				type: SIGNALWIRE_TYPE,
				parameters: {
					resource: 'conferenceParticipant',
					operation: 'getMany',
					conferenceSid: room.sid,
					returnAll: true,
					filters: {},
				},
				credentials,
			},
			{ name: 'Keep the first', type: 'n8n-nodes-base.limit', parameters: { maxItems: 1 } },
			{
				name: 'Mute',
				type: SIGNALWIRE_TYPE,
				parameters: {
					resource: 'conferenceParticipant',
					operation: 'update',
					conferenceSid: room.sid,
					callSid: '={{ $json.call_sid }}',
					updateFields: { muted: true },
				},
				credentials,
			},
		]);
		env.signalWire.server.reset();
		const execution = await env.client.runWorkflow(workflow.id);
		expectSucceeded(execution, ['Start', 'List participants', 'Keep the first', 'Mute']);
		const listed = execution.output('List participants');
		expect(listed.map((participant) => participant.call_sid).sort()).toEqual(
			[...room.participants.keys()].sort(),
		);
		const muted = String(listed[0].call_sid);
		expect(execution.output('Mute')).toMatchObject([
			{ call_sid: muted, conference_sid: room.sid, muted: true },
		]);
		expect(room.participants.get(muted)?.muted).toBe(true);

		const { projectId, apiToken } = env.signalWire.project;
		const auth = { username: projectId, password: apiToken };
		const conference = `/api/laml/2010-04-01/Accounts/${projectId}/Conferences/${room.sid}`;
		expect(sandboxRequests(env.signalWire)).toEqual([
			{
				method: 'GET',
				path: `${conference}/Participants.json`,
				query: { PageSize: '1000' },
				body: undefined,
				auth,
				status: 200,
			},
			{
				method: 'POST',
				path: `${conference}/Participants/${muted}.json`,
				query: {},
				body: { Muted: 'true' },
				auth,
				status: 200,
			},
		]);
	});
});

describe('the example workflows in n8n', () => {
	it('has an end-to-end test for every example', () => {
		expect(loadExamples().map((example) => example.file)).toEqual(
			Object.values(EXAMPLE_TESTS).sort(),
		);
	});

	it('imports every example, with only node types and versions this n8n knows', async () => {
		const known = new Set(
			(await env.client.nodeTypes()).flatMap((type) =>
				(Array.isArray(type.version) ? type.version : [type.version]).map(
					(version) => `${type.name}@${version}`,
				),
			),
		);
		for (const { file, workflow } of loadExamples()) {
			const imported = await env.client.getWorkflow(workflow.id);
			expect(imported.name, file).toBe(workflow.name);
			expect(
				imported.nodes.map((node) => node.name),
				file,
			).toEqual(workflow.nodes.map((node) => node.name));
			for (const node of workflow.nodes)
				expect(known, `${file}: ${node.name}`).toContain(`${node.type}@${node.typeVersion}`);
		}
	});

	it(`${EXAMPLE_TESTS.makeCallAndGetCdr} makes a call, hangs it up and gets its CDR`, async () => {
		const workflow = exampleWorkflow(EXAMPLE_TESTS.makeCallAndGetCdr);
		const execution = await env.client.runWorkflow(workflow.id);
		expectSucceeded(execution, [
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
		expect(made).toEqual([
			{ api_id: expect.any(String), message: 'call fired', request_uuid: expect.any(String) },
		]);
		const requestUuid = made[0].request_uuid as string;
		const found = execution.output('Keep the call just made');
		expect(found).toMatchObject([
			{ request_uuid: requestUuid, to: '14155550199', call_status: 'in-progress' },
		]);
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
			{
				method: 'DELETE',
				path: `/v1/Account/${authId}/Call/${callUuid}/`,
				query: {},
				body: undefined,
				auth,
				status: 204,
			},
			{
				method: 'GET',
				path: `/v1/Account/${authId}/Call/${callUuid}/`,
				query: {},
				body: undefined,
				auth,
				status: 200,
			},
		]);
	});

	it(`${EXAMPLE_TESTS.ivr}, activated, registers its application, answers an inbound call with the menu and the key pressed with its branch`, async () => {
		const workflow = exampleWorkflow(EXAMPLE_TESTS.ivr);
		const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE)!;
		const webhookUrl = `${env.instance.url}/webhook/${String(trigger.webhookId)}/webhook`;
		const auth = plivoAuth();
		const applications = `/v1/Account/${auth.username}/Application/`;

		// n8n imports workflows inactive; activating registers the trigger's webhook, and the
		// trigger creates its application.
		expect((await env.client.activateWorkflow(workflow.id)).active).toBe(true);
		const [application, ...others] = env.sandbox.state.applications.applications.values();
		expect(others).toEqual([]);
		expect(application).toMatchObject({
			app_name: 'n8n-example-ivr',
			answer_url: webhookUrl,
			answer_method: 'POST',
			hangup_url: webhookUrl,
			hangup_method: 'POST',
			fallback_answer_url: '',
		});
		const registration = {
			app_name: 'n8n-example-ivr',
			answer_url: webhookUrl,
			answer_method: 'POST',
			hangup_url: webhookUrl,
			hangup_method: 'POST',
		};
		expect(sandboxRequests()).toEqual([
			// Before creating, the trigger looks for an application it may have created already (a
			// create whose answer was lost).
			{
				method: 'GET',
				path: applications,
				query: { limit: '20', offset: '0' },
				body: undefined,
				auth,
				status: 200,
			},
			{ method: 'POST', path: applications, query: {}, body: registration, auth, status: 201 },
			{
				method: 'GET',
				path: `${applications}${application.app_id}/`,
				query: {},
				body: undefined,
				auth,
				status: 200,
			},
		]);

		// A call comes in: the sandbox fetches the answer URL, signed; the workflow answers with the menu.
		const call = env.sandbox.receiveInboundCall({
			from: '14155550123',
			to: '14155550100',
			appId: application.app_id,
		});
		await env.sandbox.state.callbacks.idle();
		// No XML is written in the workflow: its Plivo XML nodes build it.
		const menu = await plivoXmlOf(workflow, 'Menu', { webhookUrl });
		expect(menu).toContain(`<GetDigits action="${webhookUrl}?plivoEvent=input" method="POST"`);
		const answered = { method: 'POST', status: 200, contentType: 'application/xml; charset=utf-8' };
		expect(call.xmlFetches).toEqual([
			{ kind: 'answer', url: webhookUrl, ...answered, body: menu, xml: menu },
		]);
		await expect
			.poll(() => executionSummary(workflow.id))
			.toEqual([{ mode: 'webhook', status: 'success' }]);

		// The caller presses 1: the sandbox sends it, signed, to the menu's action URL; the workflow
		// takes the Sales branch, whose XML the sandbox runs.
		const pressed = await env.sandbox.enterDigits(call.call_uuid, '1');
		const sales = await plivoXmlOf(workflow, 'Sales');
		expect(pressed).toEqual({
			kind: 'input',
			url: `${webhookUrl}?plivoEvent=input`,
			...answered,
			body: sales,
			xml: sales,
		});
		await expect
			.poll(() => executionSummary(workflow.id))
			.toEqual([
				{ mode: 'webhook', status: 'success' },
				{ mode: 'webhook', status: 'success' },
			]);
		const [latest] = await env.client.executionsOf(workflow.id);
		const execution = await env.client.waitForExecution(latest.id);
		expect(execution.nodesRun).toEqual(['Plivo Voice Trigger', 'Route the call', 'Sales']);
		// Sales connects the caller: the sandbox dialled the sales number on the call.
		expect(call.xmlPlayed?.map((element) => element.element)).toEqual([
			'GetDigits',
			'Speak',
			'Dial',
		]);
		expect(
			[...env.sandbox.state.calls.calls.values()]
				.filter((leg) => leg.parent_call_uuid === call.call_uuid)
				.map((leg) => leg.to),
		).toEqual(['14155550101']);
		// Output per Event: keys pressed leave the trigger by its second output, Input Received.
		expect(execution.items('Plivo Voice Trigger', 0)).toEqual([]);
		expect(execution.items('Plivo Voice Trigger', 1).map((item) => item.json)).toEqual([
			{
				event: 'input',
				plivoEvent: 'input',
				From: '14155550123',
				To: '14155550100',
				CallUUID: call.call_uuid,
				Direction: 'inbound',
				CallStatus: 'in-progress',
				SessionStart: expect.any(String),
				STIRAttestation: 'Not Applicable',
				Digits: '1',
				webhookUrl,
			},
		]);

		// A callback Plivo did not sign (here, signed with another token) is refused and runs nothing.
		const params = {
			From: '14155550123',
			To: '14155550100',
			CallUUID: call.call_uuid,
			Digits: '2',
		};
		const nonce = 'forged-nonce';
		const forged = await fetch(`${webhookUrl}?plivoEvent=input`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-Plivo-Signature-V3': signV3(
					'not-the-auth-token',
					'POST',
					`${webhookUrl}?plivoEvent=input`,
					params,
					nonce,
				),
				'X-Plivo-Signature-V3-Nonce': nonce,
			},
			body: new URLSearchParams(params).toString(),
		});
		expect(forged.status).toBe(403);
		expect(await executionSummary(workflow.id)).toHaveLength(2);

		// Deactivating removes the webhook, and the trigger deletes its application.
		env.sandbox.server.reset();
		expect((await env.client.deactivateWorkflow(workflow.id)).active).toBe(false);
		expect(env.sandbox.state.applications.applications.size).toBe(0);
		expect(sandboxRequests()).toEqual([
			// The application is deleted only while it still sends its calls to this trigger.
			{
				method: 'GET',
				path: `${applications}${application.app_id}/`,
				query: {},
				body: undefined,
				auth,
				status: 200,
			},
			{
				method: 'DELETE',
				path: `${applications}${application.app_id}/`,
				query: { cascade: 'false' },
				body: undefined,
				auth,
				status: 204,
			},
		]);
		expect((await fetch(webhookUrl, { method: 'POST' })).status).toBe(404);
	});

	it(`${EXAMPLE_TESTS.voicemail}, activated, answers a call, records a message and downloads its audio as a file`, async () => {
		const workflow = exampleWorkflow(EXAMPLE_TESTS.voicemail);
		const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE)!;
		const webhookUrl = `${env.instance.url}/webhook/${String(trigger.webhookId)}/webhook`;
		expect((await env.client.activateWorkflow(workflow.id)).active).toBe(true);
		const [application] = env.sandbox.state.applications.applications.values();
		expect(application).toMatchObject({
			app_name: 'n8n-example-voicemail',
			answer_url: webhookUrl,
			hangup_url: webhookUrl,
		});

		// A call comes in: the workflow answers with the greeting and a Record whose callback is the trigger.
		const call = env.sandbox.receiveInboundCall({
			from: '14155550123',
			to: '14155550100',
			appId: application.app_id,
		});
		await env.sandbox.state.callbacks.idle();
		const greeting = await plivoXmlOf(workflow, 'Greeting and recording', { webhookUrl });
		expect(greeting).toMatch(new RegExp(`<Record [^>]*callbackUrl="${webhookUrl}"`));
		expect(call.xmlFetches).toMatchObject([{ kind: 'answer', status: 200, xml: greeting }]);
		expect(call.xmlPlayed?.map((element) => element.element)).toEqual(['Speak', 'Record']);

		// The caller leaves a 5-second message: the recording is kept, its callback starts the
		// workflow again, and the call goes on to the goodbye and hangs up.
		await env.sandbox.finishRecording(call.call_uuid, 5);
		await env.sandbox.state.callbacks.idle();
		expect(call.status).toBe('completed');
		expect(call.hangup_source).toBe('Answer XML');
		const [recording] = env.sandbox.state.recordings.items;
		expect(recording).toMatchObject({
			call_uuid: call.call_uuid,
			recording_format: 'wav',
			recording_duration_ms: 5000,
		});
		await expect
			.poll(() => executionSummary(workflow.id))
			.toEqual([
				{ mode: 'webhook', status: 'success' },
				{ mode: 'webhook', status: 'success' },
			]);
		const [latest] = await env.client.executionsOf(workflow.id);
		const execution = await env.client.waitForExecution(latest.id);
		expectSucceeded(execution, ['Plivo Voice Trigger', 'Download the message']);
		// Recording Ready is the trigger's second output.
		expect(execution.items('Plivo Voice Trigger', 1)).toMatchObject([
			{
				json: {
					event: 'recordingReady',
					RecordUrl: recording.recording_url,
					RecordingID: recording.recording_id,
					RecordingDuration: '5',
				},
			},
		]);
		const fileName = `${recording.recording_id}.wav`;
		const [downloaded] = execution.items('Download the message');
		expect(downloaded.json).toEqual({
			recording_url: recording.recording_url,
			file_name: fileName,
			mime_type: 'audio/wav',
		});
		// 5 s of 8 kHz 16-bit mono PCM and its 44-byte header, in n8n's binary data.
		expect(downloaded.binary?.data).toMatchObject({
			fileName,
			mimeType: 'audio/wav',
			fileExtension: 'wav',
			fileType: 'audio',
		});
		// The audio came from the media host, without the account's credential.
		expect(
			env.sandbox.media.requests.map(({ method, path, headers }) => ({
				method,
				path,
				authorization: headers.authorization,
			})),
		).toEqual([
			{
				method: 'GET',
				path: `/v1/Account/${env.sandbox.account.authId}/Recording/${fileName}`,
				authorization: undefined,
			},
		]);
		expect((await env.client.deactivateWorkflow(workflow.id)).active).toBe(false);
	});

	it(`${EXAMPLE_TESTS.multipartyCall} adds an agent and a customer, records, mutes the customer, ends the MPC and gets the recording`, async () => {
		const workflow = exampleWorkflow(EXAMPLE_TESTS.multipartyCall);
		const execution = await env.client.runWorkflow(workflow.id);
		expectSucceeded(execution, [
			'When clicking ‘Execute workflow’',
			'MPC details',
			'Add the agent',
			'Add the customer',
			'Record the MPC',
			'List the participants',
			'Keep the customer',
			'Mute the customer',
			'End the MPC',
			'Get the recording',
		]);

		const auth = plivoAuth();
		const mpcPath = `/v1/Account/${auth.username}/MultiPartyCall/name_support_example/`;
		const [agentCall] = execution.output('Add the agent')[0].calls as Array<{ call_uuid: string }>;
		const [customerCall] = execution.output('Add the customer')[0].calls as Array<{
			call_uuid: string;
		}>;
		const participants = execution.output('List the participants');
		expect(participants.map(({ role, call_uuid }) => ({ role, call_uuid }))).toEqual(
			expect.arrayContaining([
				{ role: 'agent', call_uuid: agentCall.call_uuid },
				{ role: 'customer', call_uuid: customerCall.call_uuid },
			]),
		);
		expect(participants).toHaveLength(2);
		const customer = execution.output('Keep the customer');
		expect(customer).toMatchObject([{ role: 'customer', call_uuid: customerCall.call_uuid }]);
		const recordingId = execution.output('Record the MPC')[0].recording_id as string;
		expect(execution.output('Get the recording')).toMatchObject([
			{ recording_id: recordingId, recording_type: 'mpc', recording_format: 'mp3' },
		]);

		expect(sandboxRequests()).toEqual([
			{
				method: 'POST',
				path: `${mpcPath}Participant/`,
				query: {},
				body: { role: 'Agent', from: '14155550100', to: '14155550101' },
				auth,
				status: 200,
			},
			{
				method: 'POST',
				path: `${mpcPath}Participant/`,
				query: {},
				body: { role: 'Customer', from: '14155550100', to: '14155550199' },
				auth,
				status: 200,
			},
			// Without Additional Fields the node sends no body, which the sandbox (like Plivo) takes.
			{ method: 'POST', path: `${mpcPath}Record/`, query: {}, body: undefined, auth, status: 200 },
			{
				method: 'GET',
				path: `${mpcPath}Participant/`,
				query: { limit: '20', offset: '0' },
				body: undefined,
				auth,
				status: 200,
			},
			{
				method: 'POST',
				path: `${mpcPath}Participant/${String(customer[0].member_id)}/`,
				query: {},
				body: { mute: true },
				auth,
				status: 200,
			},
			{ method: 'DELETE', path: mpcPath, query: {}, body: undefined, auth, status: 204 },
			{
				method: 'GET',
				path: `/v1/Account/${auth.username}/Recording/${recordingId}/`,
				query: {},
				body: undefined,
				auth,
				status: 200,
			},
		]);
		const [mpc] = env.sandbox.state.mpcs.mpcs;
		expect(mpc).toMatchObject({ friendly_name: 'support_example', status: 'Ended' });
	});

	it(`${EXAMPLE_TESTS.verifyCallerId} sends a code, waits for it on a form, verifies the number and gets it`, async () => {
		const workflow = exampleWorkflow(EXAMPLE_TESTS.verifyCallerId);
		const executionId = await env.client.startWorkflow(workflow.id);
		// The workflow waits on its form; the code is what the number's owner would read on the phone.
		const waiting = await env.client.waitForExecution(executionId, { orWaiting: true });
		expect(waiting.status).toBe('waiting');
		const sent = waiting.output('Send a code');
		expect(sent).toEqual([
			{
				api_id: expect.any(String),
				message: 'Verification code is sent to number +14155550142 which is valid for 15 minutes',
				verification_uuid: expect.any(String),
			},
		]);
		const verificationUuid = sent[0].verification_uuid as string;
		const code = env.sandbox.state.verifiedCallerIds.otpFor(verificationUuid);
		expect(await env.client.submitWaitingForm(executionId, [code])).toBe(200);

		const execution = await env.client.waitForExecution(executionId);
		expectSucceeded(execution, [
			'When clicking ‘Execute workflow’',
			'Number to verify',
			'Send a code',
			'Enter the code',
			'Verify the number',
			'Get the verified number',
		]);
		expect(execution.output('Enter the code')).toMatchObject([{ Code: code }]);
		expect(execution.output('Get the verified number')).toEqual([
			{
				api_id: expect.any(String),
				alias: 'Support line',
				country: 'US',
				created_at: expect.any(String),
				modified_at: expect.any(String),
				phone_number: '+14155550142',
				subaccount: '',
				verification_uuid: verificationUuid,
			},
		]);

		const auth = plivoAuth();
		const base = `/v1/Account/${auth.username}/VerifiedCallerId`;
		expect(sandboxRequests()).toEqual([
			{
				method: 'POST',
				path: `${base}/`,
				query: {},
				body: { phone_number: '+14155550142', alias: 'Support line', channel: 'sms' },
				auth,
				status: 200,
			},
			{
				method: 'POST',
				path: `${base}/Verification/${verificationUuid}/`,
				query: {},
				body: { otp: code },
				auth,
				status: 200,
			},
			{ method: 'GET', path: `${base}/14155550142`, query: {}, body: undefined, auth, status: 200 },
		]);
	});
});
