/**
 * The example workflows (examples/*.json), checked without n8n: named and numbered for the
 * importer, explained by a sticky note, and every Plivo Voice node set with parameters the node
 * has, using the sandbox credential. (test/e2e runs them in a real n8n.)
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PlivoVoice } from '../nodes/PlivoVoice/PlivoVoice.node';
import { loadExamples, SANDBOX_CREDENTIAL } from '../scripts/n8n/launch';
import type { WorkflowNode } from '../scripts/n8n/rest';

const PACKAGE_NODE_PREFIX = 'n8n-nodes-plivo-voice.';
const { properties } = new PlivoVoice().description;

/** The node's fields shown for a resource and operation (what the editor would offer). */
function fieldsFor(resource: string, operation: string): INodeProperties[] {
	return properties.filter((property) => {
		const show = property.displayOptions?.show ?? {};
		return (!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation));
	});
}

/** Parameters the node does not have, as `name` or `collection.name`. */
function unknownParameters(node: WorkflowNode): string[] {
	const { resource, operation, ...rest } = node.parameters as Record<string, unknown> & { resource: string; operation: string };
	const fields = fieldsFor(resource, operation);
	const unknown: string[] = [];
	for (const [name, value] of Object.entries(rest)) {
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
		const plivoNodes = workflow.nodes.filter((node) => node.type.startsWith(PACKAGE_NODE_PREFIX));

		it('is explained by a sticky note and uses the package', () => {
			expect(workflow.nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote')).toBe(true);
			expect(plivoNodes.length).toBeGreaterThan(0);
		});

		it('connects only nodes it has', () => {
			const names = new Set(workflow.nodes.map((node) => node.name));
			for (const [source, outputs] of Object.entries(workflow.connections)) {
				expect(names).toContain(source);
				for (const connection of Object.values(outputs as Record<string, Array<Array<{ node: string }>>>).flat(2)) {
					expect(names).toContain(connection.node);
				}
			}
		});

		it('sets Plivo nodes with operations and fields the node has, and the sandbox credential', () => {
			for (const node of plivoNodes.filter((candidate) => candidate.type === `${PACKAGE_NODE_PREFIX}plivoVoice`)) {
				const { resource, operation } = node.parameters as { resource: string; operation: string };
				const operations = fieldsFor(resource, operation)
					.filter((field) => field.name === 'operation')
					.flatMap((field) => field.options as INodePropertyOptions[]);
				expect(operations.map((option) => option.value), node.name).toContain(operation);
				expect(unknownParameters(node), node.name).toEqual([]);
				expect(node.credentials, node.name).toEqual({
					[SANDBOX_CREDENTIAL.type]: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name },
				});
			}
		});
	});
});
