/**
 * Saved workflows store parameters by name, so every name is written out where the field is
 * defined, as a literal `name: '…'`: a name computed from the API's name (or from a table row)
 * could change without anyone seeing it in a diff. This collects every parameter name of every
 * node and credential and looks for it, literally, in the package sources: as `name: '…'`, or
 * under a key that says whose name it is where a builder makes several fields (`urlName: '…'` and
 * `methodName: '…'` for a URL and its method, `gtName: '…'` for a filter's bound); never as
 * `apiName` or `displayName`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials.js';
import { SignalWireApi } from '../../signalwire/credentials/SignalWireApi.credentials.js';
import { PLIVO_VOICE_VERSIONS } from '../../nodes/PlivoVoice/versions.js';
import { plivoVoiceNode } from '../harness/plivo.mts';
import { PlivoVoiceTrigger } from '../../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import { PlivoXml } from '../../nodes/PlivoXml/PlivoXml.node.js';
import { SignalWire } from '../../signalwire/nodes/SignalWire/SignalWire.node.js';

const root = join(import.meta.dirname, '../..');
const sourceFolders = ['nodes', 'credentials', 'lib', 'signalwire/nodes', 'signalwire/credentials'];

function sourceFiles(folder: string): string[] {
	return readdirSync(folder).flatMap((entry) => {
		const path = join(folder, entry);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const literalNames = new Set(
	sourceFolders
		.flatMap((folder) => sourceFiles(join(root, folder)))
		.flatMap((file) => [
			...readFileSync(file, 'utf8').matchAll(/\b(\w*?)(?:name|Name): '([^']+)'/g),
		])
		.filter(([, key]) => key === '' || !['display', 'api', 'urlApi', 'methodApi'].includes(key))
		.map(([, , name]) => name),
);

type Entry = INodeProperties | INodePropertyCollection;

/** Every saved parameter name: fields, the fields of collections, and fixed collections' groups and values. */
function parameterNames(properties: Entry[], path = ''): Array<[string, string]> {
	return properties.flatMap((property): Array<[string, string]> => {
		const here: [string, string] = [`${path}${property.name}`, property.name];
		if ('values' in property) {
			return [here, ...parameterNames(property.values, `${here[0]}.`)];
		}
		const { type, options } = property;
		if ((type === 'collection' || type === 'fixedCollection') && Array.isArray(options)) {
			return [
				here,
				...parameterNames(options as Array<Exclude<Entry, INodePropertyOptions>>, `${here[0]}.`),
			];
		}
		return [here];
	});
}

describe('saved parameter names', () => {
	it.each<[string, Entry[]]>([
		...PLIVO_VOICE_VERSIONS.map((version): [string, Entry[]] => [
			`Plivo Voice ${version}`,
			plivoVoiceNode(version).description.properties,
		]),
		['Plivo Voice Trigger', new PlivoVoiceTrigger().description.properties],
		['Plivo XML', new PlivoXml().description.properties],
		['SignalWire', new SignalWire().description.properties],
		['Plivo Voice API credential', new PlivoVoiceApi().properties],
		['SignalWire API credential', new SignalWireApi().properties],
	])('of %s are each written out as a literal name in the source', (_name, properties) => {
		const names = parameterNames(properties);
		expect(names.length).toBeGreaterThan(0);
		const generated = names.filter(([, name]) => !literalNames.has(name)).map(([path]) => path);
		expect(generated).toEqual([]);
	});
});
