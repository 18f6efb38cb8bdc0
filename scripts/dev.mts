/**
 * `npm run dev`: a real n8n with this package, on http://localhost:5678, against the local Plivo
 * sandbox on http://127.0.0.1:8088 and the SignalWire sandbox on http://127.0.0.1:8089, with a
 * ready credential for each and the example workflows. n8n 2.x unless told `--n8n 1` (n8n 1.123).
 *
 * Ports and the address are flags, else DEV_* variables (never N8N_PORT, n8n's own): `--n8n-port`
 * / DEV_N8N_PORT, `--sandbox-port` / DEV_SANDBOX_PORT, `--signalwire-port` / DEV_SIGNALWIRE_PORT
 * (default: the Plivo sandbox's + 1), `--webhook-port` / DEV_WEBHOOK_PORT (queue mode), and
 * `--host` / DEV_HOST, the address n8n and the sandboxes listen on and print.
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
 * `npm run dev -- --queue` starts n8n in queue mode instead (scripts/n8n/queue.mts): main on
 * http://localhost:5678, a worker, and a webhook process on http://127.0.0.1:5680 (the public
 * webhook URL every process is given), on a PostgreSQL and a Redis of their own; all of it,
 * databases included, in .n8n-dev/queue-<line>, emptied at every start.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

import type { RecordedRequest } from '../test/sandbox/core.mts';
import { urlHost } from '../test/sandbox/core.mts';
import { PlivoSandbox } from '../test/sandbox/plivo/index.mts';
import type { DeliveredCallback } from '../test/sandbox/plivo/callbacks.mts';
import { CONTROL_PREFIX } from '../test/sandbox/plivo/controls.mts';
import { showVerificationCodes } from '../test/sandbox/plivo/verifiedCallerIds.mts';
import { SignalWireSandbox } from '../signalwire/test/sandbox/index.mts';
import type { N8nInstall } from './n8n/install.mts';
import { assertPortFree, N8nInstance } from './n8n/instance.mts';
import type { Example } from './n8n/launch.mts';
import {
	loadExamples,
	launchN8n,
	OWNER,
	SANDBOX_CREDENTIAL,
	SIGNALWIRE_SANDBOX_CREDENTIAL,
} from './n8n/launch.mts';
import type { N8nLine } from './n8n/lines.mts';
import { DEFAULT_N8N_LINE, parseN8nLine } from './n8n/lines.mts';
import { DEV_ROOT, devUserFolder, REPO_ROOT } from './n8n/paths.mts';
import { runCommand } from './n8n/processes.mts';
import type { QueueN8n } from './n8n/queue.mts';
import { launchQueueN8n, QUEUE_ROLES } from './n8n/queue.mts';
import type { N8nClient } from './n8n/rest.mts';
import { N8nApiError } from './n8n/rest.mts';

const LOG_FILE = join(DEV_ROOT, 'n8n.log');
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

function requestLine(request: RecordedRequest, sandbox = 'sandbox'): string {
	return `  ${sandbox}: ${request.method} ${request.path}${request.rawQuery ? `?${request.rawQuery}` : ''} → ${request.status}`;
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
function printSandboxTraffic(sandbox: PlivoSandbox, signalWire: SignalWireSandbox): NodeJS.Timeout {
	const requests = follow(
		() => sandbox.requests,
		(request) => request.status !== undefined,
		(request) => console.log(requestLine(request)),
	);
	const signalWireRequests = follow(
		() => signalWire.requests,
		(request) => request.status !== undefined,
		(request) => console.log(requestLine(request, 'signalwire sandbox')),
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
		signalWireRequests();
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

interface DevOptions {
	n8nLine: N8nLine;
	queueMode: boolean;
	reset: boolean;
	/** Where n8n and the sandboxes listen, and the host of the addresses printed. */
	host: string | undefined;
	n8nPort: number;
	sandboxPort: number;
	signalWirePort: number;
	/** Queue mode: the webhook process's port (main's is n8nPort). */
	webhookPort: number;
}

