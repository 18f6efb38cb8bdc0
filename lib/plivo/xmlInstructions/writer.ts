/**
 * The one place Plivo XML is written. Element and attribute names come from this package's
 * element table, never from data; every text and attribute value is escaped here, so data can
 * never add, close or comment out an element. The escaping is the trigger's, the one every XML
 * answer of this package goes through.
 */
import { escapeXmlAttribute, escapeXmlText, firstCharacterXmlRefuses } from '../xml';

/** One element of the document, also the node's plain-JSON description of an instruction. */
export interface XmlElement {
	verb: string;
	attributes: Record<string, string>;
	text?: string;
	children?: XmlElement[];
}

/** Element and attribute names this writer accepts: plain ASCII names, as all of Plivo's are. */
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

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
		out.push(' ', checkName(attribute), '="', escapeXmlAttribute(checkValue(value)), '"');
	}
	const children = element.children ?? [];
	if (element.text === undefined && children.length === 0) {
		out.push('/>');
		return;
	}
	out.push('>');
	if (element.text !== undefined) out.push(escapeXmlText(checkValue(element.text)));
	for (const child of children) writeElement(child, out);
	out.push('</', name, '>');
}

/** `<Response>` holding the instructions, in order. */
export function writePlivoXml(instructions: XmlElement[]): string {
	const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
	writeElement({ verb: 'Response', attributes: {}, children: instructions }, out);
	return out.join('');
}
