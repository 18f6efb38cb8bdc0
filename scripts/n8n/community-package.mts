/**
 * Puts this repository's packages (the Plivo package at the root, the SignalWire package in
 * signalwire/) into an n8n user folder, each the way n8n 1.x installs a community
 * package (CommunityPackagesService.downloadPackage): the published tarball (`npm pack`, so only
 * what package.json's `files` ships) unpacked into `<user folder>/.n8n/nodes/node_modules/<name>`,
 * with its dev, peer and optional dependencies removed from its package.json. n8n loads every
 * `n8n-nodes-*` folder there at start, under the package's name: the node type is
 * `n8n-nodes-plivo-voice.plivoVoice`, as for users who install the package from npm (a custom
 * extension folder would give `CUSTOM.plivoVoice`, which no user has).
 */
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstall } from './install.mts';
import { REPO_ROOT } from './paths.mts';
import { runCommand } from './processes.mts';

interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
	[key: string]: unknown;
}

/** The folders of the repository's packages: the Plivo package, then the SignalWire package. */
const PACKAGE_FOLDERS = [REPO_ROOT, join(REPO_ROOT, 'signalwire')];

const packageName = (folder: string): string =>
	(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageJson).name;

/** `<user folder>/.n8n/nodes/node_modules`: where n8n looks for community packages. */
function communityNodesDir(userFolder: string): string {
	return join(userFolder, '.n8n', 'nodes', 'node_modules');
}

/** Packs each built package and unpacks it into the user folder, replacing older copies. */
export async function installPackageInto(userFolder: string, install: N8nInstall): Promise<string> {
	const targets: string[] = [];
	for (const folder of PACKAGE_FOLDERS) targets.push(await installOnePackage(folder, userFolder));
	linkN8nWorkflow(communityNodesDir(userFolder), install);
	return targets[0];
}

async function installOnePackage(folder: string, userFolder: string): Promise<string> {
	const nodeModules = communityNodesDir(userFolder);
	const target = join(nodeModules, packageName(folder));
	const packDir = mkdtempSync(join(tmpdir(), 'plivo-voice-pack-'));
	try {
		const packed = JSON.parse(
			await runCommand('npm', ['pack', '--json', '--pack-destination', packDir], {
				cwd: folder,
				description: `Packing ${packageName(folder)} (npm pack)`,
			}),
		) as Array<{ filename: string }>;
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		await runCommand(
			'tar',
			['-xzf', join(packDir, packed[0].filename), '-C', target, '--strip-components=1'],
			{
				cwd: packDir,
				description: 'Unpacking the package',
			},
		);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}

	const manifestPath = join(target, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		readFileSync(manifestPath, 'utf8'),
	) as PackageJson;
	writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
	const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter(
		(file) => !existsSync(join(target, file)),
	);
	if (missing.length)
		throw new Error(`The packed package lacks ${missing.join(', ')}: run npm run build first`);

	return target;
}

function linkN8nWorkflow(nodeModules: string, install: N8nInstall): void {
	// n8n lets community packages resolve `n8n-workflow` to its own copy through NODE_PATH, which
	// Node consults only after every node_modules folder up the tree. Inside this repository the
	// search would first reach the repository's own (newer) n8n-workflow, and the node's errors
	// would be instances of another copy's classes than n8n's. This link makes the nearest copy
	// n8n's own, as in a real install.
	const workflowLink = join(nodeModules, 'n8n-workflow');
	rmSync(workflowLink, { recursive: true, force: true });
	symlinkSync(join(install.dir, 'node_modules', 'n8n-workflow'), workflowLink, 'junction');
}
