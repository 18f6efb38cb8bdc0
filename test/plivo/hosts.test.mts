/**
 * Operations on another base than the account's (the v2 live-call list, call feedback) take it
 * from the credential at run time: n8n 1.x evaluates an operation's own routing without
 * `$credentials`, which turned their base URL into a bare path (seen in n8n 1.123, test/e2e).
 */
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PlivoVoice } from '../../nodes/PlivoVoice/PlivoVoice.node.js';
import { ACCOUNT_V2_HOST, STATS_HOST } from '../../lib/plivo/hosts';
import { useHost } from '../../lib/kit/routing';

const SANDBOX = { baseUrl: 'http://127.0.0.1:8088/', authId: 'MA123' };
const context = { getCredentials: async () => SANDBOX } as unknown as IExecuteSingleFunctions;

const operations = new PlivoVoice().description.properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) => property.options as INodePropertyOptions[]);

const hostHook = (operation: INodePropertyOptions) =>
	(operation.routing?.send?.preSend as PreSendAction[]).find(
		(hook) => hook.name === 'setBaseUrlFromCredential',
	);

describe('base URLs from the credential', () => {
	it('gives the v2 account base and the stats host, for Plivo and for the sandbox', () => {
		expect(ACCOUNT_V2_HOST.fromCredentials({ authId: 'MA123' })).toBe(
			'https://api.plivo.com/v2/Account/MA123',
		);
		expect(
			ACCOUNT_V2_HOST.fromCredentials({ baseUrl: 'http://127.0.0.1:8088/', authId: 'MA 1' }),
		).toBe('http://127.0.0.1:8088/v2/Account/MA%201');
		expect(STATS_HOST.fromCredentials({ baseUrl: 'https://api.plivo.com', authId: 'MA123' })).toBe(
			'https://stats.plivo.com/v1',
		);
		expect(STATS_HOST.fromCredentials(SANDBOX)).toBe('http://127.0.0.1:8088/v1');
	});

	it('replaces the bare path n8n 1.x makes of the base URL, before the request is sent', async () => {
		const request: IHttpRequestOptions = { url: '/Call/', baseURL: '/v2/Account/' };
		await useHost(ACCOUNT_V2_HOST, 'plivoVoiceApi').call(context, request);
		expect(request.baseURL).toBe('http://127.0.0.1:8088/v2/Account/MA123');
	});

	it('runs for every operation with a base URL of its own, and only for those', async () => {
		const withOwnBase = operations.filter((operation) => operation.routing?.request?.baseURL);
		expect(withOwnBase.map((operation) => operation.value).sort()).toEqual([
			'getManyLiveV2',
			'sendFeedback',
		]);
		for (const operation of operations) {
			expect(Boolean(hostHook(operation)), String(operation.value)).toBe(
				withOwnBase.includes(operation),
			);
		}
		const baseAfterHook = async (value: string) => {
			const request: IHttpRequestOptions = { url: '/Call/', baseURL: '/v2/Account/' };
			await hostHook(operations.find((operation) => operation.value === value)!)!.call(
				context,
				request,
			);
			return request.baseURL;
		};
		expect(await baseAfterHook('getManyLiveV2')).toBe('http://127.0.0.1:8088/v2/Account/MA123');
		expect(await baseAfterHook('sendFeedback')).toBe('http://127.0.0.1:8088/v1');
	});
});
