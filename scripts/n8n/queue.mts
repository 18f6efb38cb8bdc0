/**
 * n8n in queue mode, as users who outgrow one machine run it: a main process (the editor, REST,
 * activations: the Plivo Voice Trigger registers its application from here), a worker (`n8n
 * worker`: runs every execution, taken from the Redis queue) and a webhook process (`n8n webhook`:
 * receives production webhooks, Plivo's callbacks among them, and queues their executions), all
 * on one PostgreSQL and one Redis (services.mts). Each process has a user folder of its own with
 * the package installed in it, as separate machines would; they share the database, the queue
 * and the encryption key (N8N_ENCRYPTION_KEY, set for every instance by instance.mts).
 *
 * Every process is told the same public webhook URL: the webhook process's address. It is the
 * URL main gives the trigger to register with Plivo, and the one the trigger on the webhook
 * process checks Plivo's signatures against. The editor's address is main's.
 *
 * Shared by `npm run dev -- --queue` and the queue-mode tests (test/queue).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { urlHost } from '../../test/sandbox/core.mts';

import { installPackageInto } from './community-package.mts';
import type { N8nInstall } from './install.mts';
import { ensureN8nInstalled } from './install.mts';
import { freePort, N8nInstance, webhookUrlSetting } from './instance.mts';
import type { SandboxAccess, SignalWireSandboxAccess } from './launch.mts';
import { importSandboxSetup, OWNER } from './launch.mts';
import type { N8nLine } from './lines.mts';
import { N8nClient } from './rest.mts';
import type { Postgres, RunningService } from './services.mts';
import { ensureQueueServicesInstalled, startPostgres, startRedis } from './services.mts';

/**
 * What n8n prints once each process is ready (packages/cli/src/commands/worker.ts and
 * webhook.ts, the same in both lines). The webhook process answers `/healthz` before it serves
 * webhooks: only this line says it does.
 */
export const WORKER_READY_LINE = 'n8n worker is now ready';
export const WEBHOOK_READY_LINE = 'Webhook listener waiting for requests.';

/**
 * What a process prints when it puts an execution in the queue (packages/cli/src/scaling/
 * scaling.service.ts), and what the worker prints once it has run it (job-processor.ts).
 */
export const enqueuedLine = (executionId: string) => `Enqueued execution ${executionId} (job `;
export const workerRanLine = (executionId: string) =>
	`Worker finished execution ${executionId} (job `;

export type QueueRole = 'main' | 'worker' | 'webhook';
export const QUEUE_ROLES: readonly QueueRole[] = ['main', 'worker', 'webhook'];

export interface QueueOptions {
	line: N8nLine;
	sandbox: SandboxAccess;
	/** Where everything goes: each process's user folder and log, the databases' data. */
	dir: string;
	/** Main's port (the editor, REST); a free one unless given. */
	mainPort?: number;
	/** The webhook process's port (the public webhook URL); a free one unless given. */
	webhookPort?: number;
	/** The SignalWire sandbox, whose credential is imported too. */
	signalWire?: SignalWireSandboxAccess;
	/** The address main and the webhook process listen on and are reached at (default 127.0.0.1). */
	host?: string;
	log?: (message: string) => void;
}

export interface QueueN8n {
	install: N8nInstall;
	main: N8nInstance;
	worker: N8nInstance;
	webhook: N8nInstance;
	/** Signed in to main as OWNER. */
	client: N8nClient;
	/** The public base of production webhooks: the webhook process's, e.g. `http://127.0.0.1:5680/`. */
	webhookBaseUrl: string;
	userFolder(role: QueueRole): string;
	logFile(role: QueueRole): string;
	/** Stops the n8n processes, then Redis and PostgreSQL; safe to call more than once. */
	stop(): Promise<void>;
}

/** The settings every process of the topology shares. */
function queueEnvironment(
	line: N8nLine,
	postgres: Postgres,
	redis: RunningService,
	editorBaseUrl: string,
	webhookBaseUrl: string,
): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		[webhookUrlSetting(line)]: webhookBaseUrl,
		N8N_EDITOR_BASE_URL: editorBaseUrl,
		// Manual runs (the editor's "Execute workflow") go to the workers too, as n8n 2.x will
		// always do; without it, n8n 1.123 and 2.x run them on main.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

export async function launchQueueN8n(options: QueueOptions): Promise<QueueN8n> {
	const log = options.log ?? (() => undefined);
	const install = await ensureN8nInstalled(options.line, log);
	await ensureQueueServicesInstalled(log);
	const userFolder = (role: QueueRole) => join(options.dir, `user-${role}`);
	const logFile = (role: QueueRole) => join(options.dir, `n8n-${role}.log`);

	const services: RunningService[] = [];
	const processes: N8nInstance[] = [];
	let stopped: Promise<void> | undefined;
	const stop = () =>
		(stopped ??= (async () => {
			// The n8n processes before the services they use.
			await Promise.all(processes.map((instance) => instance.stop()));
			await Promise.all(services.map((service) => service.stop()));
		})());

	try {
		log('Starting PostgreSQL and Redis…');
		const postgres = await startPostgres(options.dir);
		services.push(postgres);
		const redis = await startRedis(options.dir);
		services.push(redis);

		const mainPort = options.mainPort ?? (await freePort());
		const webhookPort = options.webhookPort ?? (await freePort());
		const webhookBaseUrl = `http://${urlHost(options.host ?? '127.0.0.1')}:${webhookPort}/`;
		const editorBaseUrl = `http://${urlHost(options.host ?? 'localhost')}:${mainPort}`;
		const env = queueEnvironment(options.line, postgres, redis, editorBaseUrl, webhookBaseUrl);

		log('Loading the package into each process’s user folder…');
		for (const role of QUEUE_ROLES) {
			mkdirSync(userFolder(role), { recursive: true });
			await installPackageInto(userFolder(role), install);
		}
		log('Importing the sandbox credential and the examples into the database…');
		await importSandboxSetup(install, userFolder('main'), options.sandbox, env, options.signalWire);

		log(
			`Starting n8n ${install.version} in queue mode: main, then a worker and a webhook process…`,
		);
		const start = async (role: QueueRole, port: number, readyLine?: string) => {
			const instance = await N8nInstance.start({
				install,
				userFolder: userFolder(role),
				port,
				logFile: logFile(role),
				command: role === 'main' ? 'start' : role,
				readyLine,
				env,
				host: options.host,
			});
			processes.push(instance);
			return instance;
		};
		// Main first: it migrates the database the others open.
		const main = await start('main', mainPort);
		const [worker, webhook] = await Promise.all([
			start('worker', await freePort(), WORKER_READY_LINE),
			start('webhook', webhookPort, WEBHOOK_READY_LINE),
		]);
		const client = new N8nClient(main.url, install);
		await client.signIn(OWNER);
		return {
			install,
			main,
			worker,
			webhook,
			client,
			webhookBaseUrl,
			userFolder,
			logFile,
			stop,
		};
	} catch (error) {
		// An instance still starting is not in `processes` yet.
		await N8nInstance.stopAll();
		await stop();
		throw error;
	}
}
