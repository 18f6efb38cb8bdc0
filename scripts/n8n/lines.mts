/**
 * The n8n release lines the package is run in: n8n 2.x (today's, on the Node 24 it requires) and
 * n8n 1.123 (the last 1.x, still widely run, on Node 20). `npm run dev` and the end-to-end tests
 * take the line as a parameter; everything that differs between the lines is decided here or in
 * the code that launches and drives n8n (instance.mts, rest.mts), from `N8nInstall.line`.
 */
import { join } from 'node:path';

import { PINNED_DIR } from './paths.mts';

export type N8nLine = '1' | '2';

export const N8N_LINES: readonly N8nLine[] = ['1', '2'];

/** The line `npm run dev` and the end-to-end tests use unless told otherwise. */
export const DEFAULT_N8N_LINE: N8nLine = '2';

export interface LineManifests {
	/** The pinned n8n release: package.json and lockfile. */
	n8n: string;
	/**
	 * The pinned Node release the line runs on, installed from the npm registry by these scripts;
	 * none: the Node that runs these scripts (the project's own, Node 20).
	 */
	node?: string;
}

export const LINE_MANIFESTS: Record<N8nLine, LineManifests> = {
	'1': { n8n: join(PINNED_DIR, 'n8n-1') },
	'2': { n8n: join(PINNED_DIR, 'n8n-2'), node: join(PINNED_DIR, 'node-24') },
};

/** Reads a line from a command-line flag or an environment variable, with a clear error. */
export function parseN8nLine(value: string | undefined, source: string): N8nLine {
	if (value === undefined || value === '') return DEFAULT_N8N_LINE;
	const line = value.replace(/^v/, '').split('.')[0];
	if ((N8N_LINES as readonly string[]).includes(line)) return line as N8nLine;
	throw new Error(`${source} is "${value}": the n8n lines are ${N8N_LINES.join(' and ')}`);
}

/** The line the end-to-end tests run (`N8N_LINE=1 npm run test:e2e`, or `npm run test:e2e:1`). */
export function e2eLine(): N8nLine {
	return parseN8nLine(process.env.N8N_LINE, 'N8N_LINE');
}
