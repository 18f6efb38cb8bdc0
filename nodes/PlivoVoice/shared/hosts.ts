/**
 * Where requests go. The credential's base URL is `https://api.plivo.com` unless the user points
 * it at the local sandbox or another compatible host.
 */
const BASE = '($credentials.baseUrl || "https://api.plivo.com").replace(/\\/+$/, "")';

/** `https://api.plivo.com/v1/Account/{auth_id}`: the base of nearly every operation. */
export const ACCOUNT_BASE_URL = `={{${BASE}}}/v1/Account/{{encodeURIComponent($credentials.authId)}}`;

/** The v2 account base, used only by the v2 live-call list. */
export const ACCOUNT_V2_BASE_URL = `={{${BASE}}}/v2/Account/{{encodeURIComponent($credentials.authId)}}`;

/**
 * Call-quality feedback lives on its own host, `https://stats.plivo.com/v1`. Any other base URL
 * (the sandbox, a proxy) serves it under its own host.
 */
export const STATS_BASE_URL = `={{${BASE}.replace(/^https:\\/\\/api\\.plivo\\.com$/, "https://stats.plivo.com")}}/v1`;

/**
 * The same account base as `ACCOUNT_BASE_URL`, for code that is not routed declaratively
 * (list searches, webhook registration), computed from the credential's data.
 */
export function accountBaseUrl(credentials: { baseUrl?: unknown; authId?: unknown }): string {
	const base = String(credentials.baseUrl || 'https://api.plivo.com').replace(/\/+$/, '');
	return `${base}/v1/Account/${encodeURIComponent(String(credentials.authId ?? ''))}`;
}
