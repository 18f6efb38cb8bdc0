import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import { operationsTable } from '../scripts/operations-table';

it('the README lists every operation the node offers, as the node describes it', () => {
	const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
	expect(readme).toContain(operationsTable());
});
