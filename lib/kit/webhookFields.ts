import * as n8nWorkflow from 'n8n-workflow';
import type { IWebhookDescription } from 'n8n-workflow';

/** A webhook description field that is a node parameter, or `fallback` when the parameter is empty or hidden. */
export interface ParameterField {
	parameter: string;
	fallback: string;
}

type WebhookFieldName = 'responseMode' | 'responsePropertyName';

/**
 * Webhook description fields read from the node's parameters, written as n8n writes them:
 * `={{$parameter["responseMode"] || "onReceived"}}`.
 *
 * n8n evaluates such a field with its expression engine on every request: on n8n 2.x an isolated
 * sandbox, some milliseconds of CPU per field while the caller waits for the answer. n8n 2.x lets a
 * description carry a resolver for each field beside its template (n8n-workflow's
 * `webhookDescriptionFields`, as n8n's own Webhook node declares its fields); for a node whose
 * parameters hold no expression, n8n then reads the parameter itself and evaluates nothing
 * (webhook-execution-context.ts, resolveNatively). n8n 1.x has no resolvers: it gets the same
 * templates and evaluates them, as before.
 */
export function parameterFields(
	fields: Record<WebhookFieldName, ParameterField>,
): Pick<IWebhookDescription, WebhookFieldName> {
	const entries = Object.entries(fields) as Array<[WebhookFieldName, ParameterField]>;
	// Optional at run time: the n8n-workflow n8n 1.x loads the node with has neither function.
	const { fromParameter, webhookDescriptionFields } = n8nWorkflow as Partial<typeof n8nWorkflow>;
	if (fromParameter && webhookDescriptionFields) {
		return webhookDescriptionFields(
			Object.fromEntries(
				entries.map(([name, { parameter, fallback }]) => [
					name,
					fromParameter(parameter, fallback),
				]),
			),
		) as Pick<IWebhookDescription, WebhookFieldName>;
	}
	return Object.fromEntries(
		entries.map(([name, { parameter, fallback }]) => [
			name,
			`={{$parameter[${JSON.stringify(parameter)}] || ${JSON.stringify(fallback)}}}`,
		]),
	) as Pick<IWebhookDescription, WebhookFieldName>;
}
