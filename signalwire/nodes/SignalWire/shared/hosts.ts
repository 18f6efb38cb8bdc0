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
