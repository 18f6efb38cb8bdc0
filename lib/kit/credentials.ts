import type {
	ICredentialDataDecryptedObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
} from 'n8n-workflow';

/**
 * The credential of a run of the node, read once per run rather than once per item: each read
 * costs n8n a database query, a decryption and an expression pass. A run is told apart by its
 * execute data, one object shared by every item of a run of the node and new for the next run,
 * so nothing is kept beyond the execution (as RoutingNode itself reads the credential once per
 * run).
 */
const credentialsByRun = new WeakMap<
	object,
	Map<string, Promise<ICredentialDataDecryptedObject>>
>();

export async function credentialsOfRun(
	ctx: IExecuteSingleFunctions | IExecutePaginationFunctions,
	credentialType: string,
): Promise<ICredentialDataDecryptedObject> {
	const run = ctx.getExecuteData?.() as object | undefined;
	if (!run || typeof run !== 'object') return await ctx.getCredentials(credentialType);
	let byType = credentialsByRun.get(run);
	if (!byType) credentialsByRun.set(run, (byType = new Map()));
	let credentials = byType.get(credentialType);
	if (!credentials) {
		credentials = ctx.getCredentials(credentialType);
		byType.set(credentialType, credentials);
		// A failed read is not kept: the next item reads again, and reports its own error.
		credentials.catch(() => byType.delete(credentialType));
	}
	return await credentials;
}
