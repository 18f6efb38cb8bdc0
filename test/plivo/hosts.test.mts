/**
 * Every operation takes its base URL from the credential at run time, read once per run of the
 * node: the account base, or the operation's own (the v2 live-call list, call feedback). Not an
 * expression: n8n 2.x evaluates the routing's expressions twice per item, and n8n 1.x evaluates an
 * operation's own routing without `$credentials` (seen in n8n 1.123, test/e2e).
 */
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { failure } from '../harness/common.mts';
import { runPlivoVoice, plivoVoiceNode } from '../harness/plivo.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

import { ACCOUNT_HOST, ACCOUNT_V2_HOST, STATS_HOST } from '../../lib/plivo/hosts';
import { useHost } from '../../lib/kit/routing';
import { preparationSteps } from '../../lib/kit/transport';

const SANDBOX = { baseUrl: 'http://127.0.0.1:8088/', authId: 'MA123' };
const context = { getCredentials: async () => SANDBOX } as unknown as IExecuteSingleFunctions;

const operations = plivoVoiceNode()
	.description.properties.filter((property) => property.name === 'operation')
	.flatMap((property) => property.options as INodePropertyOptions[]);

const hostHook = (operation: INodePropertyOptions) =>
	(operation.routing?.send?.preSend as PreSendAction[])
		.flatMap(preparationSteps)
		.find((hook) => hook.name === 'setBaseUrlFromCredential');

describe('base URLs from the credential', () => {
	it('gives the v2 account base and the stats host, for Plivo and for the sandbox', () => {
		expect(ACCOUNT_V2_HOST.fromCredentials({ authId: 'MA123' })).toBe(
			'https://api.plivo.com/v2/Account/MA123',
		);
		expect(
			ACCOUNT_V2_HOST.fromCredentials({ baseUrl: 'http://127.0.0.1:8088/', authId: ' MA1 ' }),
		).toBe('http://127.0.0.1:8088/v2/Account/MA1');
		expect(STATS_HOST.fromCredentials({ baseUrl: 'https://api.plivo.com', authId: 'MA123' })).toBe(
			'https://stats.plivo.com/v1',
		);
		expect(STATS_HOST.fromCredentials(SANDBOX)).toBe('http://127.0.0.1:8088/v1');
	});

	it.each(['..', '%2e%2e', 'MA1/../SA2', 'MA 1', '', 'MA1?x=1'])(
		'refuses an Auth ID that is not one (%j), naming the credential field',
		(authId) => {
			for (const host of [ACCOUNT_HOST, ACCOUNT_V2_HOST]) {
				expect(() => host.fromCredentials({ baseUrl: 'http://127.0.0.1:8088', authId })).toThrow(
					/^The Plivo Voice API credential cannot be used: .*‘Auth ID’/,
				);
			}
		},
	);

	it('replaces the bare path n8n 1.x makes of the base URL, before the request is sent', async () => {
		const request: IHttpRequestOptions = { url: '/Call/', baseURL: '/v2/Account/' };
		await useHost(ACCOUNT_V2_HOST, 'plivoVoiceApi').call(context, request);
		expect(request.baseURL).toBe('http://127.0.0.1:8088/v2/Account/MA123');
	});

	it('runs for every operation: its own base where it has one, the account otherwise', async () => {
		const node = plivoVoiceNode().description;
		expect(node.requestDefaults?.baseURL).toBe(ACCOUNT_HOST.baseUrl);
		const withOwnBase = operations.filter((operation) => operation.routing?.request?.baseURL);
		expect(
			withOwnBase.map((operation) => [operation.value, operation.routing?.request?.baseURL]),
		).toEqual([
			['getManyLiveV2', 'https://api.plivo.com/v2'],
			['sendFeedback', 'https://stats.plivo.com/v1'],
		]);
		const baseAfterHook = async (operation: INodePropertyOptions) => {
			const request: IHttpRequestOptions = {
				url: '/Call/',
				baseURL: String(operation.routing?.request?.baseURL ?? node.requestDefaults?.baseURL),
			};
			const hook = hostHook(operation);
			expect(hook, String(operation.value)).toBeDefined();
			await hook!.call(context, request);
			return request.baseURL;
		};
		expect(operations.length).toBeGreaterThan(70);
		for (const operation of operations) {
			const expected =
				operation.value === 'getManyLiveV2'
					? 'http://127.0.0.1:8088/v2/Account/MA123'
					: operation.value === 'sendFeedback'
						? 'http://127.0.0.1:8088/v1'
						: 'http://127.0.0.1:8088/v1/Account/MA123';
			expect(await baseAfterHook(operation), String(operation.value)).toBe(expected);
		}
	});

	it('reads the credential once per run of the node, not once per item', async () => {
		let reads = 0;
		const run = {};
		const item = {
			getExecuteData: () => run,
			getCredentials: async () => {
				reads++;
				return SANDBOX;
			},
		} as unknown as IExecuteSingleFunctions;
		const hook = useHost(ACCOUNT_HOST, 'plivoVoiceApi');
		for (let index = 0; index < 5; index++) {
			const request: IHttpRequestOptions = { url: '/Call/', baseURL: ACCOUNT_HOST.baseUrl };
			await hook.call(item, request);
			expect(request.baseURL).toBe('http://127.0.0.1:8088/v1/Account/MA123');
		}
		expect(reads).toBe(1);
		const nextRun = { ...item, getExecuteData: () => ({}) } as unknown as IExecuteSingleFunctions;
		await hook.call(nextRun, { url: '/Call/' });
		expect(reads).toBe(2);
	});

	it('sends nothing when the credential’s Auth ID would lead elsewhere', async () => {
		const error = await failure(
			runPlivoVoice(
				sandbox,
				{ resource: 'call', operation: 'hangup', callUuid: '55309cee-821d-11e4-9a73-498d468c930b' },
				{ credentials: { authId: '../../v2/Account/MA1' } },
			),
		);
		expect(error.message).toMatch(/^The Plivo Voice API credential cannot be used: .*‘Auth ID’/);
		expect(sandbox.requests).toEqual([]);
	});
});

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));
