import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { plivoXmlProblem } from '../../lib/plivo/xml';
import { InstructionProblem, buildInstructions } from '../../lib/plivo/xmlInstructions/build';
import { instructionsField } from '../../lib/plivo/xmlInstructions/description';
import { writePlivoXml } from '../../lib/plivo/xmlInstructions/writer';

/**
 * Builds a Plivo XML document from instructions picked in the editor. It sends nothing: the
 * document is for the Plivo Voice Trigger's answer, a Respond to Webhook node, or an API call.
 */
export class PlivoXml implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Plivo XML',
		name: 'plivoXml',
		icon: { light: 'file:plivo.svg', dark: 'file:plivo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ (($parameter["instructions"] || {}).instruction || []).length + " instructions" }}',
		description: 'Build Plivo XML that tells Plivo what to do on a call, without writing XML',
		defaults: {
			name: 'Plivo XML',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [instructionsField],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const entries = this.getNodeParameter(
					'instructions.instruction',
					itemIndex,
					[],
				) as IDataObject[];
				const instructions = buildInstructions(entries);
				const xml = writePlivoXml(instructions);
				// The same check the trigger applies to an answer: Plivo's verbs, well-formed, at most 100 KB.
				const problem = plivoXmlProblem(xml);
				if (problem) {
					throw new NodeOperationError(
						this.getNode(),
						`The document cannot be sent to Plivo: ${problem}`,
						{ itemIndex },
					);
				}
				output.push({
					json: { xml, instructions } as unknown as IDataObject,
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				let nodeError: NodeOperationError;
				if (error instanceof NodeOperationError) nodeError = error;
				else if (error instanceof InstructionProblem) {
					nodeError = new NodeOperationError(this.getNode(), error.message, {
						itemIndex,
						description: 'Nothing was output for this item.',
					});
				} else nodeError = new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
