/**
 * Prints the README's table of operations from the node description itself, so that the README
 * cannot drift from what the node does (test/readme.test.ts compares the two).
 *   npx tsx scripts/operations-table.ts
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

// `.js`: without it, Node's resolution (under tsx) finds the codex `PlivoVoice.node.json` first.
import { PlivoVoice } from '../nodes/PlivoVoice/PlivoVoice.node.js';
import { ACCOUNT_V2_BASE_URL, STATS_BASE_URL } from '../nodes/PlivoVoice/shared/hosts';

/** `=/Call/{{encodeURIComponent(String($parameter["callUuid"]).trim())}}/` → `/Call/{callUuid}/` */
function readablePath(url: string): string {
	return url.replace(/^=/, '').replace(/\{\{[^}]*\$parameter\["([^"]+)"\][^}]*\}\}/g, '{$1}');
}

function basePrefix(baseURL: unknown): string {
	if (baseURL === ACCOUNT_V2_BASE_URL) return 'v2 ';
	if (baseURL === STATS_BASE_URL) return 'stats ';
	return '';
}

export function operationsTable(nodeType: INodeType = new PlivoVoice()): string {
	const { properties } = nodeType.description;
	const resources = (properties.find((property) => property.name === 'resource')!.options ?? []) as INodePropertyOptions[];
	const rows = ['| Resource | Operation | What it does | Plivo request |', '|---|---|---|---|'];
	for (const resource of resources) {
		const selector = properties.find(
			(property: INodeProperties) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value),
		);
		for (const operation of (selector?.options ?? []) as INodePropertyOptions[]) {
			const request = operation.routing?.request ?? {};
			const qs = request.qs ? `?${new URLSearchParams(request.qs as Record<string, string>).toString()}` : '';
			rows.push(
				`| ${resource.name} | ${operation.name} | ${operation.description ?? ''} | \`${request.method} ${basePrefix(request.baseURL)}${readablePath(String(request.url))}${qs}\` |`,
			);
		}
	}
	return rows.join('\n');
}

if (require.main === module) console.log(operationsTable());