/** A port given as a flag or a variable (`source` names it), else the default. */
function portSetting(value: string | undefined, source: string, fallback: number): number {
	if (value === undefined) return fallback;
	const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
	if (!(port >= 1 && port <= 65535))
		throw new Error(`${source} is "${value}": a port is a whole number from 1 to 65535.`);
	return port;
}

/** An address of this machine to listen on, as an IP address or a host name. */
function hostSetting(value: string | undefined, source: string): string | undefined {
	if (value === undefined) return undefined;
	const hostName =
		/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
	if (!isIP(value) && !hostName.test(value))
		throw new Error(
			`${source} is "${value}": give an IP address or a host name of this machine, e.g. 127.0.0.1.`,
		);
	if (value === '0.0.0.0' || value === '::')
		// Printed addresses must be ones to open; and n8n's login is known to all.
		throw new Error(
			`${source} is "${value}": give the one address to listen on and print (e.g. 127.0.0.1 or this machine's own), not every address.`,
		);
	return value;
}

/** The flags given, else the DEV_* variables, else the defaults; refuses what is not a setting. */
function devOptions(args: string[], env: NodeJS.ProcessEnv): DevOptions {
	const parse = () =>
		parseArgs({
			args,
			options: {
				n8n: { type: 'string' },
				queue: { type: 'boolean' },
				reset: { type: 'boolean' },
				host: { type: 'string' },
				'n8n-port': { type: 'string' },
				'sandbox-port': { type: 'string' },
				'signalwire-port': { type: 'string' },
				'webhook-port': { type: 'string' },
			},
		});
	let values: ReturnType<typeof parse>['values'];
	try {
		({ values } = parse());
	} catch (error) {
		throw new Error(
			`${error instanceof Error ? error.message : String(error)}. npm run dev takes --n8n 1|2, --queue, --reset, --host, --n8n-port, --sandbox-port, --signalwire-port and --webhook-port (after --: npm run dev -- --n8n-port 5700).`,
		);
	}
	const setting = (flag: keyof typeof values & string, variable: string) =>
		values[flag] !== undefined
			? { value: values[flag] as string, source: `--${flag}` }
			: { value: env[variable] || undefined, source: variable };
	const port = (flag: keyof typeof values & string, variable: string, fallback: number) => {
		const { value, source } = setting(flag, variable);
		return portSetting(value, source, fallback);
	};
	const queueMode = values.queue === true;
	if (values['webhook-port'] !== undefined && !queueMode)
		throw new Error("--webhook-port is the port of queue mode's webhook process: add --queue.");
	const host = setting('host', 'DEV_HOST');
	const sandboxPort = port('sandbox-port', 'DEV_SANDBOX_PORT', 8088);
	const options: DevOptions = {
		n8nLine: parseN8nLine(values.n8n, '--n8n'),
		queueMode,
		reset: values.reset === true,
		host: hostSetting(host.value, host.source),
		n8nPort: port('n8n-port', 'DEV_N8N_PORT', 5678),
		sandboxPort,
		signalWirePort: port(
			'signalwire-port',
			'DEV_SIGNALWIRE_PORT',
			sandboxPort === 65535 ? 8089 : sandboxPort + 1,
		),
		webhookPort: port('webhook-port', 'DEV_WEBHOOK_PORT', 5680),
	};
	const ports = [
		['n8n', options.n8nPort],
		['the Plivo sandbox', options.sandboxPort],
		['the SignalWire sandbox', options.signalWirePort],
		...(queueMode ? [["n8n's webhook process", options.webhookPort]] : []),
	] as Array<[string, number]>;
	for (const [index, [what, value]] of ports.entries()) {
		const other = ports.slice(0, index).find(([, taken]) => taken === value);
		if (other) throw new Error(`Port ${value} is given to both ${other[0]} and ${what}.`);
	}
	return options;
}

