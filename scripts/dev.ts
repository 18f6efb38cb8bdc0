/**
 * `npm run dev`: a real n8n with this package, on http://localhost:5678, against the local Plivo
 * sandbox on http://127.0.0.1:8088, with a ready credential and the example workflows. n8n 2.x
 * unless told `--n8n 1` (n8n 1.123).
 *
 * Builds the package, installs the line's pinned n8n (and for 2.x its Node 24) on first use (into
 * .n8n-dev/), loads the package into a throw-away user folder (.n8n-dev/user-n8n-<line>), imports the sandbox credential and examples,
 * starts the sandbox and n8n, signs up the owner so that the editor opens on a login page, and
 * activates the examples that start from a Plivo Voice Trigger (n8n imports workflows inactive).
 * The terminal shows the sandbox's traffic both ways (the API requests it answers, the callbacks
 * it sends and the XML that came back) and the verification codes it "sends"; the ready message
 * says how to place an inbound call and press keys. Ctrl-C (or SIGTERM) stops n8n and the
 * sandbox. `npm run dev -- --reset` starts from an empty user folder (`-- --n8n 1 --reset` for 1.123's).
 *
 * `npm run dev -- --queue` starts n8n in queue mode instead (scripts/n8n/queue.ts): main on
 * http://localhost:5678, a worker, and a webhook process on http://127.0.0.1:5680 (the public
 * webhook URL every process is given), on a PostgreSQL and a Redis of their own; all of it,
 * databases included, in .n8n-dev/queue-<line>, emptied at every start.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { RecordedRequest } from '../test/sandbox/core';
import { PlivoSandbox } from '../test/sandbox/plivo';
import type { DeliveredCallback } from '../test/sandbox/plivo/callbacks';
import { CONTROL_PREFIX } from '../test/sandbox/plivo/controls';
import { showVerificationCodes } from '../test/sandbox/plivo/verifiedCallerIds';
import type { N8nInstall } from './n8n/install';
import { assertPortFree, N8nInstance } from './n8n/instance';
import type { Example } from './n8n/launch';
import { loadExamples, launchN8n, OWNER, SANDBOX_CREDENTIAL } from './n8n/launch';
import type { N8nLine } from './n8n/lines';
import { DEFAULT_N8N_LINE, parseN8nLine } from './n8n/lines';
import { DEV_ROOT, devUserFolder, REPO_ROOT } from './n8n/paths';
import { runCommand } from './n8n/processes';
import type { QueueN8n } from './n8n/queue';
import { launchQueueN8n, QUEUE_ROLES } from './n8n/queue';
import type { N8nClient } from './n8n/rest';
import { N8nApiError } from './n8n/rest';

const N8N_PORT = 5678;
const SANDBOX_PORT = 8088;
const LOG_FILE = join(DEV_ROOT, 'n8n.log');
/** Queue mode: the webhook process's port (main's is N8N_PORT). */
const QUEUE_WEBHOOK_PORT = 5680;
const queueDir = (line: N8nLine) => join(DEV_ROOT, `queue-${line}`);

const show = (path: string) => relative(process.cwd(), path) || '.';

const TRIGGER_TYPE = 'n8n-nodes-plivo-voice.plivoVoiceTrigger';

/** Prints a log's entries in order, each once it is complete; starts over when the log is cleared. */
function follow<T>(
	log: () => T[],
	complete: (entry: T) => boolean,
	print: (entry: T) => void,
): () => void {
	let printed = 0;
	return () => {
		const entries = log();
		if (entries.length < printed) printed = 0;
		while (printed < entries.length && complete(entries[printed])) print(entries[printed++]);
	};
}

function requestLine(request: RecordedRequest): string {
	return `  sandbox: ${request.method} ${request.path}${request.rawQuery ? `?${request.rawQuery}` : ''} → ${request.status}`;
}

