/**
 * The package as n8n loads it: the built files listed in package.json's "n8n" section, read by
 * n8n-core's own PackageDirectoryLoader (the loader behind community packages).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type {
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IVersionedNodeType,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import packageJson from '../package.json';
import signalWireOperations from '../signalwire/test/spec/operations.json';
import operations from './spec/operations.json';
import { throwOnPlivoError } from '../lib/plivo/errors';
import { throwOnSignalWireError } from '../signalwire/nodes/SignalWire/shared/errors';
import { PlivoVoiceTrigger } from '../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import { SignalWire } from '../signalwire/nodes/SignalWire/SignalWire.node.js';
import { plivoVoiceNode } from './harness/plivo.mts';
import { PlivoVoice } from '../nodes/PlivoVoice/PlivoVoice.node.js';
import { LATEST_PLIVO_VOICE_VERSION, PLIVO_VOICE_VERSIONS } from '../nodes/PlivoVoice/versions.js';

const root = join(import.meta.dirname, '..');

describe('package', () => {
	it('declares what n8n needs and nothing at run time', () => {
		expect(packageJson.name).toBe('n8n-nodes-plivo-voice');
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		// Only what n8n loads: `n8n-node build` also copies the SignalWire package's icons into dist/.
		expect(packageJson.files).toEqual(['dist/nodes', 'dist/credentials', 'dist/lib']);
		expect(packageJson).not.toHaveProperty('dependencies');
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		for (const file of [...packageJson.n8n.credentials, ...packageJson.n8n.nodes]) {
			expect(existsSync(join(root, file)), `${file} is built (run npm run build)`).toBe(true);
		}
	});

	it('loads in n8n’s package loader with icons and codex', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		// A versioned node: n8n's node panel shows the base description, a workflow runs its version's.
		const versioned = loader.nodeTypes.plivoVoice.type as IVersionedNodeType;
		const nodes = [
			versioned,
			...PLIVO_VOICE_VERSIONS.map((version) => versioned.getNodeType(version)),
		];
		for (const node of nodes) {
			expect(node.description.displayName).toBe('Plivo Voice');
			expect(node.description.iconUrl).toEqual({
				light: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoice/plivo.svg',
				dark: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoice/plivo.dark.svg',
			});
			expect(node.description.codex?.categories).toEqual(['Communication']);
		}
		for (const folder of ['PlivoVoice', 'PlivoVoiceTrigger', 'PlivoXml'])
			for (const file of ['plivo.svg', 'plivo.dark.svg'])
				expect(existsSync(join(root, 'dist/nodes', folder, file))).toBe(true);
		const trigger = loader.nodeTypes.plivoVoiceTrigger.type as INodeType;
		expect(trigger.description.displayName).toBe('Plivo Voice Trigger');
		expect(trigger.description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoiceTrigger/plivo.svg',
			dark: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoiceTrigger/plivo.dark.svg',
		});
		expect(trigger.description.codex?.categories).toEqual(['Communication']);
		const credential = loader.credentialTypes.plivoVoiceApi.type;
		expect(credential.displayName).toBe('Plivo Voice API');
		expect(credential.supportedNodes).toEqual(['plivoVoice', 'plivoVoiceTrigger']);
		// Declarative nodes get n8n's "Request Options" (batching, timeout, proxy) from the loader.
		for (const version of PLIVO_VOICE_VERSIONS) {
			const { properties } = versioned.getNodeType(version).description as INodeTypeDescription;
			expect(properties.some((property) => property.name === 'requestOptions')).toBe(true);
		}
	});

	it('loads the Plivo XML node, usable as an AI tool, with icon and codex', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		const node = loader.nodeTypes.plivoXml.type as INodeType;
		expect(node.description.displayName).toBe('Plivo XML');
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.credentials ?? []).toEqual([]);
		expect(node.description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoXml/plivo.svg',
			dark: 'icons/n8n-nodes-plivo-voice/dist/nodes/PlivoXml/plivo.dark.svg',
		});
		expect(node.description.codex?.categories).toEqual(['Communication', 'Development']);
		expect(typeof node.execute).toBe('function');
	});

	it('loads only Plivo’s nodes and credential: one service per package', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		expect(Object.keys(loader.nodeTypes).sort()).toEqual([
			'plivoVoice',
			'plivoVoiceTrigger',
			'plivoXml',
		]);
		expect(Object.keys(loader.credentialTypes)).toEqual(['plivoVoiceApi']);
	});

	it('loads the SignalWire package, its node and its credential, with icon and codex', async () => {
		const signalWireRoot = join(root, 'signalwire');
		const loader = new PackageDirectoryLoader(signalWireRoot);
		await loader.loadAll();
		const node = loader.nodeTypes.signalWire.type as INodeType;
		expect(node.description.displayName).toBe('SignalWire');
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-signalwire-conferences/dist/nodes/SignalWire/signalwire.svg',
			dark: 'icons/n8n-nodes-signalwire-conferences/dist/nodes/SignalWire/signalwire.dark.svg',
		});
		expect(node.description.codex?.categories).toEqual(['Communication']);
		expect(existsSync(join(signalWireRoot, 'dist/nodes/SignalWire/signalwire.svg'))).toBe(true);
		expect(existsSync(join(signalWireRoot, 'dist/nodes/SignalWire/signalwire.dark.svg'))).toBe(
			true,
		);
		expect(Object.keys(loader.nodeTypes)).toEqual(['signalWire']);
		const credential = loader.credentialTypes.signalWireApi.type;
		expect(credential.displayName).toBe('SignalWire API');
		expect(credential.supportedNodes).toEqual(['signalWire']);
		expect(node.description.properties.some((property) => property.name === 'requestOptions')).toBe(
			true,
		);
	});
});

/** The operations a node offers for a resource. */
function operationsIn(description: INodeTypeDescription, resource: string): INodePropertyOptions[] {
	return (description.properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	)?.options ?? []) as INodePropertyOptions[];
}

