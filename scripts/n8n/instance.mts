/**
 * Starts and stops a real n8n (a line's pinned install, on its Node) with a given user folder and
 * port, and runs its command-line tools against that folder.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { WriteStream } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname } from 'node:path';

import { urlHost } from '../../test/sandbox/core.mts';

import type { N8nInstall } from './install.mts';
import type { N8nLine } from './lines.mts';
import { OutputTail, runCommand } from './processes.mts';

/**
 * Encrypts the credentials of the throw-away user folders. Fixed, so that a folder made by one
 * run opens in the next; these folders hold only sandbox credentials.
 */
const DEV_ENCRYPTION_KEY = 'n8n-nodes-plivo-voice-dev-only-key';

/**
 * n8n's own settings a shell may carry for another n8n (a database, a queue, a webhook URL):
 * the instances started here take none of them.
 */
const INHERITED_N8N_SETTING =
	/^(N8N_|DB_|QUEUE_|EXECUTIONS_|CREDENTIALS_|NODES_|WORKFLOWS_|WEBHOOK_URL$|GENERIC_TIMEZONE$)/;

/**
 * The port, and the base of the webhook URLs n8n gives its triggers (UrlService.getWebhookBaseUrl:
 * the webhook URL setting, else `http://<N8N_HOST>:<port>/`). Without it a trigger would register
 * `http://localhost:<port>/…`, which the sandbox may resolve to ::1, where n8n does not listen;
 * and the URL the sandbox calls and signs must be the very one the trigger checks signatures
 * against. n8n 2.x reads it from N8N_WEBHOOK_URL (WEBHOOK_URL is deprecated there), n8n 1.123
 * only from WEBHOOK_URL. The editor's own address stays `http://localhost:<port>`. A host given
 * (`npm run dev -- --host`) is the address of all three: where n8n listens, its webhooks and its
 * editor.
 */
function webhookAddress(line: N8nLine, port: number, host?: string): NodeJS.ProcessEnv {
	return {
		N8N_PORT: String(port),
		[webhookUrlSetting(line)]: `http://${urlHost(host ?? '127.0.0.1')}:${port}/`,
		N8N_EDITOR_BASE_URL: `http://${urlHost(host ?? 'localhost')}:${port}`,
	};
}

/** The setting that holds the base of the webhook URLs in a line (see webhookAddress). */
export function webhookUrlSetting(line: N8nLine): 'WEBHOOK_URL' | 'N8N_WEBHOOK_URL' {
	return line === '1' ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL';
}

/**
 * Code nodes. n8n 1.123 runs them in its own process unless told to start task runners (it
 * starts none on Node 20). n8n 2.x always starts its task-runner broker, on port 5679 unless
 * told otherwise: each instance gets a free port, so that instances side by side (the tests, a
 * running `npm run dev`) do not take each other's.
 */
async function taskRunners(line: N8nLine): Promise<NodeJS.ProcessEnv> {
	return line === '1'
		? { N8N_RUNNERS_ENABLED: 'false' }
		: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
}

/**
 * The environment n8n runs with: its own Node first on PATH (for whatever n8n starts itself, a
 * task runner), its own user folder, and nothing that phones home.
 */
async function n8nEnvironment(
	install: N8nInstall,
	userFolder: string,
	port?: number,
	host?: string,
): Promise<NodeJS.ProcessEnv> {
	const inherited = Object.entries(process.env).filter(
		([name]) => !INHERITED_N8N_SETTING.test(name),
	);
	return {
		...Object.fromEntries(inherited),
		PATH: [dirname(install.node.executable), process.env.PATH].filter(Boolean).join(delimiter),
		// As in n8n's Docker image. Test runners set NODE_ENV=test, which n8n refuses to start with.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		...(port === undefined ? {} : webhookAddress(install.line, port, host)),
		// Only this machine can reach the instance (unless told another address): it has a known
		// login.
		N8N_LISTEN_ADDRESS: host ?? '127.0.0.1',
		N8N_HOST: host ?? 'localhost',
		...(await taskRunners(install.line)),
		// Loads the packages in <user folder>/.n8n/nodes (this package among them)…
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// …without the catalogues n8n fetches from its website: of vetted community packages, and
		// (n8n 2.x) of MCP servers.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		...(install.line === '1' ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		// Manual runs are kept, so that the editor and the end-to-end tests can read their results.
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
	};
}

/**
 * Runs one of n8n's commands (`import:workflow`, …) on a user folder; n8n must not be running on
 * it. `env`: settings of its own (a database), over the usual ones.
 */
export async function runN8nCli(
	install: N8nInstall,
	userFolder: string,
	args: string[],
	env: NodeJS.ProcessEnv = {},
): Promise<string> {
	return await runCommand(install.node.executable, [install.bin, ...args], {
		cwd: userFolder,
		env: { ...(await n8nEnvironment(install, userFolder)), ...env },
		description: `n8n ${args[0]}`,
	});
}

