/**
 * What saved workflows depend on: every parameter of every node and credential, by the path n8n
 * stores it under, with its type, default, label, options and the conditions that show it, as a
 * user meets them (per resource and operation). A change here breaks or alters saved workflows:
 * it must be made on purpose, by updating the snapshot (`npx vitest run -u`) and saying why in the
 * commit. Descriptions, hints and placeholders are left out: rewording them breaks nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials.js';
import { SignalWireApi } from '../../signalwire/credentials/SignalWireApi.credentials.js';
import { plivoVoiceNode } from '../harness/plivo.mts';
import { PlivoVoiceTrigger } from '../../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import { PlivoXml } from '../../nodes/PlivoXml/PlivoXml.node.js';
import { SignalWire } from '../../signalwire/nodes/SignalWire/SignalWire.node.js';

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/**
 * One field as saved and shown for `operation`: everything but the wording. A collection lists
 * only the options the editor offers for the operation (the node declares one Additional Fields
 * per resource, each option saying its operations: see mergedFields in lib/kit/routing.ts).
 */
function field(property: Entry, operation?: string): unknown {
	if (!('type' in property) && 'values' in property) {
		return {
			name: property.name,
			displayName: property.displayName,
			values: property.values.map((value) => field(value, operation)),
		};
	}
	if (!('type' in property)) return { name: property.name, value: property.value };
	const {
		name,
		displayName,
		type,
		default: defaultValue,
		required,
		typeOptions,
		displayOptions,
		options,
		modes,
		noDataExpression,
	} = property;
	return {
		name,
		displayName,
		type,
		default: defaultValue,
		...(required ? { required } : {}),
		...(noDataExpression ? { noDataExpression } : {}),
		...(typeOptions ? { typeOptions: withoutFunctions(typeOptions) } : {}),
		...(displayOptions && withoutResourceAndOperation(displayOptions)
			? { displayOptions: withoutResourceAndOperation(displayOptions) }
			: {}),
		...(options
			? {
					options: (options as Entry[])
						.filter((option) => optionShownFor(option, operation))
						.map((option) => field(option, operation)),
				}
			: {}),
		...(modes
			? {
					modes: modes.map((mode) => ({
						name: mode.name,
						type: mode.type,
						validation: mode.validation,
					})),
				}
			: {}),
	};
}

function withoutFunctions(value: object): unknown {
	return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Whether a collection's option is offered for the operation (options that do not say, always). */
function optionShownFor(option: Entry, operation: string | undefined): boolean {
	const operations =
		'displayOptions' in option ? option.displayOptions?.show?.['/operation'] : undefined;
	return operation === undefined || operations === undefined || operations.includes(operation);
}

/** Display conditions other than the resource and operation, by which fields are listed. */
function withoutResourceAndOperation(
	displayOptions: NonNullable<INodeProperties['displayOptions']>,
): unknown {
	const {
		resource: _resource,
		operation: _operation,
		'/operation': _rootOperation,
		...show
	} = displayOptions.show ?? {};
	const conditions = {
		...(Object.keys(show).length ? { show } : {}),
		...(displayOptions.hide ? { hide: displayOptions.hide } : {}),
	};
	return Object.keys(conditions).length ? withoutFunctions(conditions) : undefined;
}

function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show ?? {};
	const matches = (name: string, value: string) =>
		!(name in show) || (show[name] ?? []).includes(value);
	return matches('resource', resource) && matches('operation', operation);
}

/** The node's fields per resource and operation, in the order the editor shows them. */
function parametersOf(description: INodeTypeDescription): Record<string, unknown> {
	const resourceField = description.properties.find((property) => property.name === 'resource');
	if (!resourceField) return { fields: description.properties.map((property) => field(property)) };
	const result: Record<string, unknown> = {};
	for (const resource of (resourceField.options as INodePropertyOptions[]).map((option) =>
		String(option.value),
	)) {
		const operationField = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		)!;
		for (const operation of (operationField.options as INodePropertyOptions[]).map((option) =>
			String(option.value),
		)) {
			result[`${resource}.${operation}`] = description.properties
				.filter(
					(property) =>
						!['resource', 'operation'].includes(property.name) &&
						shownFor(property, resource, operation),
				)
				.map((property) => field(property, operation));
		}
	}
	return result;
}

function credentialParameters(credential: ICredentialType): unknown {
	return credential.properties.map((property) => field(property));
}

/**
 * The path of a committed snapshot. Outside CI, vitest writes a missing snapshot and passes, so a
 * deleted or renamed one would pass unchecked: its absence fails here instead.
 */
function savedSnapshot(file: string): string {
	const path = `./snapshots/${file}`;
	expect(existsSync(join(import.meta.dirname, path)), `${path} is committed`).toBe(true);
	return path;
}

describe('saved parameters', () => {
	it.each([
		// Version 1's snapshot is the one saved before version 2 existed: its workflows must not change.
		['Plivo Voice', plivoVoiceNode(1).description],
		['Plivo Voice 2', plivoVoiceNode(2).description],
		['Plivo Voice Trigger', new PlivoVoiceTrigger().description],
		['Plivo XML', new PlivoXml().description],
		['SignalWire', new SignalWire().description],
	])('of the %s node are as saved workflows have them', async (name, description) => {
		const snapshot = savedSnapshot(`${name.replace(/ /g, '')}.node.json`);
		await expect(`${JSON.stringify(parametersOf(description), null, 1)}\n`).toMatchFileSnapshot(
			snapshot,
		);
	});

	it('of the Plivo Voice node differ between versions 1 and 2 in four saved names only', () => {
		// Version 2 names the Call UUID of Audio Stream, and the From, To and Call UUID of MPC
		// Participant › Add, for themselves (nodes/PlivoVoice/versions.ts). Users see the same fields,
		// with the same labels, defaults, options and display conditions.
		const versionOneNames: Record<string, string> = {
			streamCallUuid: 'callUuid',
			participantFrom: 'from',
			participantTo: 'to',
			participantCallUuid: 'callUuid',
		};
		const renamed: string[] = [];
		const asVersionOne = JSON.parse(
			JSON.stringify(parametersOf(plivoVoiceNode(2).description)),
			(key, value: unknown) => {
				if (key !== 'name' || typeof value !== 'string' || !(value in versionOneNames))
					return value;
				renamed.push(value);
				return versionOneNames[value];
			},
		) as unknown;
		expect(asVersionOne).toEqual(parametersOf(plivoVoiceNode(1).description));
		// Once per operation that shows the field: Audio Stream's five, and Add's three fields.
		expect(renamed.sort()).toEqual(
			[
				...Array<string>(5).fill('streamCallUuid'),
				'participantCallUuid',
				'participantFrom',
				'participantTo',
			].sort(),
		);
	});

	it.each([
		['Plivo Voice API', new PlivoVoiceApi()],
		['SignalWire API', new SignalWireApi()],
	])('of the %s credential are as saved credentials have them', async (name, credential) => {
		const snapshot = savedSnapshot(`${name.replace(/ /g, '')}.credentials.json`);
		await expect(
			`${JSON.stringify(credentialParameters(credential), null, 1)}\n`,
		).toMatchFileSnapshot(snapshot);
	});
});
