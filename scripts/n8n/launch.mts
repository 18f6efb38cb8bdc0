/**
 * One real n8n of a given line (2.x or 1.123), ready to use: installed, with this package loaded, a credential for the Plivo
 * sandbox and the example workflows imported, started, and signed in as its owner. Shared by
 * `npm run dev` and the end-to-end tests.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installPackageInto } from './community-package.mts';
import type { N8nInstall } from './install.mts';
import { ensureN8nInstalled } from './install.mts';
import { N8nInstance, runN8nCli } from './instance.mts';
import type { N8nLine } from './lines.mts';
import { EXAMPLES_DIR } from './paths.mts';
import type { Owner, Workflow } from './rest.mts';
import { N8nClient } from './rest.mts';

/** The owner of every instance these tools start (the login `npm run dev` prints). */
export const OWNER: Owner = {
	email: 'owner@example.com',
	password: 'Plivo-Sandbox-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/** The credential the examples use: the sandbox's account. Example files refer to it by id and name. */
export const SANDBOX_CREDENTIAL = {
	id: 'plivoVoiceSandbox',
	name: 'Plivo Voice sandbox',
	type: 'plivoVoiceApi',
} as const;

export interface SandboxAccess {
	/** Where the sandbox listens, e.g. http://127.0.0.1:8088. */
	url: string;
	account: { authId: string; authToken: string };
}

export interface Example {
	/** The file in examples/, e.g. `01-make-a-call-and-get-its-cdr.json`. */
	file: string;
	workflow: Workflow;
}

/** The example workflows, in file-name order (the files are numbered). */
export function loadExamples(dir = EXAMPLES_DIR): Example[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Workflow,
		}));
}

/** The credential the SignalWire sandbox accepts, imported beside the Plivo one by `npm run dev`. */
export const SIGNALWIRE_SANDBOX_CREDENTIAL = {
	id: 'signalWireSandbox',
	name: 'SignalWire sandbox',
	type: 'signalWireApi',
} as const;

export interface SignalWireSandboxAccess {
	/** Where the SignalWire sandbox listens: the credential's Space URL. */
	url: string;
	project: { projectId: string; apiToken: string };
}

/** The SignalWire sandbox credential's values, as n8n stores them. */
export function signalWireCredentialData(sandbox: SignalWireSandboxAccess): Record<string, string> {
	return {
		spaceUrl: sandbox.url,
		projectId: sandbox.project.projectId,
		apiToken: sandbox.project.apiToken,
	};
}

/** The sandbox credential's values, as n8n stores them. */
export function sandboxCredentialData(sandbox: SandboxAccess): Record<string, string> {
	return {
		authId: sandbox.account.authId,
		authToken: sandbox.account.authToken,
		baseUrl: sandbox.url,
	};
}

/**
 * Imports (or refreshes) the sandbox credential (and the SignalWire sandbox's, when given) and
 * every example into the user folder, with n8n's own import commands, before n8n starts on it.
 * Imports keep the ids in the files, so a second import updates what the first created. `env`:
 * the database to import into, when it is not the user folder's own.
 */
export async function importSandboxSetup(
	install: N8nInstall,
	userFolder: string,
	sandbox: SandboxAccess,
	env: NodeJS.ProcessEnv = {},
	signalWire?: SignalWireSandboxAccess,
): Promise<void> {
	const scratch = mkdtempSync(join(tmpdir(), 'plivo-voice-import-'));
	try {
		const credentialsFile = join(scratch, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([
				{ ...SANDBOX_CREDENTIAL, data: sandboxCredentialData(sandbox) },
				...(signalWire
					? [{ ...SIGNALWIRE_SANDBOX_CREDENTIAL, data: signalWireCredentialData(signalWire) }]
					: []),
			]),
		);
		await runN8nCli(install, userFolder, ['import:credentials', `--input=${credentialsFile}`], env);
		await runN8nCli(
			install,
			userFolder,
			['import:workflow', '--separate', `--input=${EXAMPLES_DIR}`],
			env,
		);
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

export interface LaunchOptions {
	/** Which n8n: its line (see lines.mts). */
	line: N8nLine;
	userFolder: string;
	port: number;
	sandbox: SandboxAccess;
	/** The SignalWire sandbox, whose credential is imported too. */
	signalWire?: SignalWireSandboxAccess;
	/** The address n8n listens on and is reached at (default 127.0.0.1, its editor at localhost). */
	host?: string;
	/** A file that receives everything n8n prints. */
	logFile?: string;
	/** Progress messages (the first install takes minutes). */
	log?: (message: string) => void;
	/** n8n settings of its own, over the usual ones (N8N_EXPRESSION_ENGINE_POOL_SIZE, say). */
	env?: NodeJS.ProcessEnv;
}

export interface LaunchedN8n {
	install: N8nInstall;
	instance: N8nInstance;
	/** Signed in as OWNER. */
	client: N8nClient;
}

export async function launchN8n(options: LaunchOptions): Promise<LaunchedN8n> {
	const log = options.log ?? (() => undefined);
	const install = await ensureN8nInstalled(options.line, log);
	mkdirSync(options.userFolder, { recursive: true });
	log('Loading the package into n8n and importing the sandbox credential and the examples…');
	await installPackageInto(options.userFolder, install);
	await importSandboxSetup(install, options.userFolder, options.sandbox, {}, options.signalWire);
	log(`Starting n8n ${install.version} on Node ${install.node.version}…`);
	const instance = await N8nInstance.start({
		install,
		userFolder: options.userFolder,
		port: options.port,
		host: options.host,
		logFile: options.logFile,
		env: options.env,
	});
	try {
		const client = new N8nClient(instance.url, install);
		await client.signIn(OWNER);
		return { install, instance, client };
	} catch (error) {
		await instance.stop();
		throw error;
	}
}
