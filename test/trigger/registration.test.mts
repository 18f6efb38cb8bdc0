/**
 * Registration with a Plivo Application on activation, through n8n-core's HookContext against
 * the sandbox: the exact requests sent, the application's state, and the workflow's static data.
 */
import type { INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { useSandbox } from '../harness/useSandbox.mts';
import { accountPath, basicAuthHeader } from '../harness/plivo.mts';
import { startPlivoVoiceTrigger } from '../harness/trigger.mts';
import type { TriggerHarness } from '../harness/webhook.mts';
import { runListSearch } from '../harness/n8n.mts';
import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials.js';
import { PlivoVoiceTrigger } from '../../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import type { RecordedRequest } from '../sandbox/core.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

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

/** The application listing, first page, as the trigger reads it to find one by name. */
function listRequest() {
	return {
		method: 'GET',
		path: applicationsPath,
		query: { limit: '20', offset: '0' },
		body: undefined,
	};
}

/** A request to one application: read (GET), update (POST) or delete. */
function applicationRequest(
	method: 'GET' | 'POST' | 'DELETE',
	appId: string,
	body?: Record<string, string>,
	query: Record<string, string> = {},
) {
	return { method, path: `${applicationsPath}${appId}/`, query, body };
}

/** The answer and hangup URLs of an application that sends its calls to the trigger at `url`. */
function triggerUrls(url: string) {
	return { answer_url: url, answer_method: 'POST', hangup_url: url, hangup_method: 'POST' };
}

function requests() {
	const sent = sandbox.requests.map(summary);
	sandbox.server.clearRequests();
	return sent;
}

describe('create a new application', () => {
	it('creates it on activation, finds it while active, deletes it on deactivation', async () => {
		await start({
			events: ['answer', 'hangup'],
			registration: 'create',
			applicationName: 'support_line-1',
		});
		const url = trigger.webhookUrl;

		expect(await trigger.runHook('checkExists')).toBe(false);
		expect(requests()).toEqual([]);
		expect(await trigger.runHook('create')).toBe(true);
		const [application] = sandbox.state.applications.applications.values();
		const urls = triggerUrls(url);
		expect(requests()).toEqual([
			// An application it created earlier, whose answer got lost, would be found here.
			listRequest(),
			{
				method: 'POST',
				path: applicationsPath,
				query: {},
				body: { app_name: 'support_line-1', ...urls },
			},
		]);
		expect(trigger.staticData).toEqual({
			registration: { appId: application.app_id, created: true, urls },
		});

		expect(await trigger.runHook('checkExists')).toBe(true);
		expect(requests()).toEqual([applicationRequest('GET', application.app_id)]);

		expect(await trigger.runHook('delete')).toBe(true);
		expect(requests()).toEqual([
			applicationRequest('GET', application.app_id),
			applicationRequest('DELETE', application.app_id, undefined, { cascade: 'false' }),
		]);
		expect(sandbox.state.applications.applications.size).toBe(0);
		expect(trigger.staticData).toEqual({});
		expect(await trigger.runHook('checkExists')).toBe(false);
	});

	it('registers once although n8n runs the methods for POST and GET alike', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		expect(sandbox.state.applications.applications.size).toBe(1);
		expect(requests().map(({ method }) => method)).toEqual(['GET', 'POST', 'GET']);
		await trigger.deactivate();
		expect(requests().map(({ method }) => method)).toEqual(['GET', 'DELETE']);
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
			applicationRequest('GET', application.app_id),
			applicationRequest('POST', application.app_id, triggerUrls(trigger.webhookUrl)),
			applicationRequest('GET', application.app_id),
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
		expect(trigger.staticData).toEqual({
			registration: {
				appId: application.app_id,
				created: true,
				urls: expect.objectContaining({ answer_url: trigger.webhookUrl }),
			},
		});
	});

	it('registers the test URL while the editor listens for a test event', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate({ test: true });
		const [application] = sandbox.state.applications.applications.values();
		expect(application).toMatchObject({
			answer_url: trigger.testWebhookUrl,
			hangup_url: trigger.testWebhookUrl,
		});
		await trigger.deactivate({ test: true });
		expect(sandbox.state.applications.applications.size).toBe(0);
	});

	it('registers the public URL from the options, with the endpoint n8n serves', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		// The public URL ends with the node's own path, as n8n shows it.
		const ownPublicUrl = `https://n8n.example.com/webhook/${trigger.node.webhookId}/webhook`;
		trigger.setParameters({
			events: ['answer'],
			registration: 'create',
			applicationName: 'n8n',
			options: { publicUrl: ownPublicUrl },
		});
		await trigger.activate({ test: true });
		const [application] = sandbox.state.applications.applications.values();
		expect(application.answer_url).toBe(ownPublicUrl.replace('/webhook/', '/webhook-test/'));
		await trigger.deactivate({ test: true });
		await trigger.activate();
		expect([...sandbox.state.applications.applications.values()][0].answer_url).toBe(ownPublicUrl);
	});

	it('registers a proxy’s URL exactly as written, in production and on a test run', async () => {
		for (const publicUrl of [
			'https://calls.example.net/n8n-hooks/webhook',
			'https://calls.example.net/plivo',
			'https://calls.example.net/webhook/webhook',
		]) {
			await start({
				events: ['answer'],
				registration: 'create',
				applicationName: 'n8n',
				options: { publicUrl },
			});
			await trigger.activate();
			expect([...sandbox.state.applications.applications.values()][0], publicUrl).toMatchObject({
				answer_url: publicUrl,
				hangup_url: publicUrl,
			});
			await trigger.deactivate();
			await trigger.activate({ test: true });
			expect([...sandbox.state.applications.applications.values()][0], publicUrl).toMatchObject({
				answer_url: publicUrl,
				hangup_url: publicUrl,
			});
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
		sandbox.server.injectFault({
			status: 401,
			body: { api_id: 'a1', error: 'Authentication failed' },
		});
		await expect(trigger.runHook('create')).rejects.toMatchObject({
			message: 'Authentication failed',
			httpCode: '401',
		});
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
		return start({
			events,
			registration: 'existing',
			application: { __rl: true, mode: 'list', value: appId },
		});
	}

	it('points the application at the trigger, keeps its URLs and puts them back on deactivation', async () => {
		const application = sandbox.state.applications.add({ ...before });
		await attach(['answer', 'hangup'], application.app_id);
		const url = trigger.webhookUrl;

		expect(await trigger.runHook('checkExists')).toBe(false);
		expect(requests()).toEqual([]);
		expect(await trigger.runHook('create')).toBe(true);
		expect(requests()).toEqual([
			applicationRequest('GET', application.app_id),
			applicationRequest('POST', application.app_id, triggerUrls(url)),
		]);
		expect(application).toMatchObject({
			...triggerUrls(url),
			fallback_answer_url: before.fallback_answer_url,
		});
		expect(trigger.staticData).toEqual({
			registration: {
				appId: application.app_id,
				created: false,
				urls: triggerUrls(url),
				previousUrls: {
					answer_url: before.answer_url,
					answer_method: 'GET',
					hangup_url: before.hangup_url,
					hangup_method: 'GET',
				},
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
		trigger.setParameters({
			events: ['answer'],
			registration: 'existing',
			application: { __rl: true, mode: 'id', value: second.app_id },
		});
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
		const created = [...sandbox.state.applications.applications.values()].find(
			(app) => app.app_name === 'n8n',
		)!;
		expect(created.answer_url).toBe(trigger.webhookUrl);
		expect(trigger.staticData).toEqual({
			registration: {
				appId: created.app_id,
				created: true,
				urls: expect.objectContaining({ answer_url: trigger.webhookUrl }),
			},
		});
	});

	it('says so when the application does not exist', async () => {
		await attach(['answer'], '12345');
		await expect(trigger.runHook('create')).rejects.toThrow(
			'Plivo has no application with the ID ‘12345’. Choose another one in ‘Application’.',
		);
	});

	it('lists the applications to choose from, filtered by name', async () => {
		for (const name of ['sales', 'support', 'sales-eu'])
			sandbox.state.applications.add({ app_name: name, answer_url: 'https://example.com/a' });
		const apps = [...sandbox.state.applications.applications.values()];
		const search = (filter?: string) =>
			runListSearch({
				nodeType: new PlivoVoiceTrigger(),
				credentialType: new PlivoVoiceApi(),
				credentials: {
					authId: sandbox.account.authId,
					authToken: sandbox.account.authToken,
					baseUrl: sandbox.url,
				},
				method: 'searchApplications',
				filter,
			});
		sandbox.server.clearRequests();
		expect(await search()).toEqual({
			results: apps.map((app) => ({ name: app.app_name, value: app.app_id })),
			paginationToken: undefined,
		});
		expect(requests()).toEqual([listRequest()]);
		expect((await search('SALES')).results.map((result) => result.name)).toEqual([
			'sales',
			'sales-eu',
		]);
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

describe('registration never loses a URL', () => {
	const owner = {
		app_name: 'sales',
		answer_url: 'https://example.com/answer',
		answer_method: 'GET' as const,
		hangup_url: 'https://example.com/hangup',
		hangup_method: 'GET' as const,
	};
	const others: TriggerHarness[] = [];

	afterEach(async () => {
		for (const other of others.splice(0)) await other.close();
	});

	function attachParameters(appId: string, options: INodeParameters = {}): INodeParameters {
		return {
			events: ['answer'],
			registration: 'existing',
			application: { __rl: true, mode: 'id', value: appId },
			options,
		};
	}

	/** A second workflow's trigger, served at the same time as `trigger`. */
	async function another(parameters: INodeParameters) {
		const other = await startPlivoVoiceTrigger(sandbox, parameters);
		others.push(other);
		return other;
	}

	it('keeps a URL changed in the Plivo console while attached, and restores only the fields still pointing at the trigger', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		await trigger.activate();
		application.answer_url = 'https://example.com/edited-in-the-console';
		await trigger.deactivate();
		expect(application).toMatchObject({
			answer_url: 'https://example.com/edited-in-the-console',
			// The method went with the URL the user set: it is theirs too.
			answer_method: 'POST',
			hangup_url: owner.hangup_url,
			hangup_method: 'GET',
		});
		expect(trigger.staticData).toEqual({});
	});

	it('restores nothing when the application no longer points at the trigger at all', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		await trigger.activate();
		Object.assign(application, {
			answer_url: 'https://example.com/new',
			hangup_url: 'https://example.com/new-hangup',
		});
		sandbox.server.clearRequests();
		await trigger.deactivate();
		expect(requests().map(({ method }) => method)).toEqual(['GET']);
		expect(application).toMatchObject({
			answer_url: 'https://example.com/new',
			hangup_url: 'https://example.com/new-hangup',
		});
	});

	it('keeps an application it created once someone points it elsewhere', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		const [application] = sandbox.state.applications.applications.values();
		Object.assign(application, {
			answer_url: 'https://example.com/theirs',
			hangup_url: 'https://example.com/theirs',
		});
		await trigger.deactivate();
		expect(sandbox.state.applications.applications.get(application.app_id)).toMatchObject({
			answer_url: 'https://example.com/theirs',
		});
		expect(trigger.staticData).toEqual({});
	});

	it('refuses to attach a second workflow to an application another trigger is attached to, naming it', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		await trigger.activate();
		const second = await another(attachParameters(application.app_id));
		sandbox.server.clearRequests();
		await expect(second.activate()).rejects.toThrow(
			`The Plivo application ‘sales’ (ID ${application.app_id}) already sends its calls to another Plivo Voice Trigger`,
		);
		// Nothing was changed, nothing kept to undo.
		expect(requests().map(({ method }) => method)).toEqual(['GET']);
		expect(second.staticData).toEqual({});
		await second.deactivate();
		expect(application.answer_url).toBe(trigger.webhookUrl);
		// The first trigger still gives the owner's URLs back.
		await trigger.deactivate();
		expect(application).toMatchObject(owner);
	});

	it('recognises another trigger behind a proxy, whatever its URL, and one of another n8n by its shape', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(
			attachParameters(application.app_id, { publicUrl: 'https://calls.example.net/plivo' }),
		);
		await trigger.activate();
		expect(application.answer_url).toBe('https://calls.example.net/plivo');
		const second = await another(attachParameters(application.app_id));
		await expect(second.activate()).rejects.toThrow(
			/already sends its calls to another Plivo Voice Trigger/,
		);
		await trigger.deactivate();
		expect(application).toMatchObject(owner);

		// Another n8n's trigger: n8n's URL shape with another webhook ID.
		const elsewhere =
			'https://other-n8n.example.com/webhook/0b0f3c1e-2a4b-4c6d-8e0f-1a2b3c4d5e6f/webhook';
		application.answer_url = elsewhere;
		await expect(second.activate()).rejects.toThrow(
			/already sends its calls to another Plivo Voice Trigger/,
		);
		expect(application.answer_url).toBe(elsewhere);
	});

	it('retries registration requests on 5xx and network errors, with the backoff of every request to the account', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		sandbox.state.applications.failNext(1, 500, { method: 'GET' });
		sandbox.state.applications.failNext(1, 'reset', { method: 'GET' });
		sandbox.state.applications.failNext(1, 'reset', { method: 'POST' });
		await trigger.runHook('create');
		const sent = sandbox.requests.map(({ method, status }) => [method, status]);
		// The reset requests were never answered.
		expect(sent).toEqual([
			['GET', 500],
			['GET', undefined],
			['GET', 200],
			['POST', undefined],
			['POST', 202],
		]);
		// The operations' backoff (retryWaitSeconds): at least 0.5 s, then at least 1 s.
		const times = sandbox.requests.map(({ receivedAt }) => receivedAt);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(450);
		expect(times[2] - times[1]).toBeGreaterThanOrEqual(950);
		expect(application.answer_url).toBe(trigger.webhookUrl);
	});

	it('sends a create again only after a 429 (Plivo refused it, so nothing was created), after Retry-After', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		sandbox.server.injectFault({ status: 429, method: 'POST', headers: { 'Retry-After': '1' } });
		await trigger.runHook('create');
		const creates = sandbox.requests.filter(({ method }) => method === 'POST');
		expect(creates.map(({ status }) => status)).toEqual([429, 201]);
		expect(creates[1].receivedAt - creates[0].receivedAt).toBeGreaterThanOrEqual(950);
		expect(sandbox.state.applications.applications.size).toBe(1);
	});

	it('gives up after three attempts, as every request to the account does, with Plivo’s error, and keeps nothing to undo', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		sandbox.state.applications.failNext(3, 500, { method: 'GET' });
		await expect(trigger.runHook('create')).rejects.toMatchObject({ httpCode: '500' });
		expect(sandbox.requests).toHaveLength(3);
		expect(trigger.staticData).toEqual({});
		expect(application).toMatchObject(owner);
	});

	it('takes a redirect for an error, follows none and changes nothing', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		sandbox.server.injectFault({
			status: 302,
			headers: { Location: 'https://elsewhere.example.com/Application/' },
			body: {},
		});
		await expect(trigger.runHook('create')).rejects.toMatchObject({
			message: 'The API answered with a redirect (HTTP 302), which was not followed',
			httpCode: '302',
		});
		expect(sandbox.requests.map(({ method, status }) => [method, status])).toEqual([['GET', 302]]);
		expect(trigger.staticData).toEqual({});
		expect(application).toMatchObject(owner);
	});

	it('says how often it tried when Plivo cannot be reached', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		sandbox.state.applications.failNext(3, 'reset', { method: 'GET' });
		await expect(trigger.runHook('create')).rejects.toMatchObject({
			message: expect.stringMatching(/^Plivo could not be reached: /),
			description: 'GET /Application/… failed 3 times.',
		});
		expect(sandbox.requests).toHaveLength(3);
		expect(trigger.staticData).toEqual({});
		expect(application).toMatchObject(owner);
	});

	it('never sends a create twice: a create whose answer was lost is found by name and kept', async () => {
		for (const kind of [500, 'reset'] as const) {
			sandbox.state.applications.reset();
			await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
			sandbox.state.applications.loseNextCreateAnswer(kind);
			await trigger.activate();
			expect(
				sandbox.requests.filter(
					({ method, path }) => method === 'POST' && path === applicationsPath,
				),
				String(kind),
			).toHaveLength(1);
			expect(sandbox.state.applications.applications.size).toBe(1);
			const [application] = sandbox.state.applications.applications.values();
			expect(trigger.staticData).toMatchObject({
				registration: { appId: application.app_id, created: true },
			});
			await trigger.deactivate();
			expect(sandbox.state.applications.applications.size).toBe(0);
			await trigger.close();
		}
	});

	it('adopts the application an earlier create left behind (its answer lost, the activation failed), instead of creating another', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		// Another application of the same name that does not point at this trigger is not its own.
		const namesake = sandbox.state.applications.add({
			app_name: 'n8n',
			answer_url: 'https://example.com/other',
		});
		// The create was done, its answer lost, and the look-ups after it failed too (the one
		// before it went through).
		sandbox.state.applications.loseNextCreateAnswer('reset');
		sandbox.state.applications.failNext(3, 500, { target: 'list', skip: 1 });
		await expect(trigger.runHook('create')).rejects.toMatchObject({ httpCode: '500' });
		expect(trigger.staticData).toEqual({});
		expect(sandbox.state.applications.applications.size).toBe(2);

		sandbox.server.clearRequests();
		await trigger.activate();
		expect(
			sandbox.requests.filter(({ method, path }) => method === 'POST' && path === applicationsPath),
		).toEqual([]);
		const mine = [...sandbox.state.applications.applications.values()].find(
			(application) => application !== namesake,
		)!;
		expect(mine.answer_url).toBe(trigger.webhookUrl);
		expect(trigger.staticData).toMatchObject({
			registration: { appId: mine.app_id, created: true },
		});
		await trigger.deactivate();
		expect([...sandbox.state.applications.applications.values()]).toEqual([namesake]);
	});

	it('fails a deactivation that cannot reach Plivo, keeps what it must undo, and finishes on the next deactivation', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		await trigger.activate();
		const kept = JSON.parse(JSON.stringify(trigger.staticData)) as unknown;
		sandbox.state.applications.failNext(3, 'reset');
		await expect(trigger.runHook('delete')).rejects.toThrow(
			`The trigger could not give the Plivo application its previous URLs back (ID ${application.app_id}): Plivo could not be reached`,
		);
		expect(trigger.staticData).toEqual(kept);
		expect(application.answer_url).toBe(trigger.webhookUrl);
		await trigger.deactivate();
		expect(application).toMatchObject(owner);
		expect(trigger.staticData).toEqual({});
	});

	it('is repaired by the next activation after a failed deactivation (created application)', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		const [application] = sandbox.state.applications.applications.values();
		sandbox.state.applications.failNext(3, 500, { method: 'DELETE' });
		await expect(trigger.runHook('delete')).rejects.toThrow(
			/could not delete the Plivo application it created/,
		);
		expect(trigger.staticData).toMatchObject({ registration: { appId: application.app_id } });
		// Activated again: the same application is used, no second one is created.
		await trigger.activate();
		expect(sandbox.state.applications.applications.size).toBe(1);
		await trigger.deactivate();
		expect(sandbox.state.applications.applications.size).toBe(0);
	});

	it('sends one DELETE when n8n removes the POST and GET webhooks at once', async () => {
		await start({ events: ['answer'], registration: 'create', applicationName: 'n8n' });
		await trigger.activate();
		sandbox.server.clearRequests();
		await trigger.deactivate({ concurrently: true });
		expect(requests().map(({ method }) => method)).toEqual(['GET', 'DELETE']);
		expect(sandbox.state.applications.applications.size).toBe(0);
	});

	it('restores an attached application once when n8n removes both webhooks at once', async () => {
		const application = sandbox.state.applications.add({ ...owner });
		await start(attachParameters(application.app_id));
		await trigger.activate();
		sandbox.server.clearRequests();
		await trigger.deactivate({ concurrently: true });
		expect(requests().map(({ method }) => method)).toEqual(['GET', 'POST']);
		expect(application).toMatchObject(owner);
	});
});
