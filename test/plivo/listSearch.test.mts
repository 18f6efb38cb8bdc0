/**
 * The editor's "From List" searches against the sandbox, when Plivo refuses or fails: they are
 * paced and retried as every other request to the account (one scheduler, one retry policy), and
 * what fails in the end is Plivo's own error.
 */
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { everythingIn, failure } from '../harness/common.mts';
import {
	accountPath,
	basicAuthHeader,
	runPlivoVoice,
	sandboxCredentials,
	searchPlivoVoice,
} from '../harness/plivo.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { plivoScheduler } from '../../lib/plivo/rateLimit';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

function endpoint(username: string, alias: string) {
	return sandbox.state.endpoints.create({ username, password: 'secret-1', alias });
}

function statuses(): Array<number | undefined> {
	return sandbox.requests.map((request) => request.status);
}

describe('list search › 429', () => {
	it('waits as long as Plivo asks, holds back the account’s other requests meanwhile, then lists', async () => {
		const alice = endpoint('alice', 'front-desk');
		const call = sandbox.state.calls.addCompleted({ durationSeconds: 5 });
		sandbox.server.injectFault({
			status: 429,
			pathIncludes: '/Endpoint/',
			headers: { 'Retry-After': '2' },
			body: { api_id: 'r1', error: 'Too many requests' },
		});
		const search = searchPlivoVoice(sandbox, 'searchEndpoints');
		await expect.poll(() => sandbox.requests.length).toBe(1);
		// Once the search has its 429 back, its next try waits in the account's scheduler.
		const scheduler = plivoScheduler(sandboxCredentials(sandbox));
		await expect.poll(() => scheduler.load.waiting).toBe(1);
		// A run of the node for the same account, started while the search waits.
		const run = runPlivoVoice(sandbox, {
			resource: 'call',
			operation: 'get',
			callUuid: call.call_uuid,
		});
		const [found, output] = await Promise.all([search, run]);
		expect(found.results).toEqual([
			{ name: `front-desk (${alice.username})`, value: alice.endpoint_id },
		]);
		expect(output[0].json.call_uuid).toBe(call.call_uuid);
		const [refused, ...later] = sandbox.requests;
		expect(refused).toMatchObject({ path: `${accountPath(sandbox)}/Endpoint/`, status: 429 });
		expect(later.map((request) => [request.method, request.path, request.status])).toEqual(
			expect.arrayContaining([
				['GET', `${accountPath(sandbox)}/Endpoint/`, 200],
				['GET', `${accountPath(sandbox)}/Call/${call.call_uuid}/`, 200],
			]),
		);
		expect(later).toHaveLength(2);
		for (const request of later)
			expect(request.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(1900);
	});

	it('fails with Plivo’s error after 2 retries in a row: somebody is waiting on the list', async () => {
		sandbox.server.injectFault({
			status: 429,
			times: 3,
			headers: { 'Retry-After': '0' },
			body: { api_id: 'r9', error: 'Too many requests' },
		});
		const error = await failure(searchPlivoVoice(sandbox, 'searchConferences'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			message: 'Too many requests',
			httpCode: '429',
			description: 'Plivo answered HTTP 429 (api_id r9)',
		});
		expect(statuses()).toEqual([429, 429, 429]);
	});
});

describe('list search › server errors', () => {
	it('asks again after a 5xx, with the backoff of every request to the account', async () => {
		sandbox.state.conferences.join('Sales Standup', { from: '14155550100', to: '14155550199' });
		sandbox.server.injectFault({ status: 503, times: 2, pathIncludes: '/Conference/' });
		expect(await searchPlivoVoice(sandbox, 'searchConferences')).toEqual({
			results: [{ name: 'Sales Standup', value: 'Sales Standup' }],
		});
		expect(statuses()).toEqual([503, 503, 200]);
		// retryWaitSeconds: at least 0.5 s, then at least 1 s.
		const times = sandbox.requests.map((request) => request.receivedAt);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(450);
		expect(times[2] - times[1]).toBeGreaterThanOrEqual(950);
	});

	it('fails after three tries with Plivo’s own error, status and api_id', async () => {
		sandbox.server.injectFault({
			status: 500,
			times: 3,
			body: { api_id: 'e500', error: 'Something went wrong on our side' },
		});
		const error = await failure(searchPlivoVoice(sandbox, 'searchEndpoints'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			message: 'Something went wrong on our side',
			httpCode: '500',
			description: 'Plivo answered HTTP 500 (api_id e500)',
		});
		expect(statuses()).toEqual([500, 500, 500]);
		// Built from Plivo's answer alone: the request, credentials included, is not in it.
		expect(everythingIn(error)).not.toContain(sandbox.account.authToken);
		expect(everythingIn(error)).not.toContain(basicAuthHeader(sandbox).slice(6));
	});
});

describe('list search › other answers', () => {
	it('does not ask again after a 4xx, and shows Plivo’s text', async () => {
		sandbox.server.injectFault({
			status: 401,
			body: { api_id: 'a401', error: 'Authentication failed' },
		});
		const error = await failure(searchPlivoVoice(sandbox, 'searchVerifiedCallerIds'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ message: 'Authentication failed', httpCode: '401' });
		expect(statuses()).toEqual([401]);
	});

	it('follows no redirect, and says where it pointed', async () => {
		sandbox.server.injectFault({
			status: 302,
			headers: { Location: 'https://elsewhere.example.com/Endpoint/' },
			body: {},
		});
		const error = await failure(searchPlivoVoice(sandbox, 'searchEndpoints'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			message: 'The API answered with a redirect (HTTP 302), which was not followed',
			httpCode: '302',
		});
		expect((error as NodeApiError).description).toMatch(
			/^It pointed to https:\/\/elsewhere\.example\.com\/Endpoint\/\./,
		);
		expect(statuses()).toEqual([302]);
	});
});
