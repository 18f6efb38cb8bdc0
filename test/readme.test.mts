import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import { operationsTables } from '../scripts/operations-table.mts';

it('the README lists every operation the nodes offer, as the nodes describe them', async () => {
	const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
	for (const table of await operationsTables()) expect(readme).toContain(table);
});