describe('node versions', () => {
	it('offers every version of Plivo Voice, and the latest for new nodes', () => {
		const node = new PlivoVoice();
		expect(Object.keys(node.nodeVersions).map(Number)).toEqual([...PLIVO_VOICE_VERSIONS]);
		expect(node.getNodeType().description.version).toBe(LATEST_PLIVO_VOICE_VERSION);
		for (const version of PLIVO_VOICE_VERSIONS) {
			expect(node.getNodeType(version).description.version).toBe(version);
		}
	});
});

describe('node description', () => {
	const { description } = plivoVoiceNode();
	const operationsOf = (resource: string) => operationsIn(description, resource);
	const signalWire = new SignalWire().description;

	it('offers each resource’s operations of the spec, and those the package adds, and no others', () => {
		const resources = (description.properties[0].options as INodePropertyOptions[]).map(
			(option) => option.value as string,
		);
		expect([...resources].sort()).toEqual(Object.keys(operations.spec).sort());
		for (const resource of resources) {
			const expected = [
				...operations.spec[resource as keyof typeof operations.spec],
				...Object.keys(operations.beyondSpec[resource as keyof typeof operations.beyondSpec] ?? {}),
			];
			expect(
				operationsOf(resource)
					.map((option) => option.value)
					.sort(),
				resource,
			).toEqual(expected.sort());
		}
		expect(Object.values(operations.spec).flat()).toHaveLength(73);
	});

	it('offers the SignalWire operations its package lists', () => {
		const resources = (signalWire.properties[0].options as INodePropertyOptions[]).map(
			(option) => option.value as string,
		);
		const { $comment: _comment, ...expected } = signalWireOperations;
		expect(resources.sort()).toEqual(Object.keys(expected).sort());
		for (const resource of resources) {
			expect(
				operationsIn(signalWire, resource)
					.map((option) => option.value)
					.sort(),
				resource,
			).toEqual([...expected[resource as keyof typeof expected]].sort());
		}
	});

	it('backs every resource locator’s “From List” with a list search the node has', () => {
		const searches = Object.keys(plivoVoiceNode().methods!.listSearch!);
		const locators = description.properties.filter(
			(property) => property.type === 'resourceLocator',
		);
		expect(locators.length).toBeGreaterThan(0);
		for (const property of locators) {
			const listMode = property.modes?.find((mode) => mode.type === 'list');
			expect(searches, property.name).toContain(listMode?.typeOptions?.searchListMethod);
		}
	});

	it.each([
		['Plivo Voice', description, throwOnPlivoError],
		['SignalWire', signalWire, throwOnSignalWireError],
	])(
		'routes every %s operation through the request runner, with its API’s error handling first',
		(_name, node, errorStep) => {
			const resources = (node.properties[0].options as INodePropertyOptions[]).map(
				(option) => option.value as string,
			);
			const checked = resources.flatMap((resource) => operationsIn(node, resource));
			expect(checked.length).toBeGreaterThan(resources.length);
			for (const resource of resources) {
				for (const operation of operationsIn(node, resource)) {
					expect(operation.routing?.send?.paginate, `${resource}.${operation.value}`).toBe(true);
					expect(
						operation.routing?.output?.postReceive?.[0],
						`${resource}.${operation.value}`,
					).toBe(errorStep);
					expect(operation.action, `${resource}.${operation.value}`).toMatch(/^[A-Z][a-z]/);
				}
			}
		},
	);

	it.each([
		['Plivo Voice', description],
		['SignalWire', signalWire],
	])('gives every %s field a description written for people', (_name, node) => {
		let fields = 0;
		const visit = (properties: Array<INodeProperties | INodePropertyOptions>, path: string) => {
			for (const property of properties) {
				const isField =
					'displayName' in property &&
					!['notice', 'collection', 'fixedCollection'].includes(property.type) &&
					!['resource', 'operation'].includes(property.name);
				if (isField) {
					fields++;
					expect(property.description ?? '', `${path}${property.name}`).toMatch(/\S/);
				}
				if (
					'options' in property &&
					Array.isArray(property.options) &&
					(property as INodeProperties).type === 'collection'
				) {
					visit(property.options as INodeProperties[], `${path}${property.name}.`);
				}
			}
		};
		visit(node.properties, '');
		// Collections included: more fields than top-level properties.
		expect(fields).toBeGreaterThan(node.properties.length / 2);
	});
});

