/**
 * The package as n8n loads it: the built files listed in package.json's "n8n" section, read by
 * n8n-core's own PackageDirectoryLoader (the loader behind community packages).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import packageJson from '../package.json';
import { PlivoVoice } from '../nodes/PlivoVoice/PlivoVoice.node';
import { SignalWire } from '../nodes/SignalWire/SignalWire.node';

const root = join(__dirname, '..');

describe('package', () => {
	it('declares what n8n needs and nothing at run time', () => {
		expect(packageJson.name).toBe('n8n-nodes-plivo-voice');
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		expect(packageJson.files).toEqual(['dist']);
		expect(packageJson).not.toHaveProperty('dependencies');
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		for (const file of [...packageJson.n8n.credentials, ...packageJson.n8n.nodes]) {
			expect(existsSync(join(root, file)), `${file} is built (run npm run build)`).toBe(true);
		}
	});

	it('loads in n8n’s package loader with icons and codex', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		const node = loader.nodeTypes.plivoVoice.type as INodeType;
		expect(node.description.displayName).toBe('Plivo Voice');
		expect(node.description.iconUrl).toBe('icons/n8n-nodes-plivo-voice/dist/nodes/PlivoVoice/plivo.svg');
		expect(node.description.codex?.categories).toEqual(['Communication']);
		expect(existsSync(join(root, 'dist/nodes/PlivoVoice/plivo.svg'))).toBe(true);
		const credential = loader.credentialTypes.plivoVoiceApi.type;
		expect(credential.displayName).toBe('Plivo Voice API');
		expect(credential.supportedNodes).toEqual(['plivoVoice']);
		// Declarative nodes get n8n's "Request Options" (batching, timeout, proxy) from the loader.
		expect(node.description.properties.some((property) => property.name === 'requestOptions')).toBe(true);
	});

	it('loads the SignalWire node and its credential, with icon and codex', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		const node = loader.nodeTypes.signalWire.type as INodeType;
		expect(node.description.displayName).toBe('SignalWire');
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.iconUrl).toBe('icons/n8n-nodes-plivo-voice/dist/nodes/SignalWire/signalwire.svg');
		expect(node.description.codex?.categories).toEqual(['Communication']);
		expect(existsSync(join(root, 'dist/nodes/SignalWire/signalwire.svg'))).toBe(true);
		const credential = loader.credentialTypes.signalWireApi.type;
		expect(credential.displayName).toBe('SignalWire API');
		expect(credential.supportedNodes).toEqual(['signalWire']);
		expect(node.description.properties.some((property) => property.name === 'requestOptions')).toBe(true);
	});
});

/** The operations a node offers for a resource. */
function operationsIn(description: INodeTypeDescription, resource: string): INodePropertyOptions[] {
	return (description.properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	)?.options ?? []) as INodePropertyOptions[];
}

describe('node description', () => {
	const { description } = new PlivoVoice();
	const operationsOf = (resource: string) => operationsIn(description, resource);
	const signalWire = new SignalWire().description;

	it('offers the 19 Call operations of the spec', () => {
		expect(operationsOf('call').map((option) => option.value).sort()).toEqual(
			[
				'create', 'get', 'getMany', 'getLive', 'getManyLive', 'getManyLiveV2', 'getQueued', 'getManyQueued',
				'transfer', 'hangup', 'cancelQueued', 'sendFeedback', 'startRecording', 'stopRecording', 'playAudio',
				'stopAudio', 'speakText', 'stopSpeaking', 'sendDigits',
			].sort(),
		);
	});

	it('offers the SignalWire Conference Participant and Conference operations', () => {
		expect(operationsIn(signalWire, 'conferenceParticipant').map((option) => option.value).sort()).toEqual(
			['get', 'getMany', 'update', 'remove'].sort(),
		);
		expect(operationsIn(signalWire, 'conference').map((option) => option.value).sort()).toEqual(['get', 'getMany', 'update'].sort());
	});

	it.each([
		['Plivo Voice', description, 'throwOnPlivoError'],
		['SignalWire', signalWire, 'throwOnSignalWireError'],
	])('routes every %s operation through the request runner, with its API’s error handling first', (_name, node, errorStep) => {
		const resources = (node.properties[0].options as INodePropertyOptions[]).map((option) => option.value as string);
		for (const resource of resources) {
			for (const operation of operationsIn(node, resource)) {
				expect(operation.routing?.send?.paginate, `${resource}.${operation.value}`).toBe(true);
				expect(operation.routing?.output?.postReceive?.[0], `${resource}.${operation.value}`).toHaveProperty('name', errorStep);
				expect(operation.action, `${resource}.${operation.value}`).toMatch(/^[A-Z][a-z]/);
			}
		}
	});

	it.each([
		['Plivo Voice', description],
		['SignalWire', signalWire],
	])('gives every %s field a description written for people', (_name, node) => {
		const visit = (properties: Array<INodeProperties | INodePropertyOptions>, path: string) => {
			for (const property of properties) {
				const isField =
					'displayName' in property &&
					!['notice', 'collection', 'fixedCollection'].includes(property.type) &&
					!['resource', 'operation'].includes(property.name);
				if (isField) expect(property.description ?? '', `${path}${property.name}`).toMatch(/\S/);
				if ('options' in property && Array.isArray(property.options) && (property as INodeProperties).type === 'collection') {
					visit(property.options as INodeProperties[], `${path}${property.name}.`);
				}
			}
		};
		visit(node.properties, '');
	});
});
