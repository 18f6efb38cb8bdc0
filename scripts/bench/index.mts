/**
 * `npm run bench`: the Plivo Voice nodes against n8n's own nodes doing the same work, in a real
 * n8n (the pinned release scripts/n8n starts, with this package installed as a community package)
 * against the Plivo sandbox. It prints Markdown tables for the README.
 *
 *   npm run bench                       3 rounds at full size (about 15 minutes)
 *   ROUNDS=5 npm run bench              steadier medians
 *   ROUNDS=1 npm run bench              one short round (CI: keeps the benchmark working)
 *   BENCH_SCALE=quick|full              sizes (default: quick for ROUNDS=1, full otherwise)
 *   N8N_LINE=1|2                        the n8n line (scripts/n8n/lines.mts; default: its default, 2)
 *   BENCH_EXPRESSION_POOL_SIZE=2        n8n's N8N_EXPRESSION_ENGINE_POOL_SIZE (default: n8n's, 1): the
 *                                       expression isolates n8n 2.x keeps ready, one of which every
 *                                       callback to the trigger waits for
 *   BENCH_EXPRESSION_LAZY_ACQUIRE=true  n8n's N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE (default: n8n's, off):
 *                                       n8n 2.x takes an isolate only when an expression needs one
 *
 * Each action scenario runs the same work as two workflows, one with the Plivo Voice node and one
 * with n8n's HTTP Request node, sending the sandbox the same requests (checked before measuring,
 * with their outputs); the pairs are interleaved, their order alternating from round to round.
 * Nothing here asserts a time: speed is reported, not tested.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { PLIVO_REQUEST_LIMIT, PlivoSandbox, plivoLimits } from '../../test/sandbox/plivo/index.mts';
import { freePort } from '../n8n/instance.mts';
import { launchN8n, SANDBOX_CREDENTIAL, sandboxCredentialData } from '../n8n/launch.mts';
import { parseN8nLine } from '../n8n/lines.mts';
import type { ActionScenario, VariantName } from './actions.mts';
import { ActionRun } from './actions.mts';
import type { CallbackTarget } from './callbacks.mts';
import { CallbackSender, idleHealth, paddingOf } from './callbacks.mts';
import { describeMachine } from './machine.mts';
import { ProcessMeter } from './process.mts';
import type { Summary } from './stats.mts';
import { formatMegabytes, formatMs, formatRatio, formatSummary, summarise } from './stats.mts';
import type { ApiTarget } from './workflows.mts';
import {
	ANSWER_XML,
	getCdrPair,
	getManyCdrsPair,
	makeCallPair,
	triggerWorkflow,
	webhookWorkflow,
} from './workflows.mts';

const SCALES = {
	full: {
		itemCounts: [1, 100, 1000],
		cdrList: 10_000,
		atLimits: 1000,
		callbacksPerBlock: 25,
		largeCallbackBytes: 8 * 1024 * 1024,
		largeCallbacks: 3,
		burst: { count: 2000, concurrency: 50 },
		idleHealthMs: 2000,
	},
	quick: {
		itemCounts: [1, 10, 100],
		cdrList: 1000,
		atLimits: 400,
		callbacksPerBlock: 10,
		largeCallbackBytes: 1024 * 1024,
		largeCallbacks: 1,
		burst: { count: 200, concurrency: 20 },
		idleHealthMs: 500,
	},
};

/** Plivo's documented API rate limit, which the sandbox enforces by default. */
const PLIVO_LIMIT = PLIVO_REQUEST_LIMIT;
/** Latency the sandbox adds to every answer: Plivo's API is tens of milliseconds away. */
const LATENCY_MS = 50;
/**
 * How long n8n is left idle between spaced callbacks, after the last one's workflow finished: calls
 * answered at a human pace are seconds apart, and n8n has put away what the last one used.
 */
const SPACED_IDLE_MS = 250;

const log = (message: string) => console.error(`[bench] ${message}`);
const count = (value: number) => value.toLocaleString('en-US');

/**
 * A sandbox with Plivo's rate limits, or without any: every scenario but the one at Plivo's limits
 * measures what the work costs, not how it is paced.
 */
async function startSandbox(withLimits: boolean): Promise<PlivoSandbox> {
	return await PlivoSandbox.start(withLimits ? {} : { limits: false });
}

