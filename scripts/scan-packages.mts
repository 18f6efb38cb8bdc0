/**
 * n8n's verification scan, offline: the static analysis of `@n8n/scan-community-package` (the
 * ESLint configuration n8n checks community packages with, and the files it checks) over each
 * package's source and over its packed tarball, as n8n's scan does after fetching both. The
 * provenance half of n8n's scan needs a published version and is left to publishing (see
 * .github/workflows). Fails on any error or warning.
 *   npm run scan
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';

/** The package folders of this repository. */
const PACKAGES = ['.']
	.concat(readdirSync('.').filter((name) => name === 'signalwire'))
	.map((dir) => resolve(dir));

async function lint(dir: string, patterns: string[]): Promise<ESLint.LintResult[]> {
	const { buildScanConfig } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['**/node_modules/**', '**/package-lock.json'],
	});
	return await eslint.lintFiles(files);
}

/** The package as npm would publish it, unpacked into a temporary folder. */
function packed(dir: string): { folder: string; remove: () => void } {
	const scratch = mkdtempSync(join(tmpdir(), 'scan-'));
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
			cwd: dir,
			encoding: 'utf8',
		}),
	) as Array<{ filename: string }>;
	execFileSync('tar', ['-xzf', join(scratch, filename), '-C', scratch]);
	return {
		folder: join(scratch, 'package'),
		remove: () => rmSync(scratch, { recursive: true, force: true }),
	};
}

async function report(label: string, results: ESLint.LintResult[], base: string): Promise<number> {
	const findings = results.flatMap((result) =>
		result.messages.map(
			(message) =>
				`  ${relative(base, result.filePath)}:${message.line}:${message.column} ${message.severity === 2 ? 'error' : 'warning'} ${message.message} (${message.ruleId ?? 'parser'})`,
		),
	);
	console.log(
		`${label}: ${findings.length === 0 ? 'no findings' : `${findings.length} finding(s)`}`,
	);
	for (const finding of findings) console.log(finding);
	return findings.length;
}

async function main(): Promise<void> {
	const { SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	let findings = 0;
	for (const dir of PACKAGES) {
		findings += await report(`${dir} (source)`, await lint(dir, SOURCE_FILE_PATTERNS), dir);
		const tarball = packed(dir);
		try {
			findings += await report(
				`${dir} (packed)`,
				await lint(tarball.folder, ['**/*.js', '**/*.ts', '**/*.json']),
				tarball.folder,
			);
		} finally {
			tarball.remove();
		}
	}
	if (findings > 0) process.exitCode = 1;
}

void main();
