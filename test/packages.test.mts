/**
 * One service per package, as n8n's verification asks: the Plivo package (the repository's root)
 * and the SignalWire package (signalwire/) each ship only their own nodes and credential, plus the
 * kit code they use, compiled in. What `npm pack` would publish is read from npm itself.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

interface PackageJson {
	name: string;
	keywords: string[];
	license: string;
	author: unknown;
	repository: { url: string };
	files: string[];
	dependencies?: unknown;
	n8n: { nodes: string[]; credentials: string[] };
}

const readPackage = (folder: string): PackageJson =>
	JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as PackageJson;

/** The files `npm pack` would put in the folder's tarball (needs `npm run build` first). */
function packedFiles(folder: string): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: join(root, folder),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path).sort();
}

describe.each([
	{
		folder: '.',
		name: 'n8n-nodes-plivo-voice',
		own: /^dist\/(nodes\/(PlivoVoice|PlivoVoiceTrigger|PlivoXml)\/|credentials\/PlivoVoiceApi\.|lib\/(kit|plivo)\/)/,
		other: /signal ?wire/i,
	},
	{
		folder: 'signalwire',
		name: 'n8n-nodes-signalwire-conferences',
		own: /^dist\/((signalwire\/)?(nodes\/SignalWire\/|credentials\/SignalWireApi\.)|lib\/kit\/)/,
		other: /plivo/i,
	},
])('the $name package', ({ folder, name, own, other }) => {
	const packageJson = readPackage(folder);
	const files = packedFiles(folder);

	it('is a community package of its own, with no dependency at run time', () => {
		expect(packageJson.name).toBe(name);
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson).not.toHaveProperty('dependencies');
		const plivo = readPackage('.');
		expect(packageJson.license).toBe(plivo.license);
		expect(packageJson.author).toEqual(plivo.author);
		expect(packageJson.repository.url).toBe(plivo.repository.url);
	});

	it('packs its package.json, README, LICENSE and built files, nothing else', () => {
		const rest = files.filter((file) => !['package.json', 'README.md', 'LICENSE'].includes(file));
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE']));
		expect(rest.filter((file) => !own.test(file))).toEqual([]);
		expect(
			files.filter((file) =>
				/(^|\/)(test|scripts|docs|images)\/|\.test\.|\.m?ts$|\.mjs$/.test(file),
			),
		).toEqual([]);
		// Source maps only beside the compiled code they map.
		const maps = files.filter((file) => file.endsWith('.js.map'));
		expect(maps.filter((map) => !files.includes(map.slice(0, -'.map'.length)))).toEqual([]);
		expect(files.filter((file) => /\.png$/.test(file))).toEqual([]);
	});

	it('packs the codex file beside each node it names, and its icons', () => {
		expect(packageJson.n8n.nodes.length).toBeGreaterThan(0);
		for (const node of packageJson.n8n.nodes) {
			expect(files).toContain(node.replace(/\.js$/, '.json'));
			expect(
				files.filter((file) => file.startsWith(node.replace(/[^/]*$/, '')) && file.endsWith('.svg'))
					.length,
			).toBeGreaterThan(0);
		}
	});

	it("packs no other service's code", () => {
		expect(files.filter((file) => other.test(file))).toEqual([]);
		const code = files.filter((file) => file.endsWith('.js'));
		expect(code).toEqual(expect.arrayContaining(packageJson.n8n.nodes));
		const naming = code.filter((file) =>
			other.test(readFileSync(join(root, folder, file), 'utf8')),
		);
		expect(naming).toEqual([]);
	});

	it('packs every node and credential its n8n section names', () => {
		expect(packageJson.n8n.credentials.length).toBeGreaterThan(0);
		expect(files).toEqual(
			expect.arrayContaining([...packageJson.n8n.nodes, ...packageJson.n8n.credentials]),
		);
	});
});
