import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import { apiError, errorText, throwOnApiError } from '../../../../lib/kit/errors';

/**
 * A non-2xx SignalWire answer, `{code, message, more_info, status}`, as a NodeApiError: SignalWire's
 * message, and the HTTP status, SignalWire's error code and its `more_info` link in the
 * description. Nothing of the request goes in: its options hold the API token.
 */
function signalWireApiError(
	ctx: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
): NodeApiError {
	const { statusCode: status, body } = response;
	const fields = (body && typeof body === 'object' ? body : {}) as JsonObject;
	const code =
		typeof fields.code === 'number' || typeof fields.code === 'string'
			? String(fields.code)
			: undefined;
	const moreInfo = typeof fields.more_info === 'string' ? fields.more_info : undefined;
	const message = errorText(body, status, 'SignalWire');
	const details: JsonObject = { message, httpCode: String(status) };
	if (code) details.code = code;
	if (moreInfo) details.more_info = moreInfo;
	return apiError(ctx, response, {
		message,
		description: `SignalWire answered HTTP ${status}${code ? ` with error code ${code}` : ''}.${moreInfo ? ` More information: ${moreInfo}` : ''}`,
		details,
	});
}

/** First step of every SignalWire operation's output: SignalWire's error answer becomes the error. */
export const throwOnSignalWireError = throwOnApiError(signalWireApiError);
