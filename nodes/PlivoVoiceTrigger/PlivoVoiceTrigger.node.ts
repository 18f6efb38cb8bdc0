import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { ExpressionParser, NodeOperationError } from 'n8n-workflow';

import { searchPlivoList } from '../../lib/plivo/listSearch';
import { PLIVO_VOICE_DESCRIPTION } from '../../lib/plivo/panelDescription';
import { asNodeError } from '../../lib/kit/errors';
import { parameterFields } from '../../lib/kit/webhookFields';
import { register, registrationExists, unregister } from './application';
import type { PlivoCallback } from './callback';
import {
	callbackParameters,
	isTestRun,
	oversizedCallbackProblem,
	publicWebhookUrl,
	readCallback,
	WEBHOOK_PATH,
} from './callback';
import { triggerProperties } from './description';
import { ANY_EVENT, EVENT_QUERY_PARAMETER, XML_EVENTS, recogniseEvent } from './events';
import { isSignedWithAuthToken } from './authToken';
import { ANSWER_WITH_INSTRUCTIONS, instructionsXml } from './instructions';
import { TRIGGER_OUTPUTS, outputFor } from './outputs';
import { isValidV3Signature } from './signature';
import { fillXmlTemplate, plivoXmlProblem, XmlTemplateError } from '../../lib/plivo/xml';

const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';
const RESPOND_TO_WEBHOOK_NODE_TYPE = 'n8n-nodes-base.respondToWebhook';

/** What the trigger uses of n8n's response object (an express Response in n8n). */
interface WebhookResponse {
	writeHead(status: number, headers?: Record<string, string>): unknown;
	end(body?: string): unknown;
}

/**
 * Answers the request from the node itself. The node then returns `noWebhookResponse`, and n8n
 * sends nothing more (webhook-helpers.ts, executeWebhook), as n8n's Webhook node does for 403s.
 */
function reply(context: IWebhookFunctions, status: number, contentType?: string, body = ''): void {
	const response = context.getResponseObject() as unknown as WebhookResponse;
	response.writeHead(status, contentType ? { 'Content-Type': contentType } : {});
	response.end(body);
}

