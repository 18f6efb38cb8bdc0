/**
 * Puts this repository's package into an n8n user folder the way n8n 1.x installs a community
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

import type { N8nInstall } from './install';
import { REPO_ROOT } from './paths';
import { runCommand } from './processes';

interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
	[key: string]: unknown;
}

const repoPackage = (): PackageJson =>
	JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

const PACKAGE_NAME = repoPackage().name;

/** `<user folder>/.n8n/nodes/node_modules`: where n8n looks for community packages. */
function communityNodesDir(userFolder: string): string {
	return join(userFolder, '.n8n', 'nodes', 'node_modules');
}

/** Packs the built package and unpacks it into the user folder, replacing an older copy. */
export async function installPackageInto(userFolder: string, install: N8nInstall): Promise<string> {
	const nodeModules = communityNodesDir(userFolder);
	const target = join(nodeModules, PACKAGE_NAME);
	const packDir = mkdtempSync(join(tmpdir(), 'plivo-voice-pack-'));
	try {
		const packed = JSON.parse(
			await runCommand('npm', ['pack', '--json', '--pack-destination', packDir], {
				cwd: REPO_ROOT,
				description: 'Packing the package (npm pack)',
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

	// n8n lets community packages resolve `n8n-workflow` to its own copy through NODE_PATH, which
	// Node consults only after every node_modules folder up the tree. Inside this repository the
	// search would first reach the repository's own (newer) n8n-workflow, and the node's errors
	// would be instances of another copy's classes than n8n's. This link makes the nearest copy
	// n8n's own, as in a real install.
	const workflowLink = join(nodeModules, 'n8n-workflow');
	rmSync(workflowLink, { recursive: true, force: true });
	symlinkSync(join(install.dir, 'node_modules', 'n8n-workflow'), workflowLink, 'junction');
	return target;
}