describe('trigger description', () => {
	const { description } = new PlivoVoiceTrigger();
	const property = (name: string) =>
		description.properties.find((candidate) => candidate.name === name)!;

	it('is a webhook trigger on POST and GET with the whole registration lifecycle', () => {
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST,GET', path: 'webhook' }),
		]);
		const { webhookMethods } = new PlivoVoiceTrigger();
		expect(Object.keys(webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	});

	it('offers every callback kind, and "any", as events', () => {
		expect(
			(property('events').options as INodePropertyOptions[]).map((option) => option.value).sort(),
		).toEqual(
			[
				'*',
				'answer',
				'conference',
				'fallback',
				'hangup',
				'input',
				'machineDetection',
				'mpcRecordingStatus',
				'mpcStatus',
				'recordingReady',
				'ring',
				'streamStatus',
				'transcriptionReady',
			].sort(),
		);
	});

	it('verifies signatures by default, and warns in the node when that is switched off', () => {
		expect(property('verifySignature').default).toBe(true);
		const notice = property('signatureNotice');
		expect(notice.type).toBe('notice');
		expect(notice.displayOptions).toEqual({ show: { verifySignature: [false] } });
	});

	it('gives every field a description written for people', () => {
		const fields = description.properties.flatMap((field) =>
			field.type === 'collection'
				? (field.options as INodeProperties[])
				: field.type === 'notice'
					? []
					: [field],
		);
		expect(fields.length).toBeGreaterThan(0);
		for (const field of fields) expect(field.description ?? '', field.name).toMatch(/\S/);
	});
});
