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

// `.js`: without it, Node's resolution (under tsx) finds the codex `PlivoVoiceTrigger.node.json` first.
import { PlivoVoiceTrigger } from '../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import { PlivoXml } from '../nodes/PlivoXml/PlivoXml.node.js';
import { loadExamples, SANDBOX_CREDENTIAL } from '../scripts/n8n/launch.mts';
import type { WorkflowNode } from '../scripts/n8n/rest.mts';
import { plivoVoiceNode } from './harness/plivo.mts';

const PACKAGE_NODE_PREFIX = 'n8n-nodes-plivo-voice.';

/** This package's node types, by the type name workflows use. */
const PACKAGE_NODES: Record<string, INodeTypeDescription> = Object.fromEntries(
	[plivoVoiceNode(), new PlivoVoiceTrigger(), new PlivoXml()].map(({ description }) => [
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

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

/** A rectangle on n8n's canvas, in canvas units: left, top, right, bottom. */
interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/**
 * What a node takes on the canvas of n8n 1.123 and 2.x: its 100 × 100 square (96 drawn), and
 * under it its name and subtitle, centred on twice the node's width, up to two lines of name and
 * one of subtitle. n8n 2.x moves each node to its 16-unit grid when it opens a workflow: 8 more
 * on every side.
 */
function nodeFootprint(node: WorkflowNode): Box {
	const [x, y] = node.position as [number, number];
	return { left: x - 50 - 8, top: y - 8, right: x + 150 + 8, bottom: y + 180 + 8 };
}

function stickyBox(note: WorkflowNode): Box {
	const [x, y] = note.position as [number, number];
	const { width, height } = note.parameters as { width: number; height: number };
	return { left: x, top: y, right: x + width, bottom: y + height };
}

const intersect = (a: Box, b: Box) =>
	a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('example workflows', () => {
	it('are numbered files with unique workflow ids', () => {
		expect(examples.length).toBeGreaterThan(0);
		for (const { file } of examples) expect(file).toMatch(/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.json$/);
		const ids = examples.map(({ workflow }) => workflow.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{1,36}$/);
	});

	it('set the Plivo Voice node and a trigger of the package, so the checks of each below run', () => {
		const types = examples.flatMap(({ workflow }) => workflow.nodes.map((node) => node.type));
		expect(types).toContain(`${PACKAGE_NODE_PREFIX}plivoVoice`);
		expect(types.filter((type) => PACKAGE_NODES[type]?.webhooks).length).toBeGreaterThan(0);
	});

	describe.each(examples)('$file', ({ workflow }) => {
		const packageNodes = workflow.nodes.filter((node) => node.type.startsWith(PACKAGE_NODE_PREFIX));

		it('is explained by a sticky note and uses the package', () => {
			expect(workflow.nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote')).toBe(true);
			expect(packageNodes.length).toBeGreaterThan(0);
		});

		it('has sticky notes that cover no node (with its name and subtitle) and no other note', () => {
			const notes = workflow.nodes.filter((node) => node.type === STICKY_NOTE);
			const nodes = workflow.nodes.filter((node) => node.type !== STICKY_NOTE);
			const overlaps: string[] = [];
			for (const [index, note] of notes.entries()) {
				for (const node of nodes) {
					if (intersect(stickyBox(note), nodeFootprint(node)))
						overlaps.push(`${note.name} covers ${node.name}`);
				}
				for (const other of notes.slice(index + 1)) {
					if (intersect(stickyBox(note), stickyBox(other)))
						overlaps.push(`${note.name} covers ${other.name}`);
				}
			}
			expect(overlaps).toEqual([]);
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
				// The version a node gets when it is added in the editor.
				expect(node.typeVersion, node.name).toBe(description.defaultVersion ?? description.version);
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
