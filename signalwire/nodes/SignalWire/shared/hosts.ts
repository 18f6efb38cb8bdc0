import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { buildPathSegment, uuidLikeForm } from '../../../../lib/kit/pathSegments';
import type { OperationHost } from '../../../../lib/kit/routing';

/**
 * Where requests go, normalised here for the node and for the credential's test alike.
 *
 * The Space URL is what SignalWire shows on the space's API page (`example.signalwire.com`):
 * it gets `https://`. A full base URL (`http://127.0.0.1:8089`, the local sandbox) is kept as
 * given. A trailing slash is dropped either way.
 */
export const SPACE_URL =
	'={{String($credentials.spaceUrl ?? "").trim().replace(/\\/+$/, "").replace(/^(?!https?:\\/\\/)/i, "https://")}}';

/**
 * The project's account in the compatibility ("LaML") API; the Project ID is the AccountSid.
 * It is the node's base URL (requestDefaults): n8n 1.x resolves `$credentials` there, but not in an
 * operation's own routing, so operation paths stay free of credential data.
 *
 * Every operation's path under it ends in `.json`. The reference writes paths without it and the
 * API serves both, but the API's own URIs (`uri`, `next_page_uri`, `subresource_uris`) end in
 * `.json`, as do SignalWire's clients: with it, what the node requests is what the API points to.
 */
export const ACCOUNT_BASE_URL = `${SPACE_URL}/api/laml/2010-04-01/Accounts/{{encodeURIComponent($credentials.projectId)}}`;

/** The same Space URL rule as `SPACE_URL`, from the credential's data. */
function spaceUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.spaceUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/^(?!https?:\/\/)/i, 'https://');
}

const PROJECT_ID_FORM = uuidLikeForm(
	'a SignalWire Project ID',
	'b3877c40-da60-4998-90ad-b792e98472af',
);

/**
 * Where every request goes: the account on the credential's space, computed from the credential
 * when the request is built (see the kit's `useHost`), so that the Project ID enters the path
 * through the segment builder like any other value. `ACCOUNT_BASE_URL` stays the node's declared
 * base: what n8n shows and checks a credential's allowed domains against.
 */
export const ACCOUNT_HOST: OperationHost = {
	baseUrl: ACCOUNT_BASE_URL,
	fromCredentials(credentials) {
		const projectId = buildPathSegment(
			credentials.projectId,
			{ displayName: 'Project ID', operationName: 'SignalWire API credential' },
			PROJECT_ID_FORM,
		);
		if (projectId.problem !== undefined)
			throw new Error(`The SignalWire API credential cannot be used: ${projectId.problem}`);
		return `${spaceUrl(credentials)}/api/laml/2010-04-01/Accounts/${projectId.segment}`;
	},
};
