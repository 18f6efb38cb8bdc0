/**
 * Debian's Chromium, driven by playwright-core: no browser is downloaded. The machines this runs on
 * have no open network, so everything Chromium would fetch on its own (updates, sync, field
 * trials) is turned off; otherwise its failing connections fill the log.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { runCommand } from '../../scripts/n8n/processes.mts';

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Installs Debian's Chromium when it is missing (CI runs as root). */
export async function ensureChromium(log: (message: string) => void): Promise<void> {
	if (existsSync(CHROMIUM)) return;
	log(`${CHROMIUM} is missing: installing Debian's chromium…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runCommand('apt-get', ['update'], { cwd: tmpdir(), env, description: 'apt-get update' });
	await runCommand('apt-get', ['install', '-y', 'chromium'], {
		cwd: tmpdir(),
		env,
		description: 'apt-get install -y chromium',
	});
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but not at ${CHROMIUM}`);
}

/** Something the page logged as an error, or an error it did not catch. */
export interface BrowserError {
	text: string;
	/** The script or resource it came from. */
	url: string;
}

export interface Browser {
	context: BrowserContext;
	page: Page;
	errors: BrowserError[];
	close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, one page of 1440 × 900, its errors collected. */
export async function launchBrowser(): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'plivo-voice-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: 1440, height: 900 },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const errors: BrowserError[] = [];
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() === 'error')
			errors.push({ text: message.text(), url: message.location().url });
	});
	page.on('pageerror', (error) =>
		errors.push({ text: `${error.message}\n${error.stack ?? ''}`, url: '' }),
	);
	// Leaving a workflow with unsaved changes asks first; the tests never keep their changes.
	page.on('dialog', (dialog) => void dialog.accept());
	return {
		context,
		page,
		errors,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
