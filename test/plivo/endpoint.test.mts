/**
 * Every SIP Endpoint operation through n8n-core's RoutingNode against the sandbox. The endpoint's
 * password is sent where the user sets it and appears in no output and no error, not even as the
 * MD5 hash Plivo returns.
 */
import { createHash } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { everythingIn, failure, locator, paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { accountPath, runOneRequest, runPlivoVoice, searchPlivoVoice } from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { EndpointRecord } from '../sandbox/plivo/endpoints.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const run = (parameters: INodeParameters, options?: Parameters<typeof runOneRequest>[2]) =>
	runOneRequest(sandbox, { resource: 'endpoint', ...parameters }, options);

function endpoint(username = 'alice', alias = 'front-desk', appId?: string): EndpointRecord {
	return sandbox.state.endpoints.create({ username, password: 'secret-1', alias, app_id: appId });
}

describe('SIP Endpoint › Create', () => {
	it('sends the username, password, alias and application; Plivo adds the 12-digit suffix', async () => {
		const { output, request } = await run({
			operation: 'create',
			username: 'alice',
			password: 'correct-horse',
			alias: 'front_desk-1',
			additionalFields: { appId: '33406267401237901' },
		});
		expectRequest(sandbox, request, 'POST', '/Endpoint/');
		expect(request.query).toEqual({});
		expect(request.body).toEqual({
			username: 'alice',
			password: 'correct-horse',
			alias: 'front_desk-1',
			app_id: '33406267401237901',
		});
		expect(request.status).toBe(201);

		const [created] = sandbox.state.endpoints.items.values();
		expect(created.username).toMatch(/^alice\d{12}$/);
		expect(created.password_md5).toBe(md5('correct-horse'));
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					username: created.username,
					alias: 'front_desk-1',
					message: 'created',
					endpoint_id: created.endpoint_id,
				},
				pairedItem: paired(0),
			},
		]);
	});

	it('gives two endpoints of one name two usernames', async () => {
		await run({ operation: 'create', username: 'desk', password: 'secret-1', alias: 'a' });
		const { output } = await run({
			operation: 'create',
			username: 'desk',
			password: 'secret-1',
			alias: 'b',
		});
		const usernames = [...sandbox.state.endpoints.items.values()].map((item) => item.username);
		expect(new Set(usernames).size).toBe(2);
		expect(output[0].json.username).toBe(usernames[1]);
	});
});

describe('SIP Endpoint › Get and Get Many', () => {
	it.each([
		['picked from the list', 'list'],
		['typed as an ID', 'id'],
	] as const)(
		'gets an endpoint %s, without the password hash Plivo returns',
		async (_name, mode) => {
			const record = endpoint('alice', 'front-desk', '33406267401237901');
			sandbox.state.endpoints.register(record.endpoint_id, {
				ip: '203.0.113.9',
				userAgent: 'Telephone 1.1.4',
			});
			const { output, request } = await run({
				operation: 'get',
				endpointId: locator(record.endpoint_id, mode),
			});
			expectRequest(sandbox, request, 'GET', `/Endpoint/${record.endpoint_id}/`);
			expect(request.query).toEqual({});
			expect(request.responseBody).toHaveProperty('password', md5('secret-1'));
			expect(output).toEqual([
				{
					json: {
						api_id: apiId,
						alias: 'front-desk',
						application: `${accountPath(sandbox)}/Application/33406267401237901/`,
						endpoint_id: record.endpoint_id,
						resource_uri: `${accountPath(sandbox)}/Endpoint/${record.endpoint_id}/`,
						sip_contact: `sip:${record.username}@203.0.113.9:5060;ob`,
						sip_expires: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
						sip_registered: 'true',
						sip_uri: `sip:${record.username}@phone.plivo.com`,
						sip_user_agent: 'Telephone 1.1.4',
						sub_account: null,
						username: record.username,
					},
					pairedItem: paired(0),
				},
			]);
		},
	);

	it('lists endpoints, one item each', async () => {
		const records = [endpoint('alice'), endpoint('bob', 'back-office')];
		const { output, request } = await run({ operation: 'getMany', returnAll: true });
		expectRequest(sandbox, request, 'GET', '/Endpoint/');
		expect(request.query).toEqual({ limit: '20', offset: '0' });
		expect(output).toEqual(
			records.map((record) => ({
				json: sandbox.state.endpoints.toResource(record, { withPassword: false }),
				pairedItem: paired(0),
			})),
		);
	});

	it('drops a password hash from list entries too, should Plivo include it', async () => {
		const records = [endpoint('alice'), endpoint('bob', 'back-office')];
		const withHash = records.map((record) =>
			sandbox.state.endpoints.toResource(record, { withPassword: true }),
		);
		// The sandbox lists endpoints as the reference shows them, without the hash: this answer
		// replaces its own for one request.
		sandbox.server.injectFault({
			status: 200,
			pathIncludes: '/Endpoint/',
			body: {
				api_id: 'a1',
				meta: { limit: 20, offset: 0, next: null, previous: null, total_count: 2 },
				objects: withHash,
			},
		});
		const { output } = await run({ operation: 'getMany', returnAll: true });
		expect(withHash[0]).toHaveProperty('password', md5('secret-1'));
		expect(output).toEqual(
			records.map((record) => ({
				json: sandbox.state.endpoints.toResource(record, { withPassword: false }),
				pairedItem: paired(0),
			})),
		);
	});

	it('Return All walks every page; Limit asks only for what it needs', async () => {
		const records = Array.from({ length: 21 }, (_, index) => endpoint(`agent${index}`));
		sandbox.server.clearRequests();
		const all = await runPlivoVoice(sandbox, {
			resource: 'endpoint',
			operation: 'getMany',
			returnAll: true,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '20', offset: '20' },
		]);
		expect(all.map((item) => item.json.endpoint_id)).toEqual(
			records.map((record) => record.endpoint_id),
		);

		sandbox.server.clearRequests();
		const some = await runPlivoVoice(sandbox, {
			resource: 'endpoint',
			operation: 'getMany',
			returnAll: false,
			limit: 20,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
		]);
		expect(some).toHaveLength(20);
	});
});