/** A callback the sandbox sent, and the XML that came back (indented), if any. */
function callbackLines(callback: DeliveredCallback): string {
	const answer =
		callback.status === undefined ? `not delivered: ${callback.error}` : String(callback.status);
	const head = `  sandbox → ${callback.method} ${callback.url} (${callback.params.Event ?? (callback.params.Digits ? `Digits=${callback.params.Digits}` : 'callback')}) → ${answer}`;
	const xml =
		/xml/i.test(callback.contentType ?? '') && callback.responseBody
			? callback.responseBody.replace(/^/gm, '      ')
			: '';
	return xml ? `${head}\n${xml}` : head;
}

/**
 * Prints the sandbox's traffic, so that a run in the editor shows its API requests, and a call's
 * callbacks show what the workflow answered.
 */
function printSandboxTraffic(sandbox: PlivoSandbox): NodeJS.Timeout {
	const requests = follow(
		() => sandbox.requests,
		(request) => request.status !== undefined,
		(request) => console.log(requestLine(request)),
	);
	const callbacks = follow(
		() => sandbox.state.callbacks.delivered,
		(callback) => callback.status !== undefined || callback.error !== undefined,
		(callback) => console.log(callbackLines(callback)),
	);
	// Callbacks first: a control request (an inbound call, keys pressed) completes only after the
	// callbacks it caused.
	return setInterval(() => {
		callbacks();
		requests();
	}, 200);
}

/**
 * Activates the examples a Plivo Voice Trigger starts (imports leave them inactive): their
 * triggers create their applications on the sandbox. A failure is reported, not fatal.
 */
