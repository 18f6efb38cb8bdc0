import { buildPathSegment } from '../kit/pathSegments';
import type { OperationHost } from '../kit/routing';
import { AUTH_ID_FORM } from './pathSegments';

/**
 * Where requests go. The credential's base URL is `https://api.plivo.com` unless the user points
 * it at the local sandbox or another compatible host.
 */
const PLIVO_API_HOST = 'https://api.plivo.com';

/**
 * The credential's base URL as an n8n expression, for the credential's test; `credentialBase` is
 * the same rule computed from the credential's data.
 */
export const BASE = `($credentials.baseUrl || "${PLIVO_API_HOST}").replace(/\\/+$/, "")`;

/** The credential fields the base URLs are built from. */
export interface HostCredentials {
	baseUrl?: unknown;
	authId?: unknown;
}

export function credentialBase(credentials: HostCredentials): string {
	return String(credentials.baseUrl || PLIVO_API_HOST).replace(/\/+$/, '');
}

/**
 * The account base on the credential's base URL. The Auth ID enters the path through the segment
 * builder like any other value: one that is not an Auth ID (`..`, a `/`) is refused, naming the
 * credential's field, before anything is sent.
 */
function accountBase(credentials: HostCredentials, version: 'v1' | 'v2'): string {
	const authId = buildPathSegment(
		credentials.authId,
		{ displayName: 'Auth ID', operationName: 'Plivo Voice API credential' },
		AUTH_ID_FORM,
	);
	if (authId.problem !== undefined)
		throw new Error(`The Plivo Voice API credential cannot be used: ${authId.problem}`);
	return `${credentialBase(credentials)}/${version}/Account/${authId.segment}`;
}

/**
 * `https://api.plivo.com/v1/Account/{auth_id}` from the credential's data: the base of nearly
 * every operation, of list searches and of webhook registration.
 */
export function accountBaseUrl(credentials: HostCredentials): string {
	return accountBase(credentials, 'v1');
}

/** The account (`/v1/Account/{auth_id}`) on the credential's base URL: where operations go. */
export const ACCOUNT_HOST: OperationHost = {
	baseUrl: `${PLIVO_API_HOST}/v1`,
	fromCredentials: accountBaseUrl,
};

/** The v2 account base, used only by the v2 live-call list. */
export const ACCOUNT_V2_HOST: OperationHost = {
	baseUrl: `${PLIVO_API_HOST}/v2`,
	fromCredentials: (credentials) => accountBase(credentials, 'v2'),
};

/**
 * Call-quality feedback lives on its own host, `https://stats.plivo.com/v1`. Any other base URL
 * (the sandbox, a proxy) serves it under its own host.
 */
export const STATS_HOST: OperationHost = {
	baseUrl: 'https://stats.plivo.com/v1',
	fromCredentials: (credentials) =>
		`${credentialBase(credentials).replace(/^https:\/\/api\.plivo\.com$/, 'https://stats.plivo.com')}/v1`,
};
