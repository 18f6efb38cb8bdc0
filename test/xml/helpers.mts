/** Runs the Plivo XML node through n8n-core and reads its documents back with sax (strict). */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { parser } from 'sax';

import { PlivoXml } from '../../nodes/PlivoXml/PlivoXml.node.js';
import { runProgrammaticNode } from '../harness/n8n.mts';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export async function runPlivoXml(
	instructions: IDataObject[],
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
): Promise<INodeExecutionData[]> {
	return await runProgrammaticNode({
		nodeType: new PlivoXml(),
		parameters: { instructions: { instruction: instructions } } as unknown as INodeParameters,
		...options,
	});
}

/** The node's document for one input item. */
export async function documentOf(...instructions: IDataObject[]): Promise<string> {
	const [output] = await runPlivoXml(instructions);
	return output.json.xml as string;
}

/** `<Response>…</Response>` with the declaration, as the node writes it. */
export function response(inner: string): string {
	return `${XML_DECLARATION}<Response>${inner}</Response>`;
}

export interface ParsedElement {
	verb: string;
	attributes: Record<string, string>;
	text?: string;
	children?: ParsedElement[];
}

/** The document as a sax (strict) parser reads it, in the node's `instructions` shape. */
export function parsed(document: string): ParsedElement {
	const xml = parser(true);
	const stack: ParsedElement[] = [];
	let root: ParsedElement | undefined;
	xml.onopentag = (tag) => {
		const element: ParsedElement = {
			verb: tag.name,
			attributes: tag.attributes as Record<string, string>,
		};
		const parent = stack[stack.length - 1];
		if (parent) (parent.children ??= []).push(element);
		else root = element;
		stack.push(element);
	};
	xml.ontext = (text) => {
		const current = stack[stack.length - 1];
		if (current) current.text = (current.text ?? '') + text;
	};
	xml.oncdata = xml.ontext;
	xml.onclosetag = () => {
		stack.pop();
	};
	xml.onerror = (error) => {
		throw error;
	};
	xml.write(document).close();
	if (!root) throw new Error('no root element');
	return root;
}