function completedCalls(sandbox: PlivoSandbox): number {
	return [...sandbox.state.calls.calls.values()].filter((call) => call.status === 'completed')
		.length;
}

/** Adds finished calls until the sandbox has `total` CDRs; returns the UUIDs of the first `total`. */
function seedCdrs(sandbox: PlivoSandbox, total: number): string[] {
	for (let index = completedCalls(sandbox); index < total; index++)
		sandbox.state.calls.addCompleted({ durationSeconds: (index % 300) + 1 });
	return [...sandbox.state.calls.calls.values()]
		.filter((call) => call.status === 'completed')
		.slice(0, total)
		.map((call) => call.call_uuid);
}

/** Forgets the calls a "make a call" run placed, so that every run starts from the same sandbox. */
function forgetPlacedCalls(sandbox: PlivoSandbox): void {
	for (const [uuid, call] of sandbox.state.calls.calls)
		if (call.status !== 'completed') sandbox.state.calls.calls.delete(uuid);
}

interface ActionRow {
	run: ActionRun;
	requests: number;
}

function actionTable(rows: ActionRow[]): string[] {
	const lines = [
		'| Work | Requests | Plivo Voice | HTTP Request | Ratio | n8n CPU: Plivo Voice / HTTP Request | Peak memory: Plivo Voice / HTTP Request |',
		'|---|---:|---:|---:|---:|---:|---:|',
	];
	for (const { run, requests } of rows) {
		const of = (
			variant: VariantName,
			pick: (sample: ActionRun['samples'][VariantName][number]) => number | undefined,
		) => summarise(run.samples[variant].map(pick));
		const time = { plivo: of('plivo', (s) => s.timeMs), http: of('http', (s) => s.timeMs) };
		const cpu = { plivo: of('plivo', (s) => s.cpuMs), http: of('http', (s) => s.cpuMs) };
		const memory = { plivo: of('plivo', (s) => s.peakBytes), http: of('http', (s) => s.peakBytes) };
		const limited = {
			plivo: of('plivo', (s) => s.rateLimited),
			http: of('http', (s) => s.rateLimited),
		};
		const refused =
			(limited.plivo?.max ?? 0) + (limited.http?.max ?? 0) > 0
				? ` (429s: ${limited.plivo?.median ?? 0} / ${limited.http?.median ?? 0})`
				: '';
		const timeCell = (variant: VariantName) =>
			run.failures[variant]
				? `failed: ${run.failures[variant].replace(/[|\n]/g, ' ')}`
				: formatSummary(time[variant]);
		lines.push(
			`| ${run.scenario.name} | ${count(requests)}${refused} | ${timeCell('plivo')} | ${timeCell('http')} | ${formatRatio(time.plivo, time.http)} | ` +
				`${cpuCell(cpu.plivo)} / ${cpuCell(cpu.http)} (${formatRatio(cpu.plivo, cpu.http)}) | ` +
				`${formatMegabytes(memory.plivo?.median)} / ${formatMegabytes(memory.http?.median)} |`,
		);
	}
	return lines;
}

function cpuCell(summary: Summary | undefined): string {
	return summary ? formatMs(summary.median) : '–';
}

