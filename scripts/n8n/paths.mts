/**
 * Where the real-n8n tooling (`npm run dev`, the end-to-end tests) keeps things. Everything it
 * creates lives under `.n8n-dev/` (git-ignored): delete that folder to start over.
 */
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** Git-ignored working area: the n8n and Node installs and the throw-away user folders. */
export const DEV_ROOT = join(REPO_ROOT, '.n8n-dev');

/**
 * The pinned releases (committed): one folder per n8n line (`n8n-1`, `n8n-2`) and per Node
 * release a line needs that these scripts install themselves (`node-24`), each with its
 * package.json (overrides, reviewed install scripts) and lockfile.
 */
export const PINNED_DIR = join(import.meta.dirname, 'pinned');

/** The user folder of `npm run dev` for a line (n8n keeps its database, settings and nodes in `.n8n/` inside). */
export function devUserFolder(line: string): string {
	return join(DEV_ROOT, `user-n8n-${line}`);
}

/** Example workflows shipped with the repository (and importable by users). */
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
