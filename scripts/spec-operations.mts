/**
 * Copies the operation list of the spec (`../shared/spec/operations.md`, or the path given) into
 * test/spec/operations.json, which the tests read: a fresh clone has no `../shared` beside it.
 * The operations the package offers beyond the spec are kept by hand in the same file, under
 * `beyondSpec`, and survive a regeneration.
 *   npx tsx scripts/spec-operations.mts [path/to/operations.md]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { format, resolveConfig } from 'prettier';

const root = join(import.meta.dirname, '..');
const specPath = process.argv[2] ?? join(root, '../shared/spec/operations.md');
const outputPath = join(root, 'test/spec/operations.json');

/** `## 1. Call` … by number, and the resource names in the spec's "Operation counts" table. */
function specOperations(markdown: string): Record<string, string[]> {
	const lines = markdown.split('\n');
	const countsStart = lines.findIndex((line) => line === '## Operation counts');
	const resources = lines
		.slice(countsStart)
		.map((line) => /^\| ([a-zA-Z]+) \| \d+/.exec(line)?.[1])
		.filter((resource): resource is string => resource !== undefined);
	const operations: Record<string, string[]> = Object.fromEntries(
		resources.map((resource) => [resource, []]),
	);
	for (const line of lines.slice(0, countsStart)) {
		// `### 4.1 Add a participant: `add`` or a table row `| 6.1 | `hangup` | …`
		const match =
			/^### (\d+)\.\d+ .*: `([a-zA-Z][a-zA-Z0-9]*)`$/.exec(line) ??
			/^\| (\d+)\.\d+ \| `([a-zA-Z][a-zA-Z0-9]*)` \|/.exec(line);
		if (!match) continue;
		const resource = resources[Number(match[1]) - 1];
		if (!resource) throw new Error(`No resource numbered ${match[1]} in the spec's counts`);
		operations[resource].push(match[2]);
	}
	return operations;
}

const spec = specOperations(readFileSync(specPath, 'utf8'));
const total = Object.values(spec).flat().length;
if (total !== 73) throw new Error(`Expected the spec's 73 operations, read ${total}`);
const previous = existsSync(outputPath)
	? (JSON.parse(readFileSync(outputPath, 'utf8')) as { beyondSpec?: unknown })
	: {};
const json = JSON.stringify({
	$comment:
		'spec: generated from shared/spec/operations.md by scripts/spec-operations.mts; beyondSpec: operations the package adds, kept by hand',
	spec,
	beyondSpec: previous.beyondSpec ?? {},
});
void resolveConfig(outputPath)
	.then((config) => format(json, { ...config, filepath: outputPath }))
	.then((formatted) => {
		writeFileSync(outputPath, formatted);
		console.log(`${total} operations written to ${outputPath}`);
	});
