/**
 * What the end-to-end tests run against: the Plivo and SignalWire sandboxes and a real n8n of the
 * line under test (N8N_LINE, 2 unless told otherwise: scripts/n8n/lines.mts) with the built
 * package, on free ports, with a fresh user folder that is deleted afterwards (kept when
 * something failed).
 *
 * E2E_EXPRESSION_LAZY_ACQUIRE=true starts n8n 2.x with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true,
 * which the README suggests for the trigger's answer times (`npm run test:e2e:lazy`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../../scripts/n8n/instance.mts';
import type { LaunchedN8n } from '../../scripts/n8n/launch.mts';
import { launchN8n } from '../../scripts/n8n/launch.mts';
import { e2eLine } from '../../scripts/n8n/lines.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';
import { SignalWireSandbox } from '../../signalwire/test/sandbox/index.mts';

export interface E2eEnvironment extends LaunchedN8n {
	sandbox: PlivoSandbox;
	signalWire: SignalWireSandbox;
	userFolder: string;
	/**
	 * Stops n8n and the sandbox and deletes the user folder (unless asked to keep it, to look
	 * into after a failure); safe to call more than once.
	 */
	stop(options?: { keepUserFolder?: boolean }): Promise<void>;
}

/** Whether n8n takes an expression isolate only when an expression needs one (n8n 2.x's setting). */
export function lazyAcquire(): boolean {
	return process.env.E2E_EXPRESSION_LAZY_ACQUIRE === 'true';
}

export async function startE2eEnvironment(): Promise<E2eEnvironment> {
	const userFolder = mkdtempSync(join(tmpdir(), 'plivo-voice-e2e-'));
	const sandbox = await PlivoSandbox.start();
	const signalWire = await SignalWireSandbox.start();
	const cleanUp = async (keepUserFolder = false) => {
		await Promise.all([sandbox.close(), signalWire.close()]);
		if (!keepUserFolder) rmSync(userFolder, { recursive: true, force: true });
	};
	let launched: LaunchedN8n;
	try {
		launched = await launchN8n({
			line: e2eLine(),
			userFolder,
			port: await freePort(),
			sandbox,
			logFile: join(userFolder, 'n8n.log'),
			env: lazyAcquire() ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {},
		});
	} catch (error) {
		await cleanUp(true);
		console.error(`n8n did not start; its user folder is kept for inspection: ${userFolder}`);
		throw error;
	}
	let stopped: Promise<void> | undefined;
	return {
		...launched,
		sandbox,
		signalWire,
		userFolder,
		stop: ({ keepUserFolder = false } = {}) =>
			(stopped ??= (async () => {
				try {
					await launched.instance.stop();
				} finally {
					await cleanUp(keepUserFolder);
				}
			})()),
	};
}
