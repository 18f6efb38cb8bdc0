/**
 * Registration with a Plivo Application on activation, through n8n-core's HookContext against
 * the sandbox: the exact requests sent, the application's state, and the workflow's static data.
 */
import type { INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { useSandbox } from '../harness/useSandbox';
import { accountPath, basicAuthHeader } from '../harness/plivo';
import { startPlivoVoiceTrigger } from '../harness/trigger';
import type { TriggerHarness } from '../harness/webhook';
import { runListSearch } from '../harness/n8n';
import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials';
import { PlivoVoiceTrigger } from '../../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import type { RecordedRequest } from '../sandbox/core';
import { PlivoSandbox } from '../sandbox/plivo';

let sandbox: PlivoSandbox;
let trigger: TriggerHarness;
let applicationsPath: string;

useSandbox(PlivoSandbox.start, (started) => {
	sandbox = started;
	applicationsPath = `${accountPath(sandbox)}/Application/`;
});

afterEach(async () => {
	await trigger?.close();
});

async function start(parameters: INodeParameters) {
	trigger = await startPlivoVoiceTrigger(sandbox, parameters);
	sandbox.server.clearRequests();
	return trigger;
}

function summary(request: RecordedRequest) {
	expect(request.headers.authorization).toBe(basicAuthHeader(sandbox));
	return { method: request.method, path: request.path, query: request.query, body: request.body };
}

function requests() {
	const sent = sandbox.requests.map(summary);
	sandbox.server.clearRequests();
	return sent;
}

describe('create a new application', () => {
	it('creates it on activation, finds it while active, deletes it on deactivation', async () => {
		await start({ events: ['answer', 'hangup'], registration: 'create', applicationName: 'support_line-1' });
		const url = trigger.webhookUrl;

		expect(await trigger.runHook('checkExists')).toBe(false);
		expect(requests()).toEqual([]);
		expect(await trigger.runHook('create')).toBe(true);
		const [application] = sandbox.state.applications.applications.values();
		expect(requests()).toEqual([
			{
				method: 'POST',
				path: applicationsPath,
				query: {},
				body: { app_name: 'support_line-1', answer_url: url, answer_method: 'POST', hangup_url: url, hangup_method: 'POST' },
			},
		]);
		expect(trigger.staticData).toEqual({ registration: { appId: application.app_id, created: true } });

		expect(await trigger.runHook('checkExists')).toBe(true);
		expect(requests()).toEqual([{ method: 'GET', path: `${applicationsPath}${application.app_id}/`, query: {}, body: undefined }]);

		expect(await trigger.runHook('delete')).toBe(true);
		expect(requests()).toEqual([
			{ method: 'DELETE', path: `${applicationsPath}${application.app_id}/`, query: { cascade: 'false' }, body: undefined },
		]);
		expect(sandbox.state.applications.applications.size).toBe(0);
		expect(trigger.staticData).toEqual({});
		expect(await trigger.runHook('checkExists')).toBe(false);
	});

	it('registers once although n8n runs the methods for POST and GET alike', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		expect(sandbox.state.applications.applications.size).toBe(1);
		expect(requests().map(({ method }) => method)).toEqual(['POST', 'GET']);
		await trigger.deactivate();
		expect(requests().map(({ method }) => method)).toEqual(['DELETE']);
		expect(sandbox.state.applications.applications.size).toBe(0);
	});

	it('points the fallback URL at the trigger, marked, when the fallback event is selected', async () => {
		await start({ events: ['answer', 'fallback'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		const [application] = sandbox.state.applications.applications.values();
		expect(application).toMatchObject({
			answer_url: trigger.webhookUrl,
			fallback_answer_url: `${trigger.webhookUrl}?plivoEvent=fallback`,
			fallback_method: 'POST',
		});
	});

	it('finds its application changed and puts its URLs back, without creating another', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		const [application] = sandbox.state.applications.applications.values();
		application.answer_url = 'https://example.com/edited-in-the-console';
		sandbox.server.clearRequests();
		await trigger.activate();
		expect(requests()).toEqual([
			{ method: 'GET', path: `${applicationsPath}${application.app_id}/`, query: {}, body: undefined },
			{
				method: 'POST',
				path: `${applicationsPath}${application.app_id}/`,
				query: {},
				body: { answer_url: trigger.webhookUrl, answer_method: 'POST', hangup_url: trigger.webhookUrl, hangup_method: 'POST' },
			},
			{ method: 'GET', path: `${applicationsPath}${application.app_id}/`, query: {}, body: undefined },
		]);
		expect(sandbox.state.applications.applications.size).toBe(1);
		expect(application.answer_url).toBe(trigger.webhookUrl);
	});

	it('creates a new one when its application was deleted in the meantime', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		sandbox.state.applications.reset();
		await trigger.activate();
		const [application] = sandbox.state.applications.applications.values();
		expect(application.answer_url).toBe(trigger.webhookUrl);
		expect(trigger.staticData).toEqual({ registration: { appId: application.app_id, created: true } });
	});

	it('registers the test URL while the editor listens for a test event', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate({ test: true });
		const [application] = sandbox.state.applications.applications.values();
		expect(application).toMatchObject({ answer_url: trigger.testWebhookUrl, hangup_url: trigger.testWebhookUrl });
		await trigger.deactivate({ test: true });
		expect(sandbox.state.applications.applications.size).toBe(0);
	});

	it('registers the public URL from the options, with the endpoint n8n serves', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		// The public URL ends with the node's own path, as n8n shows it.
		const ownPublicUrl = `https://n8n.example.com/webhook/${trigger.node.webhookId}/webhook`;
		trigger.setParameters({ events: ['answer'], registration: 'create', applicationName: 'n8n', options: { publicUrl: ownPublicUrl } });
		await trigger.activate({ test: true });
		const [application] = sandbox.state.applications.applications.values();
		expect(application.answer_url).toBe(ownPublicUrl.replace('/webhook/', '/webhook-test/'));
		await trigger.deactivate({ test: true });
		await trigger.activate();
		expect([...sandbox.state.applications.applications.values()][0].answer_url).toBe(ownPublicUrl);
	});

	it('registers a proxy’s URL exactly as written, in production and on a test run', async () => {
		for (const publicUrl of ['https://calls.example.net/n8n-hooks/webhook', 'https://calls.example.net/plivo', 'https://calls.example.net/webhook/webhook']) {
			await start({ events: ['answer'], registration: 'create', applicationName: 'n8n', options: { publicUrl } });
			await trigger.activate();
			expect([...sandbox.state.applications.applications.values()][0], publicUrl).toMatchObject({ answer_url: publicUrl, hangup_url: publicUrl });
			await trigger.deactivate();
			await trigger.activate({ test: true });
			expect([...sandbox.state.applications.applications.values()][0], publicUrl).toMatchObject({ answer_url: publicUrl, hangup_url: publicUrl });
			await trigger.deactivate({ test: true });
			expect(sandbox.state.applications.applications.size).toBe(0);
			await trigger.close();
		}
	});

	it('refuses an application name Plivo would refuse, before sending anything', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'my app!' });
		await expect(trigger.runHook('create')).rejects.toThrow(
			'‘my app!’ cannot be the ‘Application Name’: Plivo accepts only letters, digits, hyphens (-) and underscores (_).',
		);
		expect(sandbox.requests).toEqual([]);
	});

	it('reports Plivo’s own error, with its status', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		sandbox.server.injectFault({ status: 401, body: { api_id: 'a1', error: 'Authentication failed' } });
		await expect(trigger.runHook('create')).rejects.toMatchObject({ message: 'Authentication failed', httpCode: '401' });
		expect(trigger.staticData).toEqual({});
	});
});

