/**
 * Where n8n's time goes (issue 11, parts 5 and 7), in the same real n8n as `npm run bench`:
 *   npx tsx scripts/bench/profile.mts      (after npm run build; N8N_LINE=1|2 as for npm run bench)
 *
 * (a) Call › Get CDR over 1,000 items with `{{ $json.call_uuid }}` as Call UUID, with the Plivo
 *     Voice node and with HTTP Request; (b) signed answer callbacks, one at a time, to the Plivo
 *     Voice Trigger with verification on and off, forged callbacks it refuses, and n8n's Webhook
 *     node. For each: n8n's expression evaluations, counted in n8n's process (per expression and
 *     per caller), and a CPU profile (self and inclusive time per function and per package).
 * Summaries go to stdout and scripts/bench/profiles/; the raw profiles (.cpuprofile, for Chrome's
 * DevTools) to a temporary folder, whose path is printed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PlivoSandbox } from '../../test/sandbox/plivo/index.mts';
import { freePort } from '../n8n/instance.mts';
import { launchN8n, SANDBOX_CREDENTIAL } from '../n8n/launch.mts';
import { parseN8nLine } from '../n8n/lines.mts';
import { ActionRun } from './actions.mts';
import type { CallbackTarget } from './callbacks.mts';
import { CallbackSender } from './callbacks.mts';
import type { ProfileSummary } from './inspector.mts';
import { INSPECTABLE, N8nInspector, summariseProfile } from './inspector.mts';
import { ProcessMeter } from './process.mts';
import type { ApiTarget } from './workflows.mts';
import { ANSWER_XML, getCdrPair, triggerWorkflow, webhookWorkflow } from './workflows.mts';

const ITEMS = Number(process.env.PROFILE_ITEMS ?? 1000);
const CALLBACKS = Number(process.env.PROFILE_CALLBACKS ?? 100);
const SUMMARY_DIR = join(import.meta.dirname, 'profiles');

/**
 * Installed in n8n's process: counts the expressions n8n-workflow's Expression evaluates (every
 * evaluation goes through resolveSimpleParameterValue), by node, expression and the two nearest
 * callers outside n8n-workflow, while `globalThis.__benchCounting` is set.
 */
const INSTALL_COUNTER = `(() => {
	const { Expression } = require('n8n-workflow');
	const proto = Expression.prototype;
	if (!proto.__benchOriginal) {
		proto.__benchOriginal = proto.resolveSimpleParameterValue;
		globalThis.__benchCounts = new Map();
		proto.resolveSimpleParameterValue = function (value, ...rest) {
			if (globalThis.__benchCounting && typeof value === 'string' && value.charAt(0) === '=') {
				const limit = Error.stackTraceLimit;
				Error.stackTraceLimit = 40;
				const frames = new Error().stack.split('\\n').slice(2);
				Error.stackTraceLimit = limit;
				const callers = frames
					.filter((line) => !line.includes('/n8n-workflow/'))
					.slice(0, 2)
					.map((line) => line.trim().replace(/^at /, '').replace(/ \\(.*node_modules\\//, ' (').replace(/^\\/.*node_modules\\//, '').replace(/:\\d+\\)$/, ')'));
				const key = [rest[4], value.slice(0, 90).replace(/\\s+/g, ' '), callers.join(' ← ')].join(' | ');
				globalThis.__benchCounts.set(key, (globalThis.__benchCounts.get(key) || 0) + 1);
			}
			return proto.__benchOriginal.call(this, value, ...rest);
		};
	}
	return { engine: Expression.expressionEngine ?? 'tournament (legacy)' };
})()`;

const START_COUNTING = `(() => { globalThis.__benchCounts.clear(); globalThis.__benchCounting = true; return true; })()`;
const STOP_COUNTING = `(() => { globalThis.__benchCounting = false; return [...globalThis.__benchCounts].sort((a, b) => b[1] - a[1]); })()`;

interface Report {
	title: string;
	/** What the counts and times are divided by: items, callbacks. */
	per: { count: number; unit: string };
	cpuMs?: number;
	counts: Array<[string, number]>;
	summary: ProfileSummary;
}

