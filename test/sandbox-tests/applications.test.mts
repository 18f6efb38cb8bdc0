/**
 * The sandbox's Application resource, as Plivo's Application API reference documents it.
 */
import { describe, expect, it } from 'vitest';

import { useSandbox } from '../harness/useSandbox.mts';
import { accountPath, callPlivoApi } from '../harness/plivo.mts';
import { apiId } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** A request to the account's Application resource, as Plivo's clients send it. */
const call = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: Record<string, unknown>) =>
	callPlivoApi(sandbox, method, `/Application/${path}`, body);

describe('Application resource', () => {
	it('creates (201), retrieves, modifies (202) and deletes (204) an application', async () => {
		const created = await call('POST', '', {
			app_name: 'ivr_main-1',
			answer_url: 'https://example.com/answer',
			answer_method: 'GET',
		});
		expect(created).toEqual({
			status: 201,
			body: { api_id: apiId, app_id: expect.stringMatching(/^\d+$/), message: 'created' },
		});
		const appId = created.body.app_id as string;

		expect(await call('GET', `${appId}/`)).toEqual({
			status: 200,
			body: {
				api_id: apiId,
				answer_method: 'GET',
				answer_url: 'https://example.com/answer',
				app_id: appId,
				app_name: 'ivr_main-1',
				default_app: false,
				default_endpoint_app: false,
				enabled: true,
				fallback_answer_url: '',
				fallback_method: 'POST',
				// "hangup_url: Defaults to answer_url."
				hangup_method: 'POST',
				hangup_url: 'https://example.com/answer',
				log_incoming_messages: true,
				message_method: 'POST',
				message_url: '',
				public_uri: false,
				resource_uri: `${accountPath(sandbox)}/Application/${appId}/`,
				sip_uri: `sip:${appId}@app.plivo.com`,
				sub_account: null,
			},
		});

		expect(
			await call('POST', `${appId}/`, {
				hangup_url: 'https://example.com/hangup',
				fallback_answer_url: 'https://example.com/fb',
				default_number_app: true,
			}),
		).toEqual({
			status: 202,
			body: { api_id: apiId, message: 'changed' },
		});
		expect(sandbox.state.applications.get(appId)).toMatchObject({
			hangup_url: 'https://example.com/hangup',
			fallback_answer_url: 'https://example.com/fb',
			default_app: true,
		});
		// An empty optional URL clears it again.
		await call('POST', `${appId}/`, { fallback_answer_url: '' });
		expect(sandbox.state.applications.get(appId).fallback_answer_url).toBe('');

		expect(await call('DELETE', `${appId}/?cascade=false`)).toEqual({ status: 204, body: {} });
		expect(await call('GET', `${appId}/`)).toEqual({
			status: 404,
			body: { api_id: apiId, error: 'application not found' },
		});
	});

	it('deletes the application’s SIP endpoints with it unless cascade is false', async () => {
		const kept = sandbox.state.applications.add({
			app_name: 'kept',
			answer_url: 'https://example.com/a',
		});
		const other = sandbox.state.applications.add({
			app_name: 'other',
			answer_url: 'https://example.com/b',
		});
		const endpoint = (appId: string) =>
			sandbox.state.endpoints.create({
				username: 'alice',
				password: 'secret1',
				alias: 'Alice',
				app_id: appId,
			});
		const moved = endpoint(kept.app_id);
		const orphaned = endpoint(kept.app_id);
		expect(
			await call(
				'DELETE',
				`${kept.app_id}/?cascade=false&new_endpoint_application=${other.app_id}`,
			),
		).toMatchObject({ status: 204 });
		expect(moved.app_id).toBe(other.app_id);
		expect(orphaned.app_id).toBe(other.app_id);

		const deletedWithIt = endpoint(other.app_id);
		expect(await call('DELETE', `${other.app_id}/`)).toMatchObject({ status: 204 });
		expect(sandbox.state.endpoints.items.has(deletedWithIt.endpoint_id)).toBe(false);
		expect(sandbox.state.endpoints.items.has(moved.endpoint_id)).toBe(false);

		const third = sandbox.state.applications.add({
			app_name: 'third',
			answer_url: 'https://example.com/c',
		});
		const unattached = endpoint(third.app_id);
		expect(await call('DELETE', `${third.app_id}/?cascade=false`)).toMatchObject({ status: 204 });
		expect(unattached.app_id).toBeNull();
	});

	it('refuses what the reference does not allow', async () => {
		const refused: Array<[Record<string, unknown>, string]> = [
			[{ answer_url: 'https://example.com/a' }, 'app_name is a required parameter'],
			[{ app_name: 'x' }, 'answer_url is a required parameter'],
			[
				{ app_name: 'my app', answer_url: 'https://example.com/a' },
				'app_name may contain only letters, numbers, hyphens and underscores',
			],
			[{ app_name: 'x', answer_url: 'ftp://example.com/a' }, 'answer_url is not a valid URL'],
			[
				{ app_name: 'x', answer_url: 'https://example.com/a', hangup_method: 'PUT' },
				'hangup_method must be one of GET, POST',
			],
			[
				{ app_name: 'x', answer_url: 'https://example.com/a', colour: 'blue' },
				'unexpected argument: colour',
			],
			[
				{ app_name: 'x', answer_url: 'https://example.com/a', subaccount: 'SA1' },
				'subaccount SA1 not found',
			],
		];
		for (const [body, error] of refused)
			expect(await call('POST', '', body), error).toEqual({
				status: 400,
				body: { api_id: apiId, error },
			});
		const { app_id: appId } = sandbox.state.applications.add({
			app_name: 'x',
			answer_url: 'https://example.com/a',
		});
		expect(await call('POST', `${appId}/`, { app_name: 'renamed' })).toEqual({
			status: 400,
			body: { api_id: apiId, error: 'unexpected argument: app_name' },
		});
		expect(await call('POST', `${appId}/`, { answer_url: '' })).toEqual({
			status: 400,
			body: { api_id: apiId, error: 'answer_url cannot be empty' },
		});
		expect(await call('POST', '999/', { answer_url: 'https://example.com/b' })).toMatchObject({
			status: 404,
		});
		expect(await call('DELETE', '999/')).toMatchObject({ status: 404 });
		expect(await call('DELETE', `${appId}/?cascade=maybe`)).toEqual({
			status: 400,
			body: { api_id: apiId, error: 'cascade must be true or false' },
		});
	});

	it('lists applications in pages of at most 20', async () => {
		for (let index = 0; index < 23; index++)
			sandbox.state.applications.add({
				app_name: `app${index}`,
				answer_url: 'https://example.com/a',
			});
		const first = await call('GET', '');
		expect(first.status).toBe(200);
		expect(first.body.meta).toEqual({
			limit: 20,
			offset: 0,
			next: `${accountPath(sandbox)}/Application/?limit=20&offset=20`,
			previous: null,
			total_count: 23,
		});
		expect((first.body.objects as unknown[]).length).toBe(20);
		const second = await call('GET', '?limit=5&offset=20');
		expect((second.body.objects as Array<{ app_name: string }>).map((app) => app.app_name)).toEqual(
			['app20', 'app21', 'app22'],
		);
		expect(await call('GET', '?limit=21')).toEqual({
			status: 400,
			body: { api_id: apiId, error: 'limit must be an integer from 1 to 20' },
		});
	});
});

