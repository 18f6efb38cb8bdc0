/**
 * Turns the editor's instruction list (parameters resolved for one item) into elements, checking
 * every value against Plivo's rules first. A problem names the instruction (position and type),
 * the nested prompt or destination if any, and the field.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AttributeKind, AttributeSpec, ElementSpec } from './elements';
import { INSTRUCTION_ELEMENTS, NESTINGS, SPEAK, STREAM } from './elements';
import { firstCharacterXmlRefuses } from '../xml';
import type { XmlElement } from './writer';
import { CALL_SPEAK_LANGUAGES, missingVoice } from '../speech';

/** A value the user must change; the message starts with where it is. */
export class InstructionProblem extends Error {}

/** A field's problem, before it is known where the field is. */
class FieldProblem extends Error {}

function fail(message: string): never {
	throw new FieldProblem(message);
}

const DEFAULT_SCHEMES = ['https:', 'http:'];

/** A value as quoted in a message: short, on one line. */
function quoted(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const line = text.replace(/\s+/g, ' ');
	return `‘${line.length > 60 ? `${line.slice(0, 57)}…` : line}’`;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** A text value: strings as they are, numbers written out; anything else is a mistake. */
function asText(value: unknown, field: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	fail(`‘${field}’ must be text, not ${quoted(value)}`);
}

/**
 * The attribute's value as written in the document, or undefined when it is empty (left out).
 * Throws the problem, naming the field, as a string.
 */
function attributeValue(kind: AttributeKind, value: unknown, field: string): string | undefined {
	if (isEmpty(value)) return undefined;
	switch (kind.type) {
		case 'url': {
			const text = asText(value, field).trim();
			if (text === '') return undefined;
			if (kind.keywords?.includes(text)) return text;
			const schemes = kind.schemes ?? DEFAULT_SCHEMES;
			let parsed: URL | undefined;
			try {
				parsed = new URL(text);
			} catch {
				parsed = undefined;
			}
			if (!parsed || !schemes.includes(parsed.protocol) || parsed.hostname === '') {
				const starts = schemes.map((scheme) => `${scheme}//`).join(' or ');
				const words = kind.keywords?.length ? `, or one of ${kind.keywords.join(', ')}` : '';
				fail(`‘${field}’ must be a full URL starting with ${starts}${words}, not ${quoted(text)}`);
			}
			return text;
		}
		case 'method': {
			const text = asText(value, field).trim().toUpperCase();
			if (text !== 'GET' && text !== 'POST')
				fail(`‘${field}’ must be GET or POST, not ${quoted(value)}`);
			return text;
		}
		case 'boolean': {
			if (typeof value === 'boolean') return String(value);
			const text = asText(value, field).trim().toLowerCase();
			if (text !== 'true' && text !== 'false')
				fail(`‘${field}’ must be true or false, not ${quoted(value)}`);
			return text;
		}
		case 'integer': {
			const text = typeof value === 'number' ? String(value) : asText(value, field).trim();
			const number = /^-?[0-9]+$/.test(text) ? Number(text) : Number.NaN;
			const range =
				kind.max === undefined ? `of at least ${kind.min}` : `from ${kind.min} to ${kind.max}`;
			if (
				!Number.isSafeInteger(number) ||
				number < kind.min ||
				(kind.max !== undefined && number > kind.max)
			) {
				fail(`‘${field}’ must be a whole number ${range}, not ${quoted(value)}`);
			}
			return String(number);
		}
		case 'options': {
			const text = asText(value, field);
			if (kind.options.some((option) => option.value === text)) return text;
			if (kind.alsoMatching?.test(text)) return text;
			const names = kind.options.map((option) => String(option.value)).join(', ');
			const also = kind.alsoRule ? `, or ${kind.alsoRule}` : '';
			return fail(`‘${field}’ must be one of ${names}${also}; not ${quoted(value)}`);
		}
		case 'multiOptions': {
			const values = Array.isArray(value) ? value : asText(value, field).split(',');
			const chosen = values
				.map((entry) => asText(entry, field).trim())
				.filter((entry) => entry !== '');
			const unknown = chosen.find(
				(entry) => !kind.options.some((option) => option.value === entry),
			);
			if (unknown !== undefined) {
				const names = kind.options.map((option) => String(option.value)).join(', ');
				fail(`‘${field}’ may only hold ${names}; not ${quoted(unknown)}`);
			}
			return chosen.length === 0 ? undefined : [...new Set(chosen)].join(',');
		}
		case 'text': {
			const text = asText(value, field);
			if (text === '') return undefined;
			if (kind.pattern && !kind.pattern.test(text))
				fail(`‘${field}’ must be ${kind.rule}, not ${quoted(text)}`);
			if (kind.maxLength !== undefined && [...text].length > kind.maxLength) {
				fail(
					`‘${field}’ has ${[...text].length} characters; Plivo takes at most ${kind.maxLength}`,
				);
			}
			const bytes = Buffer.byteLength(text, 'utf8');
			if (kind.maxBytes !== undefined && bytes > kind.maxBytes) {
				fail(`‘${field}’ has ${bytes} bytes; Plivo takes at most ${kind.maxBytes}`);
			}
			const problem = kind.check?.(text);
			if (problem) fail(`‘${field}’ ${problem}`);
			return text;
		}
	}
}

/** Every string that goes into the document must be made of characters XML can carry. */
function xmlChecked(value: string, field: string): string {
	const refused = firstCharacterXmlRefuses(value);
	if (refused)
		fail(`‘${field}’ contains the character ${refused}, which XML cannot carry; remove it`);
	return value;
}

function attribute(spec: AttributeSpec, value: unknown): string | undefined {
	const written = attributeValue(spec.kind, value, spec.displayName);
	return written === undefined ? undefined : xmlChecked(written, spec.displayName);
}

/** Rules between attributes of one element, from Plivo's reference. */
function crossCheck(element: ElementSpec, attributes: Record<string, string>): void {
	const voice = attributes.voice ?? 'WOMAN';
	// An Amazon Polly voice (Polly.Joanna) is not checked against the language.
	if (element === SPEAK && (voice === 'MAN' || voice === 'WOMAN')) {
		const missing = missingVoice(CALL_SPEAK_LANGUAGES, attributes.language ?? 'en-US', voice);
		if (missing) fail(missing);
	}
	if (
		element === STREAM &&
		attributes.bidirectional === 'true' &&
		attributes.audioTrack &&
		attributes.audioTrack !== 'inbound'
	) {
		fail('‘Audio Track’ must be Inbound when ‘Two-Way’ is on (Plivo’s rule for two-way streams)');
	}
}

function buildElement(element: ElementSpec, entry: IDataObject, where: string): XmlElement {
	let problem: unknown;
	try {
		const attributes: Record<string, string> = {};
		for (const spec of element.required ?? []) {
			const value = attribute(spec, entry[spec.fieldName]);
			if (value === undefined) fail(`‘${spec.displayName}’ is required`);
			attributes[spec.name] = value;
		}
		const options = (
			element.optionsName === undefined ? {} : (entry[element.optionsName] ?? {})
		) as IDataObject;
		if (typeof options !== 'object' || Array.isArray(options))
			fail('‘Options’ must be a set of options');
		for (const spec of element.attributes) {
			const value = attribute(spec, options[spec.name]);
			if (value !== undefined) attributes[spec.name] = value;
		}
		crossCheck(element, attributes);
		const built: XmlElement = { verb: element.verb, attributes };
		if (element.content) {
			const { displayName, kind } = element.content;
			const text = attributeValue(kind, entry[element.content.name], displayName);
			if (text === undefined || (kind.type === 'text' && text.trim() === ''))
				fail(`‘${displayName}’ is required`);
			built.text = xmlChecked(text, displayName);
		}
		if (element.nesting) built.children = buildNested(element, entry, where);
		return built;
	} catch (error) {
		problem = error;
	}
	// A field's problem is reported with where the entry is; anything else goes on unchanged.
	if (problem instanceof FieldProblem) throw new InstructionProblem(`${where}: ${problem.message}`);
	throw problem;
}

function buildNested(element: ElementSpec, entry: IDataObject, where: string): XmlElement[] {
	const nesting = element.nesting!;
	const { elements, listName, entryName, entryDisplayName } = NESTINGS[nesting];
	const noun = entryDisplayName.toLowerCase();
	const list = ((entry[listName] as IDataObject | undefined)?.[entryName] ?? []) as IDataObject[];
	if (list.length === 0 && element.nestingRequired) fail(`add at least one ${noun}`);
	return list.map((nested, index) => {
		const spec = elements.find((candidate) => candidate.verb === nested.type);
		if (!spec) fail(`${noun} ${index + 1} has the unknown type ${quoted(nested.type)}`);
		return buildElement(spec, nested, `${where}, ${noun} ${index + 1} (${spec.displayName})`);
	});
}

/** The instructions' elements, in order. */
export function buildInstructions(entries: IDataObject[]): XmlElement[] {
	if (entries.length === 0) {
		throw new InstructionProblem(
			'No instructions: add at least one (for example Speak, then Hang Up)',
		);
	}
	return entries.map((entry, index) => {
		const element = INSTRUCTION_ELEMENTS.find((candidate) => candidate.verb === entry.type);
		if (!element)
			throw new InstructionProblem(
				`Instruction ${index + 1} has the unknown type ${quoted(entry.type)}`,
			);
		return buildElement(element, entry, `Instruction ${index + 1} (${element.displayName})`);
	});
}
