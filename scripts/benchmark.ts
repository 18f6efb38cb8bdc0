/**
 * How much the node costs on top of the HTTP requests it sends.
 *
 * Each scenario sends the same requests to the local sandbox twice in this process: once through
 * the Plivo Voice node run by n8n-core's RoutingNode (expressions, validation, n8n's HTTP stack,
 * output shaping), once with plain undici. It prints both and their ratio; absolute times depend
 * on the machine, the ratio much less.
 *   npm run bench            (ROUNDS=5 npm run bench for steadier numbers)
 */
import { performance } from 'node:perf_hooks';

import type { INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { runPlivoVoice } from '../test/harness/plivo';
import { PlivoSandbox } from '../test/sandbox/plivo';

interface Scenario {
	name: string;
	/** Requests each run sends. */
	requests: number;
	viaNode: () => Promise<unknown>;
	viaUndici: () => Promise<unknown>;
}

async function time(run: () => Promise<unknown>, rounds: number): Promise<number> {
	const samples: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const start = performance.now();
		await run();
		samples.push(performance.now() - start);
	}
	samples.sort((a, b) => a - b);
	return samples[Math.floor(samples.length / 2)];
}

async function main(): Promise<void> {
	const rounds = Number(process.env.ROUNDS ?? 3);
	// The overhead is measured, not the pacing: Plivo's rate limits would refuse most of these requests.
	const sandbox = await PlivoSandbox.start({ limits: false });
	const { authId, authToken } = sandbox.account;
	const headers = {
		authorization: `Basic ${Buffer.from(`${authId}:${authToken}`).toString('base64')}`,
		'content-type': 'application/json',
		accept: 'application/json',
	};
	const base = `${sandbox.url}/v1/Account/${authId}`;
	const call = sandbox.state.calls.create({ from: '14155550100', to: '14155550101' });
	for (let index = 0; index < 200; index++)
		sandbox.state.calls.addCompleted({ durationSeconds: index + 1 });
	sandbox.state.calls.holdQueue = true; // made calls stay queued: the store does not grow live calls

	const repeat = async (times: number, run: () => Promise<unknown>) => {
		for (let index = 0; index < times; index++) await run();
	};
	const undiciJson = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
		const response = await request(url, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return (await response.body.json()) as Record<string, unknown>;
	};
	const node = (parameters: INodeParameters) =>
		runPlivoVoice(sandbox, { resource: 'call', ...parameters });

	const makeCall = {
		from: '14155550100',
		to: '14155550102',
		answer_url: 'https://example.com/answer',
	};
	const scenarios: Scenario[] = [
		{
			name: 'get a live call ×100',
			requests: 100,
			viaNode: () => repeat(100, () => node({ operation: 'getLive', callUuid: call.call_uuid })),
			viaUndici: () =>
				repeat(100, () => undiciJson('GET', `${base}/Call/${call.call_uuid}/?status=live`)),
		},
		{
			name: 'make a call ×100',
			requests: 100,
			viaNode: () =>
				repeat(100, () =>
					node({
						operation: 'create',
						from: makeCall.from,
						to: makeCall.to,
						answerUrl: makeCall.answer_url,
					}),
				),
			viaUndici: () => repeat(100, () => undiciJson('POST', `${base}/Call/`, makeCall)),
		},
		{
			name: 'list 200 CDRs, Return All ×10',
			requests: 110,
			viaNode: () => repeat(10, () => node({ operation: 'getMany', returnAll: true })),
			viaUndici: () =>
				repeat(10, async () => {
					const objects: unknown[] = [];
					for (let offset = 0; ; offset += 20) {
						const page = await undiciJson('GET', `${base}/Call/?limit=20&offset=${offset}`);
						objects.push(...(page.objects as unknown[]));
						if ((page.objects as unknown[]).length < 20) break;
					}
					return objects;
				}),
		},
	];

	// Warm up both paths (module loading, JIT, connection set-up) before measuring.
	for (const scenario of scenarios) {
		await scenario.viaNode();
		await scenario.viaUndici();
	}

	console.log(
		`Plivo Voice node vs plain undici, same requests to the local sandbox (median of ${rounds} rounds)\n`,
	);
	console.log('| scenario | node (ms/request) | undici (ms/request) | ratio node/undici |');
	console.log('|---|---|---|---|');
	for (const scenario of scenarios) {
		const viaNode = await time(scenario.viaNode, rounds);
		const viaUndici = await time(scenario.viaUndici, rounds);
		console.log(
			`| ${scenario.name} | ${(viaNode / scenario.requests).toFixed(3)} | ${(viaUndici / scenario.requests).toFixed(3)} | ${(viaNode / viaUndici).toFixed(2)}× |`,
		);
	}
	await sandbox.close();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