function header(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getHeaderData()[name];
	return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The public URL Plivo called, without its query: the "Public Webhook URL" option as written, or
 * n8n's webhook URL. WebhookContext.getNodeWebhookUrl gives the production URL even on a test
 * run (n8n-core, webhook-context.ts, 1.x and 2.x alike), so the endpoint n8n actually served is
 * taken from the request's path.
 */
function calledUrl(context: IWebhookFunctions, callback: PlivoCallback): string {
	const { publicUrl } = context.getNodeParameter('options', {}) as { publicUrl?: string };
	const n8nUrl = context.getNodeWebhookUrl('default') ?? '';
	return publicWebhookUrl(
		n8nUrl,
		publicUrl,
		context.getNode(),
		isTestRun(context),
		callback.servedPath,
	);
}

/**
 * The URL Plivo signed is the one it called, with the query the request arrived with. A request
 * with no signature or nonce at all is refused before the credential is read.
 */
async function hasValidSignature(
	context: IWebhookFunctions,
	callback: PlivoCallback,
	base: string,
): Promise<boolean> {
	const nonce = header(context, 'x-plivo-signature-v3-nonce');
	// Ma-V3 is signed with the main account's token: it matches when the credential is the main
	// account and the call belongs to one of its subaccounts.
	const signatures = [
		header(context, 'x-plivo-signature-v3'),
		header(context, 'x-plivo-signature-ma-v3'),
	];
	if (!nonce || !signatures.some((signature) => signature?.trim())) return false;
	const url = callback.rawQuery ? `${base}?${callback.rawQuery}` : base;
	return await isSignedWithAuthToken(context, (authToken) =>
		isValidV3Signature({
			authToken,
			method: callback.method,
			url,
			bodyParams: callback.bodyParams,
			nonce,
			signatures,
		}),
	);
}

/**
 * The "Response XML" with its expressions evaluated, for "Respond: Immediately".
 *
 * The rule: an expression that is the whole field gives the XML itself (it is checked like any
 * other). Expressions written inside XML give element text or attribute values: each is
 * evaluated on its own and its result escaped for where it stands, so that callback data (a
 * caller's name with "</Speak><Dial>" or "&" in it) is only ever spoken or passed as a value,
 * never read as markup. n8n would evaluate the field as one string, values and markup mixed; the
 * template is therefore read unevaluated (rawExpressions) and its pieces evaluated here.
 */
function responseXml(context: IWebhookFunctions): string {
	const raw = context.getNodeParameter('responseXml', '', { rawExpressions: true });
	if (typeof raw !== 'string') return '';
	if (!raw.startsWith('=')) return raw;
	const chunks = ExpressionParser.splitExpression(raw.slice(1));
	const evaluate = (chunk: ExpressionParser.ExpressionCode) =>
		context.evaluateExpression(ExpressionParser.joinExpression([chunk]), 0);
	const expressions = chunks.filter(
		(chunk): chunk is ExpressionParser.ExpressionCode => chunk.type === 'code',
	);
	const onlyExpression =
		expressions.length === 1 &&
		chunks.every((chunk) => chunk.type === 'code' || chunk.text.trim() === '');
	if (onlyExpression) {
		const xml = evaluate(expressions[0]);
		return typeof xml === 'string' ? xml : '';
	}
	try {
		return fillXmlTemplate(chunks, (_code, index) => evaluate(expressions[index]));
	} catch (error) {
		if (!(error instanceof XmlTemplateError)) throw asNodeError(context.getNode(), error);
		throw new NodeOperationError(
			context.getNode(),
			`The Response XML cannot be used: ${error.message}`,
			{
				description:
					'Nothing was sent to Plivo. Use expressions for the text of an element or the value of an attribute, or make the whole field one expression that gives the XML.',
			},
		);
	}
}

/**
 * In "Respond to Webhook" mode the workflow must reach such a node, in a version that runs after
 * this trigger: from version 1.1, n8n's Respond to Webhook node refuses to run unless a Webhook,
 * Form, Chat or Wait node comes before it (RespondToWebhook.node.ts, WEBHOOK_NODE_TYPES). Found
 * here, before the call waits on a workflow that cannot answer it; n8n's Webhook node makes the
 * same check (Webhook/utils.ts, checkResponseModeConfiguration).
 */
function checkRespondToWebhookNode(context: IWebhookFunctions): void {
	const node = context.getNode();
	const respondNodes = context
		.getChildNodes(node.name)
		.filter((child) => child.type === RESPOND_TO_WEBHOOK_NODE_TYPE && !child.disabled);
	if (respondNodes.length === 0) {
		throw new NodeOperationError(node, 'No Respond to Webhook node found after this trigger', {
			description:
				"Add a Respond to Webhook node that sends the Plivo XML, or choose another option in 'Respond'.",
		});
	}
	const tooNew = respondNodes.find((child) => child.typeVersion > 1);
	if (tooNew) {
		throw new NodeOperationError(
			node,
			`The Respond to Webhook node ‘${tooNew.name}’ is version ${tooNew.typeVersion}; only version 1 can answer for this trigger`,
			{
				description:
					"From version 1.1, n8n's Respond to Webhook node runs only after n8n's own Webhook, Form or Chat trigger. Use version 1 (the README of n8n-nodes-plivo-voice has one to paste), or set 'Respond' to 'When Last Node Finishes'.",
			},
		);
	}
}

export class PlivoVoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Plivo Voice Trigger',
		name: 'plivoVoiceTrigger',
		icon: { light: 'file:plivo.svg', dark: 'file:plivo.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n parses a callback's body for a trigger of version 1 only after
		// evaluating the Webhook node's old "binaryData" option on it, an expression on every
		// callback (webhook-helpers.ts, parseRequestBody: `nodeVersion === 1`); for later versions
		// it parses form, JSON and XML bodies (everything Plivo sends) straight away.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ ($parameter["events"] || []).includes("*") ? "Any event" : ($parameter["events"] || []).length + " events" }}',
		// The node's own: n8n's node panel shows this for the node and its trigger together.
		description: PLIVO_VOICE_DESCRIPTION,
		defaults: {
			name: 'Plivo Voice Trigger',
		},
		inputs: [],
		outputs: TRIGGER_OUTPUTS,
		credentials: [
			{
				name: 'plivoVoiceApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				// Plivo calls each URL with the method configured for it: form-encoded POST by default,
				// or GET. n8n registers one webhook per listed method on the same path
				// (webhook.service.ts, getNodeWebhooks splits the list on commas).
				httpMethod: 'POST,GET',
				path: WEBHOOK_PATH,
				...parameterFields({
					// Hidden parameters are absent from the node's parameters: without the fallback, n8n
					// would refuse the mode "undefined" before the node runs (webhook-helpers.ts).
					responseMode: { parameter: 'responseMode', fallback: 'onReceived' },
					// "When Last Node Finishes": n8n sends this field of the last node's first item, as
					// is, with the content type below (webhook-last-node-response-extractor.ts).
					responsePropertyName: { parameter: 'xmlField', fallback: 'xml' },
				}),
				responseData: 'firstEntryJson',
				responseContentType: 'application/xml',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		listSearch: {
			async searchApplications(
				this: ILoadOptionsFunctions,
				filter?: string,
				paginationToken?: string,
			): Promise<INodeListSearchResult> {
				return await searchPlivoList.call(
					this,
					'/Application/',
					(application) => ({
						name: String(application.app_name),
						value: String(application.app_id),
					}),
					filter,
					paginationToken,
				);
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await registrationExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await register.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await unregister.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// Refused before the callback is parsed or its signature computed: a forged request of any
		// size costs one pass over its bytes.
		const oversized = oversizedCallbackProblem(this);
		if (oversized) {
			reply(this, 413, 'text/plain; charset=utf-8', oversized);
			return { noWebhookResponse: true };
		}
		const callback = readCallback(this);
		const webhookUrl = calledUrl(this, callback);
		if (
			(this.getNodeParameter('verifySignature', true) as boolean) &&
			!(await hasValidSignature(this, callback, webhookUrl))
		) {
			reply(
				this,
				403,
				'text/plain; charset=utf-8',
				'The Plivo signature (X-Plivo-Signature-V3) is missing or does not match.',
			);
			return { noWebhookResponse: true };
		}

		const params = callbackParameters(callback);
		const marker = callback.queryParams.find(([key]) => key === EVENT_QUERY_PARAMETER)?.[1];
		const event = recogniseEvent(params, marker);
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(ANY_EVENT) && !events.includes(event)) {
			reply(this, 200);
			return { noWebhookResponse: true };
		}

		// `webhookUrl` (as in n8n's Webhook node) lets the workflow point the XML it answers with back
		// at this trigger: a GetInput's action URL, a Redirect. Both fields win over a parameter of
		// the same name (`event` is kept first for the editor's table).
		const json: IDataObject = { event, ...params, webhookUrl };
		json.event = event;
		const workflowData = outputFor(
			{ events, outputPerEvent: this.getNodeParameter('outputPerEvent', false) },
			event,
			this.helpers.returnJsonArray(json),
		);
		if (!XML_EVENTS.includes(event)) {
			reply(this, 200);
			return { noWebhookResponse: true, workflowData };
		}

		const responseMode = this.getNodeParameter('responseMode', 'onReceived') as string;
		if (responseMode === 'onReceived') {
			const fromInstructions = this.getNodeParameter('answerWith', '') === ANSWER_WITH_INSTRUCTIONS;
			const xml = fromInstructions ? instructionsXml(this) : responseXml(this);
			const problem = plivoXmlProblem(xml);
			if (problem) {
				throw new NodeOperationError(
					this.getNode(),
					`The ${fromInstructions ? 'answer built from the instructions' : 'Response XML'} is not valid Plivo XML: ${problem}`,
					{
						description:
							'Nothing was sent to Plivo. The request fails, and Plivo tries the fallback URL if the call or application has one.',
					},
				);
			}
			reply(this, 200, XML_CONTENT_TYPE, xml);
			return { noWebhookResponse: true, workflowData };
		}
		if (responseMode === 'responseNode') checkRespondToWebhookNode(this);
		// n8n answers once the workflow has run: with the last node's XML field, or with what the
		// Respond to Webhook node sends.
		return { workflowData };
	}
}