const FOCUS =
	/getCredentials|getDecrypted|decrypt|Cipher|applyDefaultsAndOverwrites|CredentialsHelper|resolveSimpleParameterValue|renderExpression|evaluate|Tournament|getNodeParameter|getParameterValue|findOne|runQuery|Statement|hmac|createHmac|isValidV3Signature|webhook \(|executeWebhook|WorkflowDataProxy|RoutingNode|runNode|makeRoutingRequest|httpRequest|proxyRequestToAxios|saveExecution|updateExistingExecution|stringify/;

function markdown(report: Report): string {
	const { summary, per } = report;
	const each = (ms: number) => `${(ms / per.count).toFixed(2)} ms`;
	const total = report.counts.reduce((sum, [, count]) => sum + count, 0);
	const lines = [
		`## ${report.title}`,
		'',
		`Profiled: ${Math.round(summary.totalMs)} ms, of which n8n was busy ${Math.round(summary.busyMs)} ms (${each(summary.busyMs)} per ${per.unit})` +
			(report.cpuMs === undefined
				? ''
				: `; process CPU ${Math.round(report.cpuMs)} ms (${each(report.cpuMs)} per ${per.unit})`) +
			'.',
		'',
		`Expression evaluations: ${total} in a counted run of ${per.count} ${per.unit}s, ${(total / per.count).toFixed(1)} per ${per.unit}.`,
		'',
		'| Evaluations | Node | Expression | Called from |',
		'|---:|---|---|---|',
		...report.counts.slice(0, 25).map(([key, count]) => {
			const [node, expression, callers] = key.split(' | ');
			return `| ${count} | ${node} | \`${expression.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${callers} |`;
		}),
		'',
		'Self time by package:',
		'',
		'| Package | ms | per ' + per.unit + ' |',
		'|---|---:|---:|',
		...summary.packages
			.slice(0, 12)
			.map(({ name, ms }) => `| ${name} | ${Math.round(ms)} | ${each(ms)} |`),
		'',
		'Top frames by self time:',
		'',
		'| Function | ms | per ' + per.unit + ' |',
		'|---|---:|---:|',
		...summary.self
			.slice(0, 20)
			.map(({ name, ms }) => `| ${name} | ${Math.round(ms)} | ${each(ms)} |`),
		'',
		'Frames of interest by inclusive time (callees included):',
		'',
		'| Function | ms | per ' + per.unit + ' |',
		'|---|---:|---:|',
		...summary.total
			.filter(({ name }) => FOCUS.test(name))
			.slice(0, 30)
			.map(({ name, ms }) => `| ${name} | ${Math.round(ms)} | ${each(ms)} |`),
		'',
	];
	// The sandbox's address changes from run to run.
	return lines.join('\n').replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://<sandbox>');
}

async function main(): Promise<void> {
	process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, INSPECTABLE].filter(Boolean).join(' ');
	const sandbox = await PlivoSandbox.start({ limits: false });
	const userFolder = mkdtempSync(join(tmpdir(), 'plivo-voice-profile-'));
	const rawDir = mkdtempSync(join(tmpdir(), 'plivo-voice-profiles-'));
	const log = (message: string) => console.error(`[profile] ${message}`);
	const line = parseN8nLine(process.env.N8N_LINE, 'N8N_LINE');
	const launched = await launchN8n({
		line,
		userFolder,
		port: await freePort(),
		sandbox,
		logFile: join(userFolder, 'n8n.log'),
		log,
	});
	const { install, instance, client } = launched;
	try {
		const meter = new ProcessMeter(instance.pid!);
		const inspector = await N8nInspector.attach(instance, install);
		const { engine } = await inspector.evaluate<{ engine: string }>(INSTALL_COUNTER);
		log(`n8n ${install.version}, expression engine: ${engine}`);
		const reports: Report[] = [];

		const measure = async (title: string, per: Report['per'], work: () => Promise<void>) => {
			await inspector.evaluate(START_COUNTING);
			await work();
			const counts = await inspector.evaluate<Array<[string, number]>>(STOP_COUNTING);
			let cpuMs: number | undefined;
			const profile = await inspector.profile(async () => {
				cpuMs = (await meter.measure(work)).cpuMs;
			});
			const file = join(rawDir, `${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.cpuprofile`);
			writeFileSync(file, JSON.stringify(profile));
			reports.push({ title, per, cpuMs, counts, summary: summariseProfile(profile) });
			log(`${title}: profiled (${file})`);
		};

		// (a) Get CDR over 1,000 items.
		for (let index = 0; index < ITEMS; index++)
			sandbox.state.calls.addCompleted({ durationSeconds: index + 1 });
		const uuids = [...sandbox.state.calls.calls.keys()];
		const target: ApiTarget = {
			baseUrl: sandbox.url,
			authId: sandbox.account.authId,
			credential: SANDBOX_CREDENTIAL,
		};
		const run = await ActionRun.save(client, {
			name: `Get CDR × ${ITEMS}`,
			pair: getCdrPair(`Get CDR × ${ITEMS} (profile)`, target, uuids),
			sandbox,
			latencyMs: 50,
			expectedItems: ITEMS,
			volatileFields: ['api_id'],
		});
		await run.check(client, meter);
		for (const variant of ['plivo', 'http'] as const) {
			const name = variant === 'plivo' ? 'Plivo Voice' : 'HTTP Request';
			await measure(
				`(a) Call › Get CDR × ${ITEMS}, ${name}, 50 ms latency`,
				{ count: ITEMS, unit: 'item' },
				async () => {
					await run.run(client, meter, variant);
				},
			);
		}

		// (b) Callbacks.
		const saveActive = async (workflow: ReturnType<typeof webhookWorkflow>) => {
			const saved = await client.createWorkflow(workflow.workflow);
			await client.activateWorkflow(saved.id);
			return { id: saved.id, url: `${instance.url}/webhook/${workflow.path}` };
		};
		const answered = { status: 200, body: ANSWER_XML };
		const verified = await saveActive(
			triggerWorkflow('Trigger, verification on (profile)', SANDBOX_CREDENTIAL, true),
		);
		const unverified = await saveActive(
			triggerWorkflow('Trigger, verification off (profile)', SANDBOX_CREDENTIAL, false),
		);
		const webhook = await saveActive(webhookWorkflow('Webhook (profile)'));
		const targets: Array<[string, CallbackTarget]> = [
			[
				'Plivo Voice Trigger, verification on',
				{ workflowId: verified.id, url: verified.url, forged: false, expect: answered },
			],
			[
				'Plivo Voice Trigger, verification off',
				{ workflowId: unverified.id, url: unverified.url, forged: false, expect: answered },
			],
			[
				'Plivo Voice Trigger, forged callbacks (refused)',
				{ url: verified.url, forged: true, expect: { status: 403 } },
			],
			[
				"n8n's Webhook node",
				{ workflowId: webhook.id, url: webhook.url, forged: false, expect: answered },
			],
		];
		const sender = new CallbackSender(client, meter, sandbox.account.authToken);
		for (const [, callbackTarget] of targets) await sender.block(callbackTarget, 5);
		for (const [name, callbackTarget] of targets) {
			await measure(
				`(b) ${name}: ${CALLBACKS} signed answer callbacks, one at a time`,
				{ count: CALLBACKS, unit: 'callback' },
				async () => {
					await sender.block(callbackTarget, CALLBACKS);
				},
			);
		}
		inspector.close();

		mkdirSync(SUMMARY_DIR, { recursive: true });
		const text = [
			`# Where n8n's time goes: profiles (n8n ${install.version}, expression engine ${engine})`,
			'',
			`Made by scripts/bench/profile.mts; sampled every 0.2 ms. Expressions counted in a separate run from the profiled one.`,
			'',
			...reports.map(markdown),
		].join('\n');
		writeFileSync(join(SUMMARY_DIR, `n8n-${install.version}.md`), text);
		console.log(text);
		log(`Raw profiles: ${rawDir}`);
	} catch (error) {
		console.error(`n8n's last output:\n${instance.logTail(60)}`);
		throw error;
	} finally {
		await instance.stop();
		await sandbox.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
