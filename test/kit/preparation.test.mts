/**
 * The preparation hook every operation's request goes through (`preparedNearItsTurn`): it runs
 * the operation's steps in order once the account's scheduler lets the request in, and whatever
 * happens to a request (its checks refuse it, the execution is cancelled), the next ones are let
 * in. The scheduler's own rules are tested in scheduler.test.mts.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { RequestScheduler } from '../../lib/kit/scheduler';
import type { RunnerApi } from '../../lib/kit/transport';
import { preparationSteps, preparedNearItsTurn } from '../../lib/kit/transport';

function apiWith(scheduler: RequestScheduler): RunnerApi {
	return {
		name: 'Test API',
		notResentAdvice: 'Check before you run it again.',
		credentialType: 'testApi',
		scheduler: () => scheduler,
	};
}

/** An item of one run of the node (the run is told apart by its execute data). */
function itemOf(run: object, signal?: AbortSignal): IExecuteSingleFunctions {
	return {
		getExecuteData: () => run,
		getCredentials: async () => await Promise.resolve({ accountId: 'ACCOUNT1' }),
		getExecutionCancelSignal: () => signal,
	} as unknown as IExecuteSingleFunctions;
}

const request = (): IHttpRequestOptions => ({ url: '/things/{thingId}', method: 'GET' });

describe('preparing a request near its turn', () => {
	it('runs the steps in their order, each on what the one before returned', async () => {
		const scheduler = new RequestScheduler({ burst: 10, refillPerSecond: 10, maxConcurrency: 5 });
		const order: string[] = [];
		const steps: PreSendAction[] = [
			async function buildPath(options) {
				order.push('path');
				return await Promise.resolve({ ...options, url: '/things/T1' });
			},
			async function check(options) {
				order.push(`check ${options.url}`);
				return await Promise.resolve(options);
			},
		];
		const hook = preparedNearItsTurn(apiWith(scheduler), steps);
		expect(preparationSteps(hook)).toEqual(steps);
		const prepared = await hook.call(itemOf({}), request());
		expect(prepared.url).toBe('/things/T1');
		expect(order).toEqual(['path', 'check /things/T1']);
		expect(scheduler.load.preparing).toBe(0);
	});

	it('lets the next requests in when requests are refused while being prepared', async () => {
		const scheduler = new RequestScheduler({ burst: 10, refillPerSecond: 10, maxConcurrency: 5 });
		const refuse: PreSendAction = async function () {
			return await Promise.reject(new Error('‘Thing ID’ field is empty'));
		};
		const hook = preparedNearItsTurn(apiWith(scheduler), [refuse]);
		const run = {};
		// Twelve times the five let in at once: each refusal must let the next one in.
		const results = await Promise.allSettled(
			Array.from({ length: 60 }, async () => await hook.call(itemOf(run), request())),
		);
		expect(results.every((result) => result.status === 'rejected')).toBe(true);
		expect(scheduler.load.preparing).toBe(0);
		const ok = preparedNearItsTurn(apiWith(scheduler), []);
		await expect(ok.call(itemOf(run), request())).resolves.toEqual(request());
	});

	it('goes on to the runner when the execution is cancelled while the request waits its turn to be prepared', async () => {
		const scheduler = new RequestScheduler({ burst: 10, refillPerSecond: 10, maxConcurrency: 1 });
		let finishFirst = () => {};
		const slow: PreSendAction = async function (options) {
			await new Promise<void>((resolve) => (finishFirst = resolve));
			return options;
		};
		const controller = new AbortController();
		const run = {};
		const first = preparedNearItsTurn(apiWith(scheduler), [slow]).call(itemOf(run), request());
		// Let the first one in; the second waits behind it.
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(scheduler.load.preparing).toBe(1);
		const second = preparedNearItsTurn(apiWith(scheduler), []).call(
			itemOf(run, controller.signal),
			request(),
		);
		controller.abort(new Error('The execution was cancelled'));
		// Not refused here, where n8n could not pair the error with its item: the runner ends it.
		await expect(second).resolves.toEqual(request());
		finishFirst();
		await first;
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(scheduler.load.preparing).toBe(0);
	});
});