/** A port nothing listens on now, on the loopback interface. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (!address || typeof address === 'string') throw new Error('Could not find a free port');
	return address.port;
}

/** Fails with a clear message when a fixed port is taken (another n8n, another sandbox). */
export async function assertPortFree(
	port: number,
	what: string,
	host = '127.0.0.1',
): Promise<void> {
	const server = createServer();
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => resolve());
		});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
			throw new Error(`${host}, for ${what}, is not an address of this machine.`);
		throw new Error(
			`Port ${port} on ${host}, for ${what}, is in use: stop whatever listens there (another npm run dev?) and try again.`,
		);
	} finally {
		await new Promise((resolve) => server.close(resolve));
	}
}

export interface StartOptions {
	install: N8nInstall;
	userFolder: string;
	port: number;
	/** A file that receives everything n8n prints. */
	logFile?: string;
	/** How long to wait for n8n's REST API (default 120 s). */
	readyTimeoutMs?: number;
	/**
	 * Which of n8n's processes (default `start`, the main one); `worker` and `webhook` have no
	 * REST API: they are ready once they print `readyLine`.
	 */
	command?: 'start' | 'worker' | 'webhook';
	/** A line n8n prints once ready, waited for instead of its REST API. */
	readyLine?: string;
	/** Settings of its own (a database, a queue), over the usual ones. */
	env?: NodeJS.ProcessEnv;
	/** The address it listens on and is reached at (default 127.0.0.1, its editor at localhost). */
	host?: string;
}

export class N8nInstance {
	/** Every instance started and not yet stopped, so that a caller can stop whatever is running. */
	private static readonly running = new Set<N8nInstance>();
	private readonly output = new OutputTail(400);
	private readonly exited: Promise<number | null>;
	private exitCode: number | null | undefined;

	private constructor(
		readonly url: string,
		private readonly child: ChildProcess,
		private readonly logStream?: WriteStream,
	) {
		const record = (chunk: Buffer) => {
			this.output.write(chunk);
			this.logStream?.write(chunk);
		};
		child.stdout?.on('data', record);
		child.stderr?.on('data', record);
		N8nInstance.running.add(this);
		// Should this process end without stopping n8n (an uncaught error), n8n ends with it.
		const killOnExit = () => child.kill('SIGKILL');
		process.once('exit', killOnExit);
		this.exited = new Promise((resolve) => {
			const ended = (code: number | null) => {
				this.exitCode ??= code;
				N8nInstance.running.delete(this);
				process.removeListener('exit', killOnExit);
				resolve(this.exitCode);
			};
			child.once('exit', ended);
			child.once('error', (error) => {
				this.output.write(`Could not run n8n: ${error.message}\n`);
				ended(null);
			});
		});
	}

	/** Starts `n8n start` and resolves once its REST API answers. */
	static async start(options: StartOptions): Promise<N8nInstance> {
		const { install, userFolder, port } = options;
		const logStream = options.logFile
			? createWriteStream(options.logFile, { flags: 'a' })
			: undefined;
		const env = {
			...(await n8nEnvironment(install, userFolder, port, options.host)),
			...options.env,
		};
		const child = spawn(install.node.executable, [install.bin, options.command ?? 'start'], {
			cwd: userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const instance = new N8nInstance(
			`http://${urlHost(options.host ?? '127.0.0.1')}:${port}`,
			child,
			logStream,
		);
		try {
			await instance.waitUntilReady(options.readyTimeoutMs ?? 120_000, options.readyLine);
		} catch (error) {
			await instance.stop();
			throw error;
		}
		return instance;
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Whether the process is still running. */
	get running(): boolean {
		return this.exitCode === undefined;
	}

	/** Resolves with the exit status when the process ends, for whatever reason. */
	get exit(): Promise<number | null> {
		return this.exited;
	}

	/** The last lines n8n printed, for error messages. */
	logTail(lines = 60): string {
		return this.output.text(lines);
	}

	/**
	 * n8n answers health checks as soon as its database is migrated, but registers its REST API
	 * later: `GET /rest/settings` (public) is the first sign that the API is there. With
	 * `readyLine`, the sign is that line in its output.
	 */
	private async waitUntilReady(timeoutMs: number, readyLine?: string): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) {
				throw new Error(
					`n8n exited (status ${this.exitCode}) before it was ready. Its last output:\n${this.logTail()}`,
				);
			}
			if (readyLine !== undefined) {
				if (this.output.text().includes(readyLine)) return;
				await new Promise((resolve) => setTimeout(resolve, 250));
				continue;
			}
			try {
				const response = await fetch(`${this.url}/rest/settings`, {
					signal: AbortSignal.timeout(2000),
				});
				if (
					response.ok &&
					(response.headers.get('content-type') ?? '').includes('application/json')
				)
					return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(
			`n8n was not ready after ${timeoutMs / 1000} s. Its last output:\n${this.logTail()}`,
		);
	}

	/** Stops every instance still running, including one that is still starting. */
	static async stopAll(): Promise<void> {
		await Promise.all([...N8nInstance.running].map((instance) => instance.stop()));
	}

	/** Asks n8n to shut down (SIGTERM), and kills it if it has not after `graceMs`. */
	async stop(graceMs = 20_000): Promise<void> {
		if (this.running) {
			this.child.kill('SIGTERM');
			const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		const log = this.logStream;
		if (log && !log.writableEnded) await new Promise((resolve) => log.end(resolve));
	}
}
