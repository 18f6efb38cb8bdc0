/**
 * "Respond: Immediately" with the Plivo XML node's builder: the same Instructions list, built and
 * checked by the same functions, evaluated when the callback arrives. Every value, a caller's
 * name included, is written as text or an attribute value by the XML writer, never as markup.
 */
import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../lib/kit/errors';
import { InstructionProblem, buildInstructions } from '../../lib/plivo/xmlInstructions/build';
import { instructionsField } from '../../lib/plivo/xmlInstructions/description';
import { writePlivoXml } from '../../lib/plivo/xmlInstructions/writer';

export const ANSWER_WITH_INSTRUCTIONS = 'instructions';
export const ANSWER_WITH_RAW_XML = 'rawXml';

/** Shown with "Respond: Immediately"; existing workflows keep their Response XML (the default). */
export function answerWithField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Answer With',
		name: 'answerWith',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Raw XML',
				value: ANSWER_WITH_RAW_XML,
				description: 'Plivo XML written in the Response XML field',
			},
			{
				name: 'XML Instructions',
				value: ANSWER_WITH_INSTRUCTIONS,
				description:
					'Instructions picked from a list (speak, gather keys, record, connect…), as in the Plivo XML node: no XML to write',
			},
		],
		default: ANSWER_WITH_RAW_XML,
		description: 'How the answer to Plivo is given',
		displayOptions: { show },
	};
}

/** The Plivo XML node's Instructions, shown when the answer is built from instructions. */
export function answerInstructionsField(show: Record<string, string[]>): INodeProperties {
	return {
		...instructionsField,
		description: `${instructionsField.description}. Expressions can use the callback's parameters ($json.body.From, $json.body.Digits…).`,
		displayOptions: { show: { ...show, answerWith: [ANSWER_WITH_INSTRUCTIONS] } },
	};
}

/** The document the instructions give for this callback; a problem fails the request, naming the field. */
export function instructionsXml(context: IWebhookFunctions): string {
	const entries = context.getNodeParameter('instructions.instruction', []) as IDataObject[];
	try {
		return writePlivoXml(buildInstructions(entries));
	} catch (error) {
		if (!(error instanceof InstructionProblem)) throw asNodeError(context.getNode(), error);
		throw new NodeOperationError(
			context.getNode(),
			`The answer cannot be built: ${error.message}`,
			{
				description:
					'Nothing was sent to Plivo. The request fails, and Plivo tries the fallback URL if the call or application has one.',
			},
		);
	}
}
