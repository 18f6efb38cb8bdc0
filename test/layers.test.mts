/**
 * The layers, as the paths name them, and the one direction their imports point:
 * nodes → Plivo's plumbing (lib/plivo) → the kit (lib/kit); SignalWire → the kit. The kit names
 * no API: everything API-specific reaches it as an argument.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/**
 * The TypeScript files under `folder`. A folder that is gone or holds none fails the test: an empty
 * list would let every rule below pass without reading a file.
 */
function sourceFiles(folder: string): string[] {
	if (!existsSync(join(root, folder))) throw new Error(`${folder} does not exist`);
	const files = filesUnder(folder);
	if (files.length === 0) throw new Error(`${folder} holds no .ts file`);
	return files;
}

function filesUnder(folder: string): string[] {
	const absolute = join(root, folder);
	return readdirSync(absolute).flatMap((entry) => {
		const path = join(absolute, entry);
		if (statSync(path).isDirectory()) return filesUnder(relative(root, path));
		return path.endsWith('.ts') ? [relative(root, path)] : [];
	});
}

/** Every module a file imports or re-exports: package names as written, relative ones resolved. */
export function importsOf(file: string): string[] {
	const text = readFileSync(join(root, file), 'utf8');
	const specifiers = [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map(
		(match) => match[1],
	);
	return specifiers.map((specifier) =>
		specifier.startsWith('.')
			? relative(root, resolve(dirname(join(root, file)), specifier))
			: specifier,
	);
}

/** The files under `folders` importing a module under one of `forbidden`, as "file → module". */
function importsInto(folders: string[], forbidden: RegExp): string[] {
	return folders.flatMap(sourceFiles).flatMap((file) =>
		importsOf(file)
			.filter((module) => forbidden.test(module))
			.map((module) => `${file} → ${module}`),
	);
}

const SIGNALWIRE = ['signalwire/nodes', 'signalwire/credentials'];

describe('layers', () => {
	it('reads the imports the rules below look for: relative ones resolved from the root', () => {
		// Without this, a reader that found no imports would pass every rule.
		expect(importsInto(['lib/plivo'], /^lib\/kit\//).length).toBeGreaterThan(0);
		expect(importsInto(['nodes'], /^lib\/plivo\//).length).toBeGreaterThan(0);
		expect(importsInto(SIGNALWIRE, /^lib\/kit\//).length).toBeGreaterThan(0);
		expect(importsOf('lib/kit/transport.ts')).toContain('n8n-workflow');
	});

	it('the kit imports only itself and n8n-workflow', () => {
		const outside = sourceFiles('lib/kit').flatMap((file) =>
			importsOf(file)
				.filter((module) => module !== 'n8n-workflow' && !module.startsWith('lib/kit/'))
				.map((module) => `${file} → ${module}`),
		);
		expect(outside).toEqual([]);
	});

	it('the kit names no API: no Plivo or SignalWire in its code or its comments', () => {
		const naming = sourceFiles('lib/kit').filter((file) =>
			/plivo|signalwire/i.test(readFileSync(join(root, file), 'utf8')),
		);
		expect(naming).toEqual([]);
	});

	it("Plivo's plumbing imports the kit, never a node", () => {
		expect(importsInto(['lib/plivo'], /^(nodes|credentials|signalwire)\//)).toEqual([]);
	});

	it("the Plivo nodes and credential import nothing of SignalWire's", () => {
		expect(importsInto(['nodes', 'credentials'], /^signalwire\//)).toEqual([]);
	});

	it("SignalWire's package imports the kit and itself, nothing of Plivo's", () => {
		expect(importsInto(SIGNALWIRE, /^(lib\/plivo|nodes|credentials)\//)).toEqual([]);
	});

	it("one Plivo node's files import no other node's folder", () => {
		const nodes = readdirSync(join(root, 'nodes'));
		const crossing = nodes.flatMap((node) =>
			importsInto([`nodes/${node}`], new RegExp(`^nodes/(?!${node}/)`)),
		);
		expect(crossing).toEqual([]);
	});
});
