/**
 * Where the real-n8n tooling (`npm run dev`, the end-to-end tests) keeps things. Everything it
 * creates lives under `.n8n-dev/` (git-ignored): delete that folder to start over.
 */
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Git-ignored working area: the n8n install and the throw-away user folders. */
export const DEV_ROOT = join(REPO_ROOT, '.n8n-dev');

/** The pinned n8n release: package.json, lockfile and allowed install scripts (committed). */
export const PINNED_N8N_DIR = join(__dirname, 'pinned');

/** Where that release is installed on first use and reused afterwards. */
export const N8N_INSTALL_DIR = join(DEV_ROOT, 'n8n');

/** The user folder of `npm run dev` (n8n keeps its database, settings and nodes in `.n8n/` inside). */
export const DEV_USER_FOLDER = join(DEV_ROOT, 'user');

/** Example workflows shipped with the repository (and importable by users). */
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