describe('attach to an existing application', () => {
	const before = {
		app_name: 'sales',
		answer_url: 'https://example.com/answer',
		answer_method: 'GET' as const,
		hangup_url: 'https://example.com/hangup',
		hangup_method: 'GET' as const,
		fallback_answer_url: 'https://example.com/fallback',
		fallback_method: 'GET' as const,
		message_url: 'https://example.com/sms',
	};

	function attach(events: string[], appId: string) {
		return start({ events, registration: 'existing', application: { __rl: true, mode: 'list', value: appId } });
	}

	it('points the application at the trigger, keeps its URLs and puts them back on deactivation', async () => {
		const application = sandbox.state.applications.add({ ...before });
		await attach(['answer', 'hangup'], application.app_id);
		const url = trigger.webhookUrl;

		expect(await trigger.runHook('checkExists')).toBe(false);
		expect(requests()).toEqual([]);
		expect(await trigger.runHook('create')).toBe(true);
		expect(requests()).toEqual([
			{ method: 'GET', path: `${applicationsPath}${application.app_id}/`, query: {}, body: undefined },
			{
				method: 'POST',
				path: `${applicationsPath}${application.app_id}/`,
				query: {},
				body: { answer_url: url, answer_method: 'POST', hangup_url: url, hangup_method: 'POST' },
			},
		]);
		expect(application).toMatchObject({ answer_url: url, answer_method: 'POST', hangup_url: url, hangup_method: 'POST', fallback_answer_url: before.fallback_answer_url });
		expect(trigger.staticData).toEqual({
			registration: {
				appId: application.app_id,
				created: false,
				previousUrls: { answer_url: before.answer_url, answer_method: 'GET', hangup_url: before.hangup_url, hangup_method: 'GET' },
			},
		});
		expect(await trigger.runHook('checkExists')).toBe(true);

		await trigger.deactivate();
		expect(application).toMatchObject(before);
		expect(sandbox.state.applications.applications.size).toBe(1);
		expect(trigger.staticData).toEqual({});
		expect(await trigger.runHook('checkExists')).toBe(false);
	});

	it('takes over the fallback URL only when the fallback event is selected, and gives it back', async () => {
		const application = sandbox.state.applications.add({ ...before, fallback_answer_url: '' });
		await attach(['answer', 'fallback'], application.app_id);
		await trigger.activate();
		expect(application.fallback_answer_url).toBe(`${trigger.webhookUrl}?plivoEvent=fallback`);
		await trigger.deactivate();
		expect(application).toMatchObject({ ...before, fallback_answer_url: '' });
	});

	it('keeps the first URLs when activated again after its URLs were changed', async () => {
		const application = sandbox.state.applications.add({ ...before });
		await attach(['answer'], application.app_id);
		await trigger.activate();
		application.hangup_url = 'https://example.com/edited';
		await trigger.activate();
		expect(application.hangup_url).toBe(trigger.webhookUrl);
		await trigger.deactivate();
		expect(application).toMatchObject(before);
	});

	it('puts the previous application back when another one is chosen', async () => {
		const first = sandbox.state.applications.add({ ...before });
		const second = sandbox.state.applications.add({ ...before, app_name: 'support' });
		await attach(['answer'], first.app_id);
		await trigger.activate();
		trigger.setParameters({ events: ['answer'], registration: 'existing', application: { __rl: true, mode: 'id', value: second.app_id } });
		expect(await trigger.runHook('checkExists')).toBe(false);
		await trigger.runHook('create');
		expect(first).toMatchObject(before);
		expect(second.answer_url).toBe(trigger.webhookUrl);
	});

	it('puts an attached application back when the node is switched to creating one', async () => {
		const application = sandbox.state.applications.add({ ...before });
		await attach(['answer'], application.app_id);
		await trigger.activate();
		trigger.setParameters({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		expect(application).toMatchObject(before);
		const created = [...sandbox.state.applications.applications.values()].find((app) => app.app_name === 'n8n')!;
		expect(created.answer_url).toBe(trigger.webhookUrl);
		expect(trigger.staticData).toEqual({ registration: { appId: created.app_id, created: true } });
	});

	it('says so when the application does not exist', async () => {
		await attach(['answer'], '12345');
		await expect(trigger.runHook('create')).rejects.toThrow('Plivo has no application with the ID ‘12345’. Choose another one in ‘Application’.');
	});

	it('lists the applications to choose from, filtered by name', async () => {
		for (const name of ['sales', 'support', 'sales-eu']) sandbox.state.applications.add({ app_name: name, answer_url: 'https://example.com/a' });
		const apps = [...sandbox.state.applications.applications.values()];
		const search = (filter?: string) =>
			runListSearch({
				nodeType: new PlivoVoiceTrigger(),
				credentialType: new PlivoVoiceApi(),
				credentials: { authId: sandbox.account.authId, authToken: sandbox.account.authToken, baseUrl: sandbox.url },
				method: 'searchApplications',
				filter,
			});
		sandbox.server.clearRequests();
		expect(await search()).toEqual({ results: apps.map((app) => ({ name: app.app_name, value: app.app_id })), paginationToken: undefined });
		expect(requests()).toEqual([{ method: 'GET', path: applicationsPath, query: { limit: '20', offset: '0' }, body: undefined }]);
		expect((await search('SALES')).results.map((result) => result.name)).toEqual(['sales', 'sales-eu']);
	});
});

describe('no registration', () => {
	it('sends nothing to Plivo on activation or deactivation', async () => {
		await start({ events: ['answer'], registration: 'none' });
		expect(await trigger.runHook('checkExists')).toBe(true);
		await trigger.activate();
		await trigger.deactivate();
		expect(sandbox.requests).toEqual([]);
	});
});
