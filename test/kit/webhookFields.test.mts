/**
 * The trigger's webhook description fields: on n8n 2.x, n8n resolves them from the node's
 * parameters without its expression engine (n8n-workflow's own resolver, as n8n's webhook code
 * calls it); on n8n 1.x, whose n8n-workflow has no resolvers, they are the same templates.
 */
import type { INode, IWebhookDescription } from 'n8n-workflow';
import {
	Workflow,
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
} from 'n8n-workflow';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { PlivoVoiceTrigger } from '../../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';

const webhook = new PlivoVoiceTrigger().description.webhooks![0] as IWebhookDescription;

function triggerNode(parameters: INode['parameters']): INode {
	return {
		id: 'trigger',
		name: 'Plivo Voice Trigger',
		type: 'n8n-nodes-plivo-voice.plivoVoiceTrigger',
		typeVersion: 1.1,
		position: [0, 0],
		parameters,
	};
}

/** What n8n's expression engine makes of the field's template for these parameters. */
function evaluated(
	field: 'responseMode' | 'responsePropertyName',
	parameters: INode['parameters'],
) {
	const node = triggerNode(parameters);
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => new PlivoVoiceTrigger(),
			getByNameAndVersion: () => new PlivoVoiceTrigger(),
			getKnownTypes: () => ({}),
		},
	});
	return workflow.expression.getSimpleParameterValue(node, webhook[field], 'webhook', {});
}

const CASES: Array<INode['parameters']> = [
	{},
	{ responseMode: 'onReceived' },
	{ responseMode: 'lastNode', xmlField: 'answer' },
	{ responseMode: 'responseNode', xmlField: '' },
];

describe('webhook description fields (n8n 2.x)', () => {
	it('carry resolvers, so that n8n answers a callback without evaluating them', () => {
		expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
	});

	it.each(CASES)('resolve natively to what the expression engine gives (%o)', (parameters) => {
		for (const field of ['responseMode', 'responsePropertyName'] as const) {
			const resolution = resolveWebhookDescriptionField(triggerNode(parameters), webhook, field);
			expect(resolution).toEqual({ resolved: true, value: evaluated(field, parameters) });
		}
		expect(evaluated('responseMode', {})).toBe('onReceived');
		expect(evaluated('responsePropertyName', {})).toBe('xml');
	});

	it('leave a node whose parameters hold an expression to the expression engine', () => {
		const node = triggerNode({ responseMode: 'lastNode', xmlField: '={{ "answer" }}' });
		expect(resolveWebhookDescriptionField(node, webhook, 'responsePropertyName')).toEqual({
			resolved: false,
		});
	});
});

describe('webhook description fields (n8n 1.x)', () => {
	afterEach(() => {
		vi.doUnmock('n8n-workflow');
		vi.resetModules();
	});

	it('are the same templates, without resolvers', async () => {
		vi.resetModules();
		vi.doMock('n8n-workflow', async (importOriginal) => {
			const actual = await importOriginal<typeof import('n8n-workflow')>();
			return { ...actual, fromParameter: undefined, webhookDescriptionFields: undefined };
		});
		const { parameterFields } = await import('../../lib/kit/webhookFields');
		const fields = parameterFields({
			responseMode: { parameter: 'responseMode', fallback: 'onReceived' },
			responsePropertyName: { parameter: 'xmlField', fallback: 'xml' },
		});
		expect(fields).toEqual({
			responseMode: webhook.responseMode,
			responsePropertyName: webhook.responsePropertyName,
		});
		expect(Object.getOwnPropertySymbols(fields)).toEqual([]);
		expect(Object.getOwnPropertySymbols(webhook)).toHaveLength(1);
	});
});
