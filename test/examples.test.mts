/**
 * The example workflows (examples/*.json), checked without n8n: named and numbered for the
 * importer, explained by a sticky note, and every node of this package (the Plivo Voice node and
 * its trigger) set with parameters the node shows for its settings, with nothing the editor would
 * flag, and the sandbox credential. (test/e2e runs them in a real n8n.)
 */
import type {
	INode,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PlivoVoice } from '../nodes/PlivoVoice/PlivoVoice.node.js';
// `.js`: without it, Node's resolution (under tsx) finds the codex `PlivoVoiceTrigger.node.json` first.
import { PlivoVoiceTrigger } from '../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import { PlivoXml } from '../nodes/PlivoXml/PlivoXml.node.js';
import { loadExamples, SANDBOX_CREDENTIAL } from '../scripts/n8n/launch.mts';
import type { WorkflowNode } from '../scripts/n8n/rest.mts';

const PACKAGE_NODE_PREFIX = 'n8n-nodes-plivo-voice.';

/** This package's node types, by the type name workflows use. */
const PACKAGE_NODES: Record<string, INodeTypeDescription> = Object.fromEntries(
	[new PlivoVoice(), new PlivoVoiceTrigger(), new PlivoXml()].map(({ description }) => [
		`${PACKAGE_NODE_PREFIX}${description.name}`,
		description,
	]),
);

/** The node's fields the editor shows for these parameters (n8n's own display rules, defaults filled in). */
function shownFields(description: INodeTypeDescription, node: WorkflowNode): INodeProperties[] {
	const values =
		NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters as INode['parameters'],
			true,
			false,
			node,
			description,
		) ?? {};
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(values, property, node, description),
	);
}

/** Parameters the node does not show for these settings, as `name` or `collection.name`. */
function unknownParameters(description: INodeTypeDescription, node: WorkflowNode): string[] {
	const fields = shownFields(description, node);
	const unknown: string[] = [];
	for (const [name, value] of Object.entries(node.parameters)) {
		const field = fields.find((candidate) => candidate.name === name);
		if (!field) unknown.push(name);
		else if (field.type === 'collection') {
			const options = (field.options ?? []) as INodeProperties[];
			for (const inner of Object.keys(value as object)) {
				if (!options.some((option) => option.name === inner)) unknown.push(`${name}.${inner}`);
			}
		}
	}
	return unknown;
}

const examples = loadExamples();

describe('example workflows', () => {
	it('are numbered files with unique workflow ids', () => {
		expect(examples.length).toBeGreaterThan(0);
		for (const { file } of examples) expect(file).toMatch(/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.json$/);
		const ids = examples.map(({ workflow }) => workflow.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{1,36}$/);
	});

	describe.each(examples)('$file', ({ workflow }) => {
		const packageNodes = workflow.nodes.filter((node) => node.type.startsWith(PACKAGE_NODE_PREFIX));

		it('is explained by a sticky note and uses the package', () => {
			expect(workflow.nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote')).toBe(true);
			expect(packageNodes.length).toBeGreaterThan(0);
		});

		it('connects only nodes it has', () => {
			const names = new Set(workflow.nodes.map((node) => node.name));
			for (const [source, outputs] of Object.entries(workflow.connections)) {
				expect(names).toContain(source);
				for (const connection of Object.values(
					outputs as Record<string, Array<Array<{ node: string }>>>,
				).flat(2)) {
					expect(names).toContain(connection.node);
				}
			}
		});

		it('sets the package’s nodes with fields they show, nothing the editor would flag, and the sandbox credential where they take one', () => {
			for (const node of packageNodes) {
				const description = PACKAGE_NODES[node.type];
				expect(description, `${node.name}: ${node.type}`).toBeDefined();
				expect(node.typeVersion, node.name).toBe(description.version);
				expect(unknownParameters(description, node), node.name).toEqual([]);
				expect(
					NodeHelpers.getNodeParametersIssues(
						description.properties,
						node as unknown as INode,
						description,
					),
					node.name,
				).toBeNull();
				expect(node.credentials, node.name).toEqual(
					description.credentials?.length
						? {
								[SANDBOX_CREDENTIAL.type]: {
									id: SANDBOX_CREDENTIAL.id,
									name: SANDBOX_CREDENTIAL.name,
								},
							}
						: undefined,
				);
			}
		});

		it('uses operations the Plivo Voice node has', () => {
			for (const node of packageNodes.filter(
				(candidate) => candidate.type === `${PACKAGE_NODE_PREFIX}plivoVoice`,
			)) {
				const description = PACKAGE_NODES[node.type];
				const operations = shownFields(description, node)
					.filter((field) => field.name === 'operation')
					.flatMap((field) => field.options as INodePropertyOptions[]);
				expect(
					operations.map((option) => option.value),
					node.name,
				).toContain(node.parameters.operation);
			}
		});

		it('gives each trigger of the package a webhook ID, which n8n serves it under', () => {
			for (const node of packageNodes.filter(
				(candidate) => PACKAGE_NODES[candidate.type]?.webhooks,
			)) {
				expect(node.webhookId, node.name).toMatch(
					/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
				);
			}
		});
	});
});
