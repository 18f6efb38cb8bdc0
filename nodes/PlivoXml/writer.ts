/**
 * The one place Plivo XML is written. Element and attribute names come from this package's
 * element table, never from data; every text and attribute value is escaped here, so data can
 * never add, close or comment out an element.
 */

/** One element of the document, also the node's plain-JSON description of an instruction. */
export interface XmlElement {
	verb: string;
	attributes: Record<string, string>;
	text?: string;
	children?: XmlElement[];
}

/**
 * A character outside XML 1.0's `Char` production (most C0 controls, lone surrogates, U+FFFE,
 * U+FFFF). No escape can carry them (`&#1;` is not well-formed either), so they are refused.
 */
const NOT_AN_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character XML cannot carry, as `U+0007`; nothing when every character is allowed. */
export function firstCharacterXmlRefuses(value: string): string | undefined {
	const match = NOT_AN_XML_CHAR.exec(value);
	if (!match) return undefined;
	return `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Element and attribute names this writer accepts: plain ASCII names, as all of Plivo's are. */
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/*
 * `>` is escaped too so that `]]>` can never appear in text. A carriage return is written as a
 * reference because a parser turns a literal one into a line feed; in attribute values tabs and
 * line breaks are references too, or attribute-value normalisation would turn them into spaces.
 */
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
	...TEXT_ESCAPES,
	'"': '&quot;',
	'\t': '&#9;',
	'\n': '&#10;',
};

function escapeText(value: string): string {
	return value.replace(/[&<>\r]/g, (char) => TEXT_ESCAPES[char]);
}

function escapeAttribute(value: string): string {
	return value.replace(/[&<>"\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char]);
}

function checkName(name: string): string {
	if (!NAME.test(name)) throw new Error(`Internal error: "${name}" is not a Plivo XML name`);
	return name;
}

function checkValue(value: string): string {
	const refused = firstCharacterXmlRefuses(value);
	// The builder reports these with the field's name first; this is the writer's own guard.
	if (refused) throw new Error(`Internal error: the character ${refused} cannot be written in XML`);
	return value;
}

function writeElement(element: XmlElement, out: string[]): void {
	const name = checkName(element.verb);
	out.push('<', name);
	for (const [attribute, value] of Object.entries(element.attributes)) {
		out.push(' ', checkName(attribute), '="', escapeAttribute(checkValue(value)), '"');
	}
	const children = element.children ?? [];
	if (element.text === undefined && children.length === 0) {
		out.push('/>');
		return;
	}
	out.push('>');
	if (element.text !== undefined) out.push(escapeText(checkValue(element.text)));
	for (const child of children) writeElement(child, out);
	out.push('</', name, '>');
}

/** `<Response>` holding the instructions, in order. */
export function writePlivoXml(instructions: XmlElement[]): string {
	const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
	writeElement({ verb: 'Response', attributes: {}, children: instructions }, out);
	return out.join('');
}