async function activateTriggerExamples(client: N8nClient, examples: Example[]): Promise<Example[]> {
	const active: Example[] = [];
	for (const example of examples.filter(({ workflow }) =>
		workflow.nodes.some((node) => node.type === TRIGGER_TYPE),
	)) {
		try {
			await client.activateWorkflow(example.workflow.id);
			active.push(example);
		} catch (error) {
			console.error(
				`Could not activate "${example.workflow.name}": ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	}
	return active;
}

/** The line asked for: `--n8n 1`, `--n8n=1`, else the default (2). */
function lineFromArguments(args: string[]): N8nLine {
	const index = args.findIndex((arg) => arg === '--n8n' || arg.startsWith('--n8n='));
	if (index === -1) return parseN8nLine(undefined, '--n8n');
	const value = args[index].startsWith('--n8n=')
		? args[index].slice('--n8n='.length)
		: args[index + 1];
	if (value === undefined) throw new Error('--n8n needs a line: --n8n 1 or --n8n 2');
	return parseN8nLine(value, '--n8n');
}

async function main(): Promise<void> {
	const n8nLine = lineFromArguments(process.argv.slice(2));
	const queueMode = process.argv.includes('--queue');
	// Each line has its own user folder: n8n 1.123 cannot open a database n8n 2.x has migrated.
	const userFolder = queueMode ? queueDir(n8nLine) : devUserFolder(n8nLine);
	const resetCommand = `npm run dev -- ${n8nLine === DEFAULT_N8N_LINE ? '' : `--n8n ${n8nLine} `}--reset`;
	if (!queueMode && process.argv.includes('--reset')) {
		rmSync(userFolder, { recursive: true, force: true });
		console.log(`Removed ${show(userFolder)}: starting from an empty n8n.`);
	}
	await assertPortFree(N8N_PORT, 'n8n');
	await assertPortFree(SANDBOX_PORT, 'the Plivo sandbox');
	if (queueMode) await assertPortFree(QUEUE_WEBHOOK_PORT, "n8n's webhook process");
	// Only now that no other queue-mode n8n holds the ports (nor, then, the folder).
	if (queueMode) {
		rmSync(userFolder, { recursive: true, force: true });
		mkdirSync(userFolder, { recursive: true });
	}

	console.log('Building the package…');
	await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT, description: 'npm run build' });

	let sandbox: PlivoSandbox | undefined;
	let traffic: NodeJS.Timeout | undefined;
	let queue: QueueN8n | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox…');
		clearInterval(traffic);
		await queue?.stop();
		// Also an n8n still starting, which launchN8n has not handed over yet.
		await N8nInstance.stopAll();
		await sandbox?.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	let install: N8nInstall;
	let instance: N8nInstance;
	let client: N8nClient;
	try {
		sandbox = await PlivoSandbox.start({ port: SANDBOX_PORT });
		showVerificationCodes(sandbox.state, (line) => console.log(`  sandbox: ${line}`));
		if (queueMode) {
			queue = await launchQueueN8n({
				line: n8nLine,
				sandbox,
				dir: userFolder,
				mainPort: N8N_PORT,
				webhookPort: QUEUE_WEBHOOK_PORT,
				log: (message) => console.log(message),
			});
			({ install, main: instance, client } = queue);
		} else {
			({ install, instance, client } = await launchN8n({
				line: n8nLine,
				userFolder,
				port: N8N_PORT,
				sandbox,
				logFile: LOG_FILE,
				log: (message) => console.log(message),
			}));
		}
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		if (error instanceof N8nApiError && error.path === '/rest/login') {
			console.error(
				`The owner's login was changed in n8n: ${resetCommand} starts from an empty n8n.`,
			);
		}
		await stop(1);
		return;
	}
	const processes = queue
		? QUEUE_ROLES.map((role) => ({ name: `n8n ${role}`, process: queue![role] }))
		: [{ name: 'n8n', process: instance }];
	for (const { name, process: running } of processes) {
		void running.exit.then((code) => {
			if (stopping) return;
			console.error(
				`${name} stopped on its own (exit status ${code}). Its last output:\n${running.logTail(30)}`,
			);
			void stop(1);
		});
	}

	const examples = loadExamples();
	const active = await activateTriggerExamples(client, examples);
	const { authId, authToken } = sandbox.account;
	const control = `${sandbox.url}${CONTROL_PREFIX}`;
	const inboundCall = active.length
		? `  A call comes in (to the application an active trigger created), from another terminal:
    curl -X POST '${control}/inbound-call?app_name=n8n-example-ivr'
  and its caller presses 1:
    curl -X POST '${control}/digits?digits=1'
  (for the voicemail: inbound-call?app_name=n8n-example-voicemail, then record?seconds=5)
  Each answers with the XML the workflow sent; below, the sandbox shows its callbacks and that XML.
`
		: '';
	console.log(`
n8n ${install.version} is ready: http://localhost:${N8N_PORT}
  Log in with   ${OWNER.email} / ${OWNER.password}
  Examples      ${examples
		.map((example) => `${example.workflow.name}${active.includes(example) ? ' (active)' : ''}`)
		.join('\n                ')}
  Credential    "${SANDBOX_CREDENTIAL.name}" (Plivo Voice API) → the sandbox
Plivo sandbox: ${sandbox.url}  (Auth ID ${authId}, Auth Token ${authToken})
${inboundCall}
${
	queue
		? `Queue mode: main (pid ${queue.main.pid}) ${queue.main.url}, worker (pid ${queue.worker.pid}), webhook process (pid ${queue.webhook.pid}) ${queue.webhook.url}
  Plivo's callbacks go to the webhook process (${queue.webhookBaseUrl}webhook/…), the executions to the worker.
  Logs: ${QUEUE_ROLES.map((role) => show(queue!.logFile(role))).join(', ')}
  Everything, PostgreSQL's and Redis's data included, is in ${show(userFolder)}, emptied at every start.`
		: `n8n (pid ${instance.pid}) keeps its data in ${show(userFolder)} and writes its log to ${show(LOG_FILE)}.
The examples are re-imported at every start; ${resetCommand} starts from an empty n8n.`
}
Press Ctrl-C (or send SIGTERM to pid ${process.pid}) to stop n8n and the sandbox.
`);
	traffic = printSandboxTraffic(sandbox);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
