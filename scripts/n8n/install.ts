/**
 * Installs the pinned n8n release into `.n8n-dev/n8n` on first use and reuses it afterwards.
 *
 * `scripts/n8n/pinned/` holds its package.json and lockfile, both committed: the lockfile pins
 * all of n8n's ~1900 dependencies, so every machine (and CI) installs exactly what was tested,
 * with `npm ci`. The package.json carries overrides: n8n 1.123 pins `xlsx` to a tarball on a
 * host outside the npm registry (0.18.5 is the registry's); `isolated-vm` 6 needs Node 22 (5.0.4
 * builds on Node 20); `msgpackr-extract` 3.0.7 lists prebuilt binaries the registry does not have
 * for macOS, Windows and 32-bit ARM, which leaves a lockfile `npm ci` refuses (3.0.4 has them all).
 * Its `allowScripts` lets exactly the native builds n8n needs run (sqlite3, its database, and
 * isolated-vm, its expression engine) and records that the other install scripts were reviewed:
 * optional native speed-ups with JavaScript fallbacks (msgpackr-extract, ssh2, cpu-features),
 * builds for what this setup does not use (@parcel/watcher builds only on request; Sentry's
 * native stack traces), version notices (oracledb, protobufjs) and a telemetry ping (@scarf/scarf).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_INSTALL_DIR, PINNED_N8N_DIR } from './paths';
import { npmEnvironment, runCommand } from './processes';

export interface N8nInstall {
	/** The folder n8n is installed in. */
	dir: string;
	version: string;
	/** n8n's command-line entry point, to run with Node. */
	bin: string;
}

const MANIFEST_FILES = ['package.json', 'package-lock.json'];
/** Written after a complete install: the hash of the manifest it installed. */
const STAMP_FILE = '.installed-manifest';

function pinnedN8nVersion(): string {
	const manifest = JSON.parse(readFileSync(join(PINNED_N8N_DIR, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	return manifest.dependencies.n8n;
}

function manifestHash(): string {
	const hash = createHash('sha256');
	for (const file of MANIFEST_FILES) hash.update(readFileSync(join(PINNED_N8N_DIR, file)));
	return hash.digest('hex');
}

function installedVersion(dir: string): string | undefined {
	const packageJson = join(dir, 'node_modules', 'n8n', 'package.json');
	if (!existsSync(packageJson)) return undefined;
	return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/** Whether `dir` holds a complete install of the pinned manifest. */
function isN8nInstalled(dir = N8N_INSTALL_DIR): boolean {
	const stamp = join(dir, STAMP_FILE);
	return (
		existsSync(stamp) &&
		readFileSync(stamp, 'utf8') === manifestHash() &&
		installedVersion(dir) === pinnedN8nVersion()
	);
}

/**
 * Returns the pinned n8n, installing it first when it is missing, incomplete (an interrupted
 * install leaves no stamp) or of another version. The first install takes several minutes: it
 * downloads n8n's dependencies and compiles sqlite3 and isolated-vm.
 */
export async function ensureN8nInstalled(
	log: (message: string) => void = console.log,
	dir = N8N_INSTALL_DIR,
): Promise<N8nInstall> {
	const version = pinnedN8nVersion();
	if (!isN8nInstalled(dir)) {
		log(`Installing n8n ${version} into ${dir} (first use only: a few minutes, most of them compiling sqlite3 and isolated-vm)…`);
		const started = Date.now();
		mkdirSync(dir, { recursive: true });
		for (const file of MANIFEST_FILES) copyFileSync(join(PINNED_N8N_DIR, file), join(dir, file));
		await runCommand('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			env: npmEnvironment(),
			description: `Installing n8n ${version} (npm ci in ${dir})`,
		});
		if (installedVersion(dir) !== version) throw new Error(`npm ci in ${dir} did not install n8n ${version}`);
		writeFileSync(join(dir, STAMP_FILE), manifestHash());
		log(`Installed n8n ${version} in ${Math.round((Date.now() - started) / 1000)} s.`);
	}
	return { dir, version, bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}
