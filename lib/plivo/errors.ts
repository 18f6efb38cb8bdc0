import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import { apiError, errorText, throwOnApiError } from '../kit/errors';

/**
 * Turns a non-2xx Plivo answer into a NodeApiError that carries Plivo's own `error` text, the
 * HTTP status and the `api_id` (which Plivo support asks for). Outside an item (webhook
 * registration) there is no item index.
 */
export function plivoApiError(
	ctx: Pick<IExecuteSingleFunctions, 'getNode'> &
		Partial<Pick<IExecuteSingleFunctions, 'getItemIndex'>>,
	response: IN8nHttpFullResponse,
): NodeApiError {
	const { statusCode: status, body } = response;
	const apiId =
		body && typeof body === 'object' && typeof (body as JsonObject).api_id === 'string'
			? ((body as JsonObject).api_id as string)
			: undefined;
	const text = errorText(body, status, 'Plivo');
	const details: JsonObject = { error: text, httpCode: String(status) };
	if (apiId) details.api_id = apiId;
	return apiError(ctx, response, {
		message: text,
		description: `Plivo answered HTTP ${status}${apiId ? ` (api_id ${apiId})` : ''}`,
		details,
	});
}

/** First step of every Plivo operation's output: Plivo's error answer becomes the error. */
export const throwOnPlivoError = throwOnApiError(plivoApiError);
