/**
 * `npm run dev`: a real n8n with this package, on http://localhost:5678, against the local Plivo
 * sandbox on http://127.0.0.1:8088, with a ready credential and the example workflows.
 *
 * Builds the package, installs the pinned n8n on first use (into .n8n-dev/n8n), loads the package
 * into a throw-away user folder (.n8n-dev/user), imports the sandbox credential and examples,
 * starts the sandbox and n8n, and signs up the owner so that the editor opens on a login page.
 * Ctrl-C (or SIGTERM) stops n8n and the sandbox. `npm run dev -- --reset` starts from an empty
 * user folder.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { RecordedRequest } from '../test/sandbox/core';
import { PlivoSandbox } from '../test/sandbox/plivo';
import { assertPortFree, N8nInstance } from './n8n/instance';
import { loadExamples, launchN8n, OWNER, SANDBOX_CREDENTIAL } from './n8n/launch';
import { DEV_ROOT, DEV_USER_FOLDER, REPO_ROOT } from './n8n/paths';
import { runCommand } from './n8n/processes';
import { N8nApiError } from './n8n/rest';

const N8N_PORT = 5678;
const SANDBOX_PORT = 8088;
const LOG_FILE = join(DEV_ROOT, 'n8n.log');

const show = (path: string) => relative(process.cwd(), path) || '.';

/** Prints each request the sandbox answers, so that a run in the editor shows its API traffic. */
function printSandboxTraffic(sandbox: PlivoSandbox): NodeJS.Timeout {
	let printed = 0;
	const line = (request: RecordedRequest) =>
		`  sandbox: ${request.method} ${request.path}${request.rawQuery ? `?${request.rawQuery}` : ''} → ${request.status}`;
	return setInterval(() => {
		const { requests } = sandbox;
		if (requests.length < printed) printed = 0; // the log was cleared
		while (printed < requests.length && requests[printed].status !== undefined) console.log(line(requests[printed++]));
	}, 200);
}

async function main(): Promise<void> {
	if (process.argv.includes('--reset')) {
		rmSync(DEV_USER_FOLDER, { recursive: true, force: true });
		console.log(`Removed ${show(DEV_USER_FOLDER)}: starting from an empty n8n.`);
	}
	await assertPortFree(N8N_PORT, 'n8n');
	await assertPortFree(SANDBOX_PORT, 'the Plivo sandbox');

	console.log('Building the package…');
	await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT, description: 'npm run build' });

	let sandbox: PlivoSandbox | undefined;
	let traffic: NodeJS.Timeout | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox…');
		clearInterval(traffic);
		// Also an n8n still starting, which launchN8n has not handed over yet.
		await N8nInstance.stopAll();
		await sandbox?.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	let instance: N8nInstance;
	try {
		sandbox = await PlivoSandbox.start({ port: SANDBOX_PORT });
		({ instance } = await launchN8n({
			userFolder: DEV_USER_FOLDER,
			port: N8N_PORT,
			sandbox,
			logFile: LOG_FILE,
			log: (message) => console.log(message),
		}));
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		if (error instanceof N8nApiError && error.path === '/rest/login') {
			console.error(`The owner's login was changed in n8n: npm run dev -- --reset starts from an empty n8n.`);
		}
		await stop(1);
		return;
	}
	void instance.exit.then((code) => {
		if (stopping) return;
		console.error(`n8n stopped on its own (exit status ${code}). Its last output:\n${instance.logTail(30)}`);
		void stop(1);
	});

	const { authId, authToken } = sandbox.account;
	console.log(`
n8n is ready: http://localhost:${N8N_PORT}
  Log in with   ${OWNER.email} / ${OWNER.password}
  Examples      ${loadExamples()
		.map(({ workflow }) => workflow.name)
		.join('\n                ')}
  Credential    "${SANDBOX_CREDENTIAL.name}" (Plivo Voice API) → the sandbox
Plivo sandbox: ${sandbox.url}  (Auth ID ${authId}, Auth Token ${authToken})

n8n (pid ${instance.pid}) keeps its data in ${show(DEV_USER_FOLDER)} and writes its log to ${show(LOG_FILE)}.
The examples are re-imported at every start; npm run dev -- --reset starts from an empty n8n.
Press Ctrl-C (or send SIGTERM to pid ${process.pid}) to stop n8n and the sandbox.
`);
	traffic = printSandboxTraffic(sandbox);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
