import type { OperationHost } from '../kit/routing';

/**
 * Where requests go. The credential's base URL is `https://api.plivo.com` unless the user points
 * it at the local sandbox or another compatible host.
 */
const PLIVO_API_HOST = 'https://api.plivo.com';

/**
 * The credential's base URL as an n8n expression (the credential's test, the node's routing);
 * `credentialBase` is the same rule computed from the credential's data.
 */
export const BASE = `($credentials.baseUrl || "${PLIVO_API_HOST}").replace(/\\/+$/, "")`;

/** `https://api.plivo.com/v1/Account/{auth_id}`: the base of nearly every operation. */
export const ACCOUNT_BASE_URL = `={{${BASE}}}/v1/Account/{{encodeURIComponent($credentials.authId)}}`;

/** The v2 account base, used only by the v2 live-call list. */
export const ACCOUNT_V2_BASE_URL = `={{${BASE}}}/v2/Account/{{encodeURIComponent($credentials.authId)}}`;

/**
 * Call-quality feedback lives on its own host, `https://stats.plivo.com/v1`. Any other base URL
 * (the sandbox, a proxy) serves it under its own host.
 */
export const STATS_BASE_URL = `={{${BASE}.replace(/^https:\\/\\/api\\.plivo\\.com$/, "https://stats.plivo.com")}}/v1`;

/** The credential fields the base URLs are built from. */
export interface HostCredentials {
	baseUrl?: unknown;
	authId?: unknown;
}

export function credentialBase(credentials: HostCredentials): string {
	return String(credentials.baseUrl || PLIVO_API_HOST).replace(/\/+$/, '');
}

function accountBase(credentials: HostCredentials, version: 'v1' | 'v2'): string {
	return `${credentialBase(credentials)}/${version}/Account/${encodeURIComponent(String(credentials.authId ?? ''))}`;
}

/**
 * The same account base as `ACCOUNT_BASE_URL`, for code that is not routed declaratively
 * (list searches, webhook registration), computed from the credential's data.
 */
export function accountBaseUrl(credentials: HostCredentials): string {
	return accountBase(credentials, 'v1');
}

export const ACCOUNT_V2_HOST: OperationHost = {
	expression: ACCOUNT_V2_BASE_URL,
	fromCredentials: (credentials) => accountBase(credentials, 'v2'),
};

export const STATS_HOST: OperationHost = {
	expression: STATS_BASE_URL,
	fromCredentials: (credentials) =>
		`${credentialBase(credentials).replace(/^https:\/\/api\.plivo\.com$/, 'https://stats.plivo.com')}/v1`,
};
