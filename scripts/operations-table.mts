/**
 * Prints the README's tables of operations (Plivo Voice, then SignalWire) from the node
 * descriptions themselves, so that the README cannot drift from what the nodes do
 * (test/readme.test.mts compares them).
 *   npx tsx scripts/operations-table.mts
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { format, resolveConfig } from 'prettier';

// `.js`: without it, Node's resolution (under tsx) finds the codex `PlivoVoice.node.json` first.
import { ACCOUNT_V2_HOST, STATS_HOST } from '../lib/plivo/hosts';
import { SignalWire } from '../signalwire/nodes/SignalWire/SignalWire.node.js';
import { plivoVoiceNode } from '../test/harness/plivo.mts';

/**
 * The routing's URL, as the README shows it: a path with values is already its template
 * (`/Call/{callUuid}/`, see `pathTemplate`); a fixed one may be written as an expression (`=/Conferences.json`).
 */
function readablePath(url: string): string {
	return url.replace(/^=/, '');
}

interface RequestColumn {
	/** The API, as the column header names it. */
	api: string;
	/** The path shown, relative to the base the README states under the table. */
	path: (url: string, baseURL: unknown) => string;
}

const requestColumns: Record<string, RequestColumn> = {
	plivoVoice: {
		api: 'Plivo',
		path: (url, baseURL) => {
			const prefix =
				baseURL === ACCOUNT_V2_HOST.baseUrl
					? 'v2 '
					: baseURL === STATS_HOST.baseUrl
						? 'stats '
						: '';
			return `${prefix}${readablePath(url)}`;
		},
	},
	// Relative to the project's account, `/api/laml/2010-04-01/Accounts/{ProjectID}`.
	signalWire: { api: 'SignalWire', path: (url) => readablePath(url) },
};

function operationsTable(nodeType: INodeType = plivoVoiceNode()): string {
	const { name, properties } = nodeType.description;
	const column = requestColumns[name];
	const resources = (properties.find((property) => property.name === 'resource')!.options ??
		[]) as INodePropertyOptions[];
	const rows = [
		`| Resource | Operation | What it does | ${column.api} request |`,
		'|---|---|---|---|',
	];
	for (const resource of resources) {
		const selector = properties.find(
			(property: INodeProperties) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		for (const operation of (selector?.options ?? []) as INodePropertyOptions[]) {
			const request = operation.routing?.request ?? {};
			const qs = request.qs
				? `?${new URLSearchParams(request.qs as Record<string, string>).toString()}`
				: '';
			rows.push(
				`| ${resource.name} | ${operation.name} | ${operation.description ?? ''} | \`${request.method} ${column.path(String(request.url), request.baseURL)}${qs}\` |`,
			);
		}
	}
	return rows.join('\n');
}

/** Every table the README shows, one per node, formatted as the repository's prettier formats it. */
export async function operationsTables(): Promise<string[]> {
	const options = { ...(await resolveConfig(import.meta.filename)), parser: 'markdown' };
	const tables = [operationsTable(plivoVoiceNode()), operationsTable(new SignalWire())];
	return await Promise.all(tables.map(async (table) => (await format(table, options)).trimEnd()));
}

// Run as a script (not imported by test/readme.test.mts): print the tables.
if (process.argv[1] === import.meta.filename)
	void operationsTables().then((tables) => console.log(tables.join('\n\n')));
