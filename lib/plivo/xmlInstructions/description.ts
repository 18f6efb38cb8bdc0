/**
 * The editor: one ordered list of instructions (a single fixedCollection option, so that order
 * is kept across instruction types), each with an "Instruction Type" and the fields of that type
 * shown by `displayOptions`. Required values are fields of their own; optional attributes sit in
 * the type's "Options", so nothing is written that the user did not add.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { AttributeSpec, ElementSpec, Nesting } from './elements';
import { INSTRUCTION_ELEMENTS, NESTINGS } from './elements';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

function attributeField(attribute: AttributeSpec): INodeProperties {
	const { name, displayName, description, placeholder, kind } = attribute;
	const base = { name, displayName, description, ...(placeholder ? { placeholder } : {}) };
	switch (kind.type) {
		case 'method':
			return {
				...base,
				type: 'options',
				options: [
					{ name: 'GET', value: 'GET' },
					{ name: 'POST', value: 'POST' },
				],
				default: attribute.default,
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: attribute.default };
		case 'integer':
			return {
				...base,
				type: 'number',
				typeOptions: {
					minValue: kind.min,
					...(kind.max !== undefined ? { maxValue: kind.max } : {}),
					numberPrecision: 0,
				},
				default: attribute.default,
			};
		case 'options':
			return {
				...base,
				type: 'options',
				options: [...kind.options].sort(byName),
				default: attribute.default,
			};
		case 'multiOptions':
			return {
				...base,
				type: 'multiOptions',
				options: [...kind.options].sort(byName),
				default: String(attribute.default).split(','),
			};
		case 'url':
		case 'text':
			return { ...base, type: 'string', default: attribute.default };
	}
}

/** The fields of one element type, shown when `type` (the entry's type selector) is that element. */
function elementFields(element: ElementSpec): INodeProperties[] {
	const displayOptions = { show: { type: [element.verb] } };
	const fields: INodeProperties[] = [];
	const { content } = element;
	if (content) {
		fields.push({
			displayName: content.displayName,
			name: content.name,
			type: 'string',
			required: true,
			default: '',
			description: content.description,
			...(content.placeholder ? { placeholder: content.placeholder } : {}),
			...(content.multiline ? { typeOptions: { rows: 3 } } : {}),
			displayOptions,
		});
	}
	for (const attribute of element.required ?? []) {
		fields.push({
			...attributeField(attribute),
			name: attribute.fieldName,
			required: true,
			displayOptions,
		});
	}
	if (element.optionsName !== undefined) {
		fields.push({
			displayName: 'Options',
			name: element.optionsName,
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: element.attributes.map(attributeField).sort(byDisplayName),
			displayOptions,
		});
	}
	return fields;
}

function typeField(
	displayName: string,
	elements: ElementSpec[],
	defaultVerb: string,
): INodeProperties {
	const options: INodePropertyOptions[] = elements
		.map((element) => ({
			name: element.displayName,
			value: element.verb,
			description: element.description,
		}))
		.sort(byName);
	return {
		displayName,
		name: 'type',
		type: 'options',
		noDataExpression: true,
		options,
		default: defaultVerb,
	};
}

/** The list of elements an instruction holds (its prompts or the destinations it rings). */
function nestedField(
	nesting: Nesting,
	field: { displayName: string; description: string; typeDisplayName: string; defaultVerb: string },
): INodeProperties {
	const { elements, listName, entryName, entryDisplayName } = NESTINGS[nesting];
	return {
		displayName: field.displayName,
		name: listName,
		type: 'fixedCollection',
		placeholder: `Add ${entryDisplayName}`,
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description: field.description,
		displayOptions: {
			show: {
				type: INSTRUCTION_ELEMENTS.filter((element) => element.nesting === nesting).map(
					(element) => element.verb,
				),
			},
		},
		options: [
			{
				displayName: entryDisplayName,
				name: entryName,
				values: [
					typeField(field.typeDisplayName, elements, field.defaultVerb),
					...elements.flatMap(elementFields),
				],
			},
		],
	};
}

export const instructionsField: INodeProperties = {
	displayName: 'Instructions',
	name: 'instructions',
	type: 'fixedCollection',
	placeholder: 'Add Instruction',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description: 'What Plivo does on the call, in order',
	options: [
		{
			displayName: 'Instruction',
			name: 'instruction',
			values: [
				typeField('Instruction Type', INSTRUCTION_ELEMENTS, 'Speak'),
				...INSTRUCTION_ELEMENTS.flatMap(elementFields),
				nestedField('prompts', {
					displayName: 'Prompts',
					description: 'What the caller hears, in order',
					typeDisplayName: 'Prompt Type',
					defaultVerb: 'Speak',
				}),
				nestedField('destinations', {
					displayName: 'Ring',
					description:
						'The phone numbers and SIP endpoints to ring at the same time; the first to answer is connected',
					typeDisplayName: 'Type',
					defaultVerb: 'Number',
				}),
			],
		},
	],
};