describe('SIP Endpoint › Update and Delete', () => {
	it('changes the password, alias and application', async () => {
		const record = endpoint();
		const { output, request } = await run({
			operation: 'update',
			endpointId: locator(record.endpoint_id),
			updateFields: { password: 'new-secret', alias: 'reception', appId: '37961981447734951' },
		});
		expectRequest(sandbox, request, 'POST', `/Endpoint/${record.endpoint_id}/`);
		expect(request.query).toEqual({});
		expect(request.body).toEqual({
			password: 'new-secret',
			alias: 'reception',
			app_id: '37961981447734951',
		});
		expect(request.status).toBe(202);
		expect(output).toEqual([
			{ json: { api_id: apiId, message: 'changed' }, pairedItem: paired(0) },
		]);
		expect(record).toMatchObject({
			password_md5: md5('new-secret'),
			alias: 'reception',
			app_id: '37961981447734951',
		});
	});

	it('deletes an endpoint', async () => {
		const [kept, removed] = [endpoint('alice'), endpoint('bob')];
		const { output, request } = await run({
			operation: 'delete',
			endpointId: locator(removed.endpoint_id, 'id'),
		});
		expectRequest(sandbox, request, 'DELETE', `/Endpoint/${removed.endpoint_id}/`);
		expect(request.query).toEqual({});
		expect(request.status).toBe(204);
		expect(output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		expect([...sandbox.state.endpoints.items.keys()]).toEqual([kept.endpoint_id]);
	});

	it('keeps the password out of errors, with or without Continue On Fail', async () => {
		const parameters = {
			resource: 'endpoint',
			operation: 'update',
			endpointId: locator('12345678901234', 'id'),
			updateFields: { password: 'hunter2-secret' },
		};
		const error = await failure(runPlivoVoice(sandbox, parameters));
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(everythingIn(error)).not.toContain('hunter2-secret');

		const output = await runPlivoVoice(sandbox, parameters, { continueOnFail: true });
		expect(output).toEqual([
			{
				json: { error: 'endpoint not found', description: expect.any(String), httpCode: '404' },
				error: expect.any(NodeApiError),
				pairedItem: paired(0),
			},
		]);
		expect(JSON.stringify(output[0].json)).not.toContain('hunter2-secret');
	});
});

describe('SIP Endpoint › bad input fails before any request, naming the field', () => {
	const create = {
		resource: 'endpoint',
		operation: 'create',
		username: 'alice',
		password: 'secret-1',
		alias: 'desk',
	};
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'a username starting with a digit',
			{ ...create, username: '1alice' },
			/‘1alice’ in the ‘Username’ field must be letters and digits only, starting with a letter/,
		],
		[
			'a username with a dot',
			{ ...create, username: 'alice.smith' },
			/‘alice.smith’ in the ‘Username’ field/,
		],
		[
			'a short password',
			{ ...create, password: 'abcd' },
			/^‘Password’ must have at least 5 characters\.$/,
		],
		['an empty password', { ...create, password: '' }, /‘Password’ field is empty/],
		[
			'an alias with a space',
			{ ...create, alias: 'Front Desk' },
			/‘Front Desk’ in the ‘Alias’ field may contain only letters, digits, hyphens \(-\) and underscores \(_\)/,
		],
		[
			'an update with nothing to change',
			{ resource: 'endpoint', operation: 'update', endpointId: locator('1'), updateFields: {} },
			/Nothing to update/,
		],
		[
			'a short new password',
			{
				resource: 'endpoint',
				operation: 'update',
				endpointId: locator('1'),
				updateFields: { password: 'abc' },
			},
			/‘Password’ must have at least 5 characters/,
		],
		[
			'no endpoint picked',
			{ resource: 'endpoint', operation: 'get', endpointId: locator('') },
			/‘Endpoint’ field is empty/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(sandbox, parameters, message);
	});
});

describe('SIP Endpoint › list search', () => {
	it('lists endpoints by alias and username, and filters them', async () => {
		const [alice, bob] = [endpoint('alice', 'front-desk'), endpoint('bob', 'back-office')];
		const all = await searchPlivoVoice(sandbox, 'searchEndpoints');
		expect(all).toEqual({
			results: [
				{ name: `front-desk (${alice.username})`, value: alice.endpoint_id },
				{ name: `back-office (${bob.username})`, value: bob.endpoint_id },
			],
			paginationToken: undefined,
		});
		expect(
			sandbox.requests.map((request) => [request.method, request.path, request.query]),
		).toEqual([['GET', `${accountPath(sandbox)}/Endpoint/`, { limit: '20', offset: '0' }]]);
		const filtered = await searchPlivoVoice(sandbox, 'searchEndpoints', { filter: 'BOB' });
		expect(filtered.results.map((result) => result.value)).toEqual([bob.endpoint_id]);
	});
});
