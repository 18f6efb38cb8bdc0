/**
 * The Auth Token the trigger checks signatures with, kept between callbacks.
 *
 * Reading a credential from a webhook costs n8n some 50 ms of CPU: a database query, decryption,
 * and a new expression sandbox to resolve the credential's fields (n8n-core gives webhook
 * contexts no expression context, so n8n's CredentialsHelper builds a Workflow and acquires an
 * isolate for each read). The caller hears silence while Plivo waits for the answer, and a forged
 * callback should cost next to nothing. So the token is kept in this process's memory, per
 * trigger and credential (never in the workflow's static data, which n8n stores unencrypted), and
 * read again:
 * - every `KEEP_MS`, so that a changed credential is followed;
 * - when a signature does not match and the kept token was read more than `RECHECK_AFTER_MS` ago,
 *   so that a token changed in the credential is picked up at once, while a stream of forged
 *   callbacks causes at most one read per `RECHECK_AFTER_MS`.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

const KEEP_MS = 5 * 60_000;
const RECHECK_AFTER_MS = 10_000;
/** Triggers whose token is kept at once, at most; the longest unused is forgotten first. */
const MAX_KEPT = 1_000;

interface KeptToken {
	authToken: string;
	readAt: number;
}

const keptTokens = new Map<string, KeptToken>();

function keyOf(context: IWebhookFunctions): string {
	const node = context.getNode();
	return [context.getWorkflow().id ?? '', node.id, node.credentials?.plivoVoiceApi?.id ?? ''].join(
		'|',
	);
}

async function readToken(context: IWebhookFunctions, key: string, now: number): Promise<KeptToken> {
	const { authToken } = await context.getCredentials<{ authToken?: string }>('plivoVoiceApi');
	const kept = { authToken: String(authToken ?? ''), readAt: now };
	keptTokens.delete(key);
	keptTokens.set(key, kept);
	if (keptTokens.size > MAX_KEPT) keptTokens.delete(keptTokens.keys().next().value!);
	return kept;
}

/** Whether `isSignedWith` holds for the credential's Auth Token, reading it only when needed. */
export async function isSignedWithAuthToken(
	context: IWebhookFunctions,
	isSignedWith: (authToken: string) => boolean,
	now = Date.now(),
): Promise<boolean> {
	const key = keyOf(context);
	const kept = keptTokens.get(key);
	if (kept && now - kept.readAt < KEEP_MS) {
		if (isSignedWith(kept.authToken)) return true;
		if (now - kept.readAt < RECHECK_AFTER_MS) return false;
	}
	return isSignedWith((await readToken(context, key, now)).authToken);
}