async function main(): Promise<void> {
	const began = performance.now();
	const rounds = Math.max(1, Number(process.env.ROUNDS ?? 3));
	const scaleName = (process.env.BENCH_SCALE ??
		(rounds === 1 ? 'quick' : 'full')) as keyof typeof SCALES;
	const scale = SCALES[scaleName];
	if (!scale) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(', ')}`);
	const line = parseN8nLine(process.env.N8N_LINE, 'N8N_LINE');

	const sandbox = await startSandbox(false);
	const limitedSandbox = await startSandbox(true);
	const sandboxes = [sandbox, limitedSandbox];
	const userFolder = mkdtempSync(join(tmpdir(), 'plivo-voice-bench-'));
	let stopN8n: (() => Promise<void>) | undefined;
	try {
		// What the limited sandbox enforces: Plivo's limit, unless PLIVO_SANDBOX_RATE_LIMIT says otherwise.
		const { requests: enforcedLimit } = plivoLimits();
		const poolSize = process.env.BENCH_EXPRESSION_POOL_SIZE;
		const lazyAcquire = process.env.BENCH_EXPRESSION_LAZY_ACQUIRE === 'true';
		const n8nSettings: Record<string, string> = {
			...(poolSize ? { N8N_EXPRESSION_ENGINE_POOL_SIZE: poolSize } : {}),
			...(lazyAcquire ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {}),
		};
		const { install, instance, client } = await launchN8n({
			line,
			userFolder,
			port: await freePort(),
			sandbox,
			logFile: join(userFolder, 'n8n.log'),
			log,
			env: n8nSettings,
		});
		stopN8n = () => instance.stop();
		const pid = instance.pid;
		if (pid === undefined) throw new Error('n8n has no process id');
		const meter = new ProcessMeter(pid);
		const machine = [
			describeMachine(install.version, pid),
			...(poolSize
				? [`n8n's expression isolate pool: ${poolSize} (N8N_EXPRESSION_ENGINE_POOL_SIZE)`]
				: []),
			...(lazyAcquire
				? ['isolates taken when an expression needs one (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true)']
				: []),
		].join('; ');
		log(`n8n ${install.version} is running (pid ${pid}); ${rounds} round(s), ${scaleName} sizes.`);

		// The sandbox without limits stands for an account whose limit Plivo raised: its credential
		// says so, so that the node measures its cost per request, not its pacing to 300 per 5 s.
		const unlimitedCredential = await client.createCredential({
			name: 'Plivo Voice sandbox, raised limit',
			type: 'plivoVoiceApi',
			data: { ...sandboxCredentialData(sandbox), requestsPer5Seconds: 1_000_000 },
		});
		const target: ApiTarget = {
			baseUrl: sandbox.url,
			authId: sandbox.account.authId,
			credential: unlimitedCredential,
		};
		const limitedCredential = await client.createCredential({
			name: 'Plivo Voice sandbox at Plivo limits',
			type: 'plivoVoiceApi',
			data: sandboxCredentialData(limitedSandbox),
		});
		const limitedTarget: ApiTarget = {
			baseUrl: limitedSandbox.url,
			authId: limitedSandbox.account.authId,
			credential: limitedCredential,
		};

		const maxItems = Math.max(...scale.itemCounts);
		const cdrs = seedCdrs(sandbox, maxItems);
		seedCdrs(sandbox, scale.cdrList);
		const limitedCdrs = seedCdrs(limitedSandbox, scale.atLimits);
		sandbox.state.calls.holdQueue = true;
		const numbers = Array.from({ length: maxItems }, (_, index) => String(14155560000 + index));
		const placed = () => forgetPlacedCalls(sandbox);

		const scenarios: Array<ActionScenario & { requests: number }> = [
			...scale.itemCounts.map((items) => ({
				name: `Call › Get CDR × ${count(items)}, ${LATENCY_MS} ms latency`,
				pair: getCdrPair(`Get CDR × ${items}`, target, cdrs.slice(0, items)),
				sandbox,
				latencyMs: LATENCY_MS,
				expectedItems: items,
				volatileFields: ['api_id'],
				requests: items,
			})),
			...scale.itemCounts.map((items) => ({
				name: `Call › Make × ${count(items)}, ${LATENCY_MS} ms latency`,
				pair: makeCallPair(`Make × ${items}`, target, numbers.slice(0, items)),
				sandbox,
				latencyMs: LATENCY_MS,
				expectedItems: items,
				volatileFields: ['api_id', 'request_uuid'],
				prepare: placed,
				requests: items,
			})),
			...[0, LATENCY_MS].map((latencyMs) => ({
				name: `Call › Get Many CDRs, Return All of ${count(scale.cdrList)}, ${latencyMs} ms latency`,
				pair: getManyCdrsPair(`Get Many CDRs, ${latencyMs} ms`, target),
				sandbox,
				latencyMs,
				expectedItems: scale.cdrList,
				requests: Math.ceil(scale.cdrList / 20),
			})),
			{
				// HTTP Request keeps under the limit as a user would set it: batches of 300 every 5 s.
				name: `Call › Get CDR × ${count(scale.atLimits)} at Plivo's limits, ${LATENCY_MS} ms latency`,
				pair: getCdrPair(
					`Get CDR × ${scale.atLimits} at Plivo's limits`,
					limitedTarget,
					limitedCdrs,
					{
						batching: {
							batch: { batchSize: PLIVO_LIMIT.limit, batchInterval: PLIVO_LIMIT.windowMs },
						},
					},
				),
				sandbox: limitedSandbox,
				latencyMs: LATENCY_MS,
				pauseBeforeMs: PLIVO_LIMIT.windowMs,
				mayFail: true,
				expectedItems: scale.atLimits,
				volatileFields: ['api_id'],
				requests: scale.atLimits,
			},
		];

		const runs: ActionRow[] = [];
		for (const scenario of scenarios) {
			const run = await ActionRun.save(client, scenario);
			log(`Checking (and warming up): ${scenario.name}`);
			await run.check(client, meter);
			runs.push({ run, requests: scenario.requests });
		}
		for (let round = 0; round < rounds; round++) {
			const order: VariantName[] = round % 2 ? ['http', 'plivo'] : ['plivo', 'http'];
			for (const { run } of runs) {
				log(`Round ${round + 1}/${rounds}: ${run.scenario.name}`);
				for (const variant of order) await run.measureOnce(client, meter, variant);
			}
		}

		// Callbacks.
		const n8nUrl = instance.url;
		const credential = SANDBOX_CREDENTIAL;
		const saveActive = async (workflow: ReturnType<typeof webhookWorkflow>) => {
			const saved = await client.createWorkflow(workflow.workflow);
			await client.activateWorkflow(saved.id);
			return { id: saved.id, url: `${n8nUrl}/webhook/${workflow.path}` };
		};
		const verified = await saveActive(
			triggerWorkflow('Plivo Voice Trigger, verification on', credential, true),
		);
		const unverified = await saveActive(
			triggerWorkflow('Plivo Voice Trigger, verification off', credential, false),
		);
		const webhook = await saveActive(webhookWorkflow('Webhook node answering Plivo XML'));
		const answered = { status: 200, body: ANSWER_XML };
		const refused = { status: 403 };
		const targets: Record<string, CallbackTarget> = {
			verified: { workflowId: verified.id, url: verified.url, forged: false, expect: answered },
			unverified: {
				workflowId: unverified.id,
				url: unverified.url,
				forged: false,
				expect: answered,
			},
			webhook: { workflowId: webhook.id, url: webhook.url, forged: false, expect: answered },
			forged: { url: verified.url, forged: true, expect: refused },
		};
		const padding = paddingOf(scale.largeCallbackBytes);
		const large: Record<string, CallbackTarget> = {
			// Refused for its signature (403), or for its size before the signature is looked at (413).
			forged: { url: verified.url, forged: true, expect: { status: [403, 413] }, padding },
			webhook: {
				workflowId: webhook.id,
				url: webhook.url,
				forged: true,
				expect: { status: 200 },
				padding,
			},
		};
		const sender = new CallbackSender(client, meter, sandbox.account.authToken);
		log('Callbacks: checking (and warming up)');
		for (const callbackTarget of Object.values(targets)) await sender.block(callbackTarget, 3);

		const times: Record<string, number[]> = {};
		const cpu: Record<string, number[]> = {};
		const record = (name: string, result: { timesMs: number[]; cpuPerCallbackMs?: number }) => {
			(times[name] ??= []).push(...result.timesMs);
			if (result.cpuPerCallbackMs !== undefined) (cpu[name] ??= []).push(result.cpuPerCallbackMs);
		};
		const names = Object.keys(targets);
		for (let round = 0; round < rounds; round++) {
			log(`Round ${round + 1}/${rounds}: callbacks one at a time`);
			for (let index = 0; index < names.length; index++) {
				const name = names[(index + round) % names.length];
				record(name, await sender.block(targets[name], scale.callbacksPerBlock));
			}
			for (const name of round % 2 ? ['webhook', 'verified'] : ['verified', 'webhook']) {
				record(
					`spaced ${name}`,
					await sender.block(targets[name], scale.callbacksPerBlock, SPACED_IDLE_MS),
				);
			}
			for (let index = 0; index < scale.largeCallbacks; index++) {
				for (const name of round % 2 ? ['webhook', 'forged'] : ['forged', 'webhook']) {
					record(`large ${name}`, await sender.block(large[name], 1));
				}
			}
		}
		log(`/healthz, idle and during a burst of ${count(scale.burst.count)} forged callbacks`);
		const healthUrl = `${n8nUrl}/healthz`;
		const idle = await idleHealth(healthUrl, scale.idleHealthMs);
		const burst = await sender.burst(
			targets.forged,
			scale.burst.count,
			scale.burst.concurrency,
			healthUrl,
		);

		// The report.
		const timeOf = (name: string) => summarise(times[name] ?? []);
		const cpuOf = (name: string) => summarise(cpu[name] ?? []);
		const megabytes = Math.round(scale.largeCallbackBytes / 1024 / 1024);
		const lines = [
			`### Plivo Voice against n8n's own nodes, in n8n ${install.version}`,
			'',
			`Measured on ${machine}. ${rounds} round${rounds === 1 ? '' : 's'} (${scaleName} sizes) of interleaved pairs; medians, with min–max in brackets.`,
			`Time: the node's run time as n8n records it (HTTP Request plus Split Out for the list). n8n CPU: the n8n process's CPU time (\`/proc/<pid>/stat\`) over the whole execution. Peak memory: n8n's resident memory (${meter.memoryMethod}). The sandbox answers after ${LATENCY_MS} ms where stated.`,
			'',
			...actionTable(runs),
			'',
			enforcedLimit
				? `At Plivo's limits: the sandbox allows ${enforcedLimit.limit} requests per ${enforcedLimit.windowMs / 1000} s per account (Plivo's limit is ${PLIVO_LIMIT.limit} per ${PLIVO_LIMIT.windowMs / 1000} s), answering 429 beyond; the Plivo Voice node paces itself, HTTP Request is set to batches of ${PLIVO_LIMIT.limit} every ${PLIVO_LIMIT.windowMs / 1000} s.`
				: `At Plivo's limits: this sandbox does not rate-limit yet, so that row shows HTTP Request batching (${PLIVO_LIMIT.limit} every ${PLIVO_LIMIT.windowMs / 1000} s) against the node unthrottled.`,
			'',
			'| Callback | Plivo Voice Trigger | n8n Webhook node, same XML | Ratio | n8n CPU per callback: trigger / Webhook |',
			'|---|---:|---:|---:|---:|',
			`| Signed answer callback, one at a time, verification on | ${formatSummary(timeOf('verified'))} | ${formatSummary(timeOf('webhook'))} | ${formatRatio(timeOf('verified'), timeOf('webhook'))} | ${cpuCell(cpuOf('verified'))} / ${cpuCell(cpuOf('webhook'))} |`,
			`| Signed answer callback, one at a time, verification off | ${formatSummary(timeOf('unverified'))} | ${formatSummary(timeOf('webhook'))} | ${formatRatio(timeOf('unverified'), timeOf('webhook'))} | ${cpuCell(cpuOf('unverified'))} / ${cpuCell(cpuOf('webhook'))} |`,
			`| Signed answer callback, spaced (n8n idle ${SPACED_IDLE_MS} ms after the last one's workflow), verification on | ${formatSummary(timeOf('spaced verified'))} | ${formatSummary(timeOf('spaced webhook'))} | ${formatRatio(timeOf('spaced verified'), timeOf('spaced webhook'))} | ${cpuCell(cpuOf('spaced verified'))} / ${cpuCell(cpuOf('spaced webhook'))} |`,
			`| Forged callback, refused (403) | ${formatSummary(timeOf('forged'))} | – | – | ${cpuCell(cpuOf('forged'))} / – |`,
			`| Forged ${megabytes} MB callback: trigger refuses it (${[...(sender.statuses.get(large.forged) ?? [])].join(', ')}), Webhook node takes it | ${formatSummary(timeOf('large forged'))} | ${formatSummary(timeOf('large webhook'))} | ${formatRatio(timeOf('large forged'), timeOf('large webhook'))} | ${cpuCell(cpuOf('large forged'))} / ${cpuCell(cpuOf('large webhook'))} |`,
			'',
			`\`/healthz\` answered in ${formatSummary(summarise(idle))} when idle, and in ${formatSummary(summarise(burst.healthMs))} during a burst of ${count(scale.burst.count)} forged callbacks sent ${scale.burst.concurrency} at a time to the trigger, which refused ${Math.round((scale.burst.count * 1000) / burst.durationMs)} a second at ${cpuCell(summarise([burst.cpuPerCallbackMs]))} of n8n CPU each; n8n's peak memory during the burst: ${formatMegabytes(burst.peakBytes)}.`,
		];
		console.log(lines.join('\n'));
		log(`Done in ${Math.round((performance.now() - began) / 1000)} s.`);
	} finally {
		await stopN8n?.();
		await Promise.all(sandboxes.map((each) => each.close()));
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
