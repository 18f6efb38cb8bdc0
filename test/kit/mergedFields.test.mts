/**
 * How the kit lays out a resource's fields (`resourceDescription`): declarations shown for
 * several operations are made into one, since n8n evaluates every declaration's value for every
 * item, while the editor still shows each operation's fields, and a collection's options, as the
 * operation declares them. The Plivo Voice node's description snapshot checks the same for the
 * real operations; these cases pin the rules on small ones.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { OperationDefinition } from '../../lib/kit/routing';
import { resourceDescription } from '../../lib/kit/routing';

const RESOURCE = 'thing';

function operation(value: string, properties: INodeProperties[]): OperationDefinition {
	return {
		option: { name: value, value },
		properties: updateDisplayOptions(
			{ show: { resource: [RESOURCE], operation: [value] } },
			properties,
		),
	};
}

const text = (name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: name,
	name,
	type: 'string',
	default: '',
	...extra,
});

const collection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options,
});

/** The fields the editor shows for `value`, in order, each as "name" (collections: their options). */
function shown(fields: INodeProperties[], value: string): string[] {
	return fields
		.filter(
			(field) =>
				field.name !== 'operation' &&
				(field.displayOptions?.show?.operation as string[] | undefined)?.includes(value),
		)
		.map((field) =>
			field.type === 'collection'
				? `${field.name}(${(field.options as INodeProperties[])
						.filter((option) => {
							const operations = option.displayOptions?.show?.['/operation'];
							return operations === undefined || operations.includes(value);
						})
						.map((option) => option.name)
						.join(',')})`
				: field.name,
		);
}

function declarations(fields: INodeProperties[], name: string): number {
	return fields.filter((field) => field.name === name).length;
}

describe("a resource's fields", () => {
	it('are declared once where operations share them, each operation keeping its order', () => {
		const operations = [
			operation('a', [text('id'), text('x'), text('name')]),
			// `name` after `y`, which comes after `id`: still one `name`, placed after both.
			operation('b', [text('id'), text('y'), text('name')]),
			operation('c', [text('name')]),
		];
		const fields = resourceDescription(RESOURCE, operations, 'a');
		expect(declarations(fields, 'id')).toBe(1);
		expect(declarations(fields, 'name')).toBe(1);
		expect(shown(fields, 'a')).toEqual(['id', 'x', 'name']);
		expect(shown(fields, 'b')).toEqual(['id', 'y', 'name']);
		expect(shown(fields, 'c')).toEqual(['name']);
	});

	it('stay apart where one declaration would change an operation’s order', () => {
		const operations = [
			operation('a', [text('first'), text('second')]),
			operation('b', [text('second'), text('first')]),
		];
		const fields = resourceDescription(RESOURCE, operations, 'a');
		expect(shown(fields, 'a')).toEqual(['first', 'second']);
		expect(shown(fields, 'b')).toEqual(['second', 'first']);
		expect(declarations(fields, 'first') + declarations(fields, 'second')).toBe(3);
	});

	it('stay apart where they differ in more than the operations', () => {
		const operations = [
			operation('a', [text('id', { required: true })]),
			operation('b', [text('id')]),
		];
		const fields = resourceDescription(RESOURCE, operations, 'a');
		expect(declarations(fields, 'id')).toBe(2);
	});

	it('have one Additional Fields, offering each operation its own options', () => {
		const loop = (description: string) =>
			text('loop', { type: 'boolean', default: false, description });
		const operations = [
			operation('play', [text('url'), collection([text('legs'), loop('Repeat the audio')])]),
			operation('speak', [text('text'), collection([loop('Repeat the speech'), text('voice')])]),
			operation('stop', [collection([text('legs')])]),
		];
		const fields = resourceDescription(RESOURCE, operations, 'play');
		expect(declarations(fields, 'additionalFields')).toBe(1);
		// An option two operations declare alike is one option, shown for both.
		const legs = (
			fields.find((field) => field.name === 'additionalFields')!.options as INodeProperties[]
		).filter((option) => option.name === 'legs');
		expect(legs.map((option) => option.displayOptions?.show?.['/operation'])).toEqual([
			['play', 'stop'],
		]);
		expect(shown(fields, 'play')).toEqual(['url', 'additionalFields(legs,loop)']);
		expect(shown(fields, 'speak')).toEqual(['text', 'additionalFields(loop,voice)']);
		expect(shown(fields, 'stop')).toEqual(['additionalFields(legs)']);
		// Each operation's own option of a name: its wording stays.
		const options = fields.find((field) => field.name === 'additionalFields')!
			.options as INodeProperties[];
		expect(
			options
				.filter((option) => option.name === 'loop')
				.map((option) => [option.description, option.displayOptions?.show?.['/operation']]),
		).toEqual([
			['Repeat the audio', ['play']],
			['Repeat the speech', ['speak']],
		]);
	});

	it('keep apart Additional Fields whose options of one name differ in type or default', () => {
		const timeLimit = (defaultValue: number) =>
			text('timeLimit', { type: 'number', default: defaultValue });
		const operations = [
			operation('create', [collection([timeLimit(14400)])]),
			operation('record', [collection([timeLimit(60)])]),
		];
		const fields = resourceDescription(RESOURCE, operations, 'create');
		expect(declarations(fields, 'additionalFields')).toBe(2);
		for (const field of fields.filter((candidate) => candidate.name === 'additionalFields')) {
			expect((field.options as INodeProperties[]).every((option) => !option.displayOptions)).toBe(
				true,
			);
		}
	});

	it('keep apart Additional Fields not listed by display name, whose order a merge would change', () => {
		const operations = [
			operation('a', [collection([text('zone'), text('area')])]),
			operation('b', [collection([text('area')])]),
		];
		const fields = resourceDescription(RESOURCE, operations, 'a');
		expect(declarations(fields, 'additionalFields')).toBe(2);
		expect(shown(fields, 'a')).toEqual(['additionalFields(zone,area)']);
	});

	it('keep an option’s own display conditions beside its operations', () => {
		const coachMode = text('coachMode', { displayOptions: { show: { '/role': ['Supervisor'] } } });
		const operations = [
			operation('add', [collection([coachMode])]),
			operation('update', [collection([text('hold')])]),
		];
		const fields = resourceDescription(RESOURCE, operations, 'add');
		const options = fields.find((field) => field.name === 'additionalFields')!
			.options as INodeProperties[];
		expect(options.find((option) => option.name === 'coachMode')!.displayOptions).toEqual({
			show: { '/role': ['Supervisor'], '/operation': ['add'] },
		});
		// The Operation list is untouched by the layout.
		const operationField = fields.find((field) => field.name === 'operation')!;
		expect(
			(operationField.options as INodePropertyOptions[]).map((option) => option.value),
		).toEqual(['add', 'update']);
	});
});