describe('Application faults (for registration tests)', () => {
	it('fails the next matching requests with 500 without handling them, then answers again', async () => {
		sandbox.state.applications.failNext(2, 500, { method: 'POST', target: 'create' });
		const body = { app_name: 'a', answer_url: 'https://example.com/a' };
		expect(await call('GET', '')).toMatchObject({ status: 200 });
		expect(await call('POST', '', body)).toEqual({
			status: 500,
			body: { api_id: apiId, error: 'internal server error' },
		});
		expect(await call('POST', '', body)).toMatchObject({ status: 500 });
		expect(sandbox.state.applications.applications.size).toBe(0);
		expect(await call('POST', '', body)).toMatchObject({ status: 201 });
	});

	it('resets the connection, and can lose the answer of a create it performed', async () => {
		sandbox.state.applications.loseNextCreateAnswer('reset');
		await expect(
			call('POST', '', { app_name: 'a', answer_url: 'https://example.com/a' }),
		).rejects.toThrow();
		expect(sandbox.state.applications.applications.size).toBe(1);
		sandbox.state.applications.loseNextCreateAnswer(500);
		expect(
			await call('POST', '', { app_name: 'b', answer_url: 'https://example.com/b' }),
		).toMatchObject({ status: 500 });
		expect(sandbox.state.applications.applications.size).toBe(2);
	});

	it('lets requests through before failing (skip), and targets one application’s requests or lists', async () => {
		const { app_id: appId } = sandbox.state.applications.add({
			app_name: 'x',
			answer_url: 'https://example.com/a',
		});
		sandbox.state.applications.failNext(1, 500, { target: 'list', skip: 1 });
		sandbox.state.applications.failNext(1, 500, { target: 'application', method: 'DELETE' });
		expect(await call('GET', '')).toMatchObject({ status: 200 });
		expect(await call('GET', `${appId}/`)).toMatchObject({ status: 200 });
		expect(await call('GET', '')).toMatchObject({ status: 500 });
		expect(await call('DELETE', `${appId}/`)).toMatchObject({ status: 500 });
		expect(await call('DELETE', `${appId}/`)).toMatchObject({ status: 204 });
		expect(sandbox.state.applications.faults).toEqual([]);
	});
});