async function main(): Promise<void> {
	const options = devOptions(process.argv.slice(2), process.env);
	const { n8nLine, queueMode, host } = options;
	const listenHost = host ?? '127.0.0.1';
	/** The editor's address: localhost unless told a host. */
	const editorUrl = `http://${urlHost(host ?? 'localhost')}:${options.n8nPort}`;
	// Each line has its own user folder: n8n 1.123 cannot open a database n8n 2.x has migrated.
	const userFolder = queueMode ? queueDir(n8nLine) : devUserFolder(n8nLine);
	const resetCommand = `npm run dev -- ${n8nLine === DEFAULT_N8N_LINE ? '' : `--n8n ${n8nLine} `}--reset`;
	await assertPortFree(options.n8nPort, 'n8n', listenHost);
	await assertPortFree(options.sandboxPort, 'the Plivo sandbox', listenHost);
	await assertPortFree(options.signalWirePort, 'the SignalWire sandbox', listenHost);
	if (queueMode) await assertPortFree(options.webhookPort, "n8n's webhook process", listenHost);
	// Only now that no other n8n of this script holds the ports (nor, then, the folder).
	if (!queueMode && options.reset) {
		rmSync(userFolder, { recursive: true, force: true });
		console.log(`Removed ${show(userFolder)}: starting from an empty n8n.`);
	}
	if (queueMode) {
		rmSync(userFolder, { recursive: true, force: true });
		mkdirSync(userFolder, { recursive: true });
	}

	console.log('Building the package…');
	await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT, description: 'npm run build' });

	let sandbox: PlivoSandbox | undefined;
	let signalWire: SignalWireSandbox | undefined;
	let traffic: NodeJS.Timeout | undefined;
	let queue: QueueN8n | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandboxes…');
		clearInterval(traffic);
		await queue?.stop();
		// Also an n8n still starting, which launchN8n has not handed over yet.
		await N8nInstance.stopAll();
		await Promise.all([sandbox?.close(), signalWire?.close()]);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	let install: N8nInstall;
	let instance: N8nInstance;
	let client: N8nClient;
	try {
		sandbox = await PlivoSandbox.start({ port: options.sandboxPort, host: listenHost });
		showVerificationCodes(sandbox.state, (line) => console.log(`  sandbox: ${line}`));
		signalWire = await SignalWireSandbox.start({ port: options.signalWirePort, host: listenHost });
		if (queueMode) {
			queue = await launchQueueN8n({
				line: n8nLine,
				sandbox,
				signalWire,
				host,
				dir: userFolder,
				mainPort: options.n8nPort,
				webhookPort: options.webhookPort,
				log: (message) => console.log(message),
			});
			({ install, main: instance, client } = queue);
		} else {
			({ install, instance, client } = await launchN8n({
				line: n8nLine,
				userFolder,
				port: options.n8nPort,
				sandbox,
				signalWire,
				host,
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
	// Conferences start from LaML, not from SignalWire's API: a demo conference gives its node
	// something to work on (as `npm run sandbox` does).
	const demo = signalWire.state.conferences.create({
		friendlyName: 'Demo Room',
		participants: 3,
	});
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
n8n ${install.version} is ready: ${editorUrl}
  Log in with   ${OWNER.email} / ${OWNER.password}
  Examples      ${examples
		.map((example) => `${example.workflow.name}${active.includes(example) ? ' (active)' : ''}`)
		.join('\n                ')}
  Credentials   "${SANDBOX_CREDENTIAL.name}" (Plivo Voice API) → the Plivo sandbox
                "${SIGNALWIRE_SANDBOX_CREDENTIAL.name}" (SignalWire API) → the SignalWire sandbox
Plivo sandbox: ${sandbox.url}  (Auth ID ${authId}, Auth Token ${authToken})
SignalWire sandbox: ${signalWire.url}  (Project ID ${signalWire.project.projectId}, API Token ${signalWire.project.apiToken})
  Demo conference "${demo.friendly_name}": Conference SID ${demo.sid}, participants' Call SIDs ${[...demo.participants.keys()].join(', ')}
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
Press Ctrl-C (or send SIGTERM to pid ${process.pid}) to stop n8n and the sandboxes.
`);
	traffic = printSandboxTraffic(sandbox, signalWire);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
