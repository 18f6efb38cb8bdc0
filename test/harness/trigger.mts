import type { INodeParameters } from 'n8n-workflow';

import { PlivoVoiceApi } from '../../credentials/PlivoVoiceApi.credentials.js';
// `.js`: without it, Node's resolution (under tsx) finds the codex `PlivoVoiceTrigger.node.json` first.
import { PlivoVoiceTrigger } from '../../nodes/PlivoVoiceTrigger/PlivoVoiceTrigger.node.js';
import type { PlivoSandbox } from '../sandbox/plivo/index.mts';
import { sandboxCredentials } from './plivo.mts';
import { TriggerHarness } from './webhook.mts';

/** The Plivo Voice Trigger served over HTTP like n8n serves it, with a credential for the sandbox. */
export async function startPlivoVoiceTrigger(
	sandbox: PlivoSandbox,
	parameters: INodeParameters,
	options: { respondToWebhookVersion?: number; authToken?: string } = {},
): Promise<TriggerHarness> {
	return await TriggerHarness.start({
		nodeType: new PlivoVoiceTrigger(),
		credentialType: new PlivoVoiceApi(),
		credentials: {
			...sandboxCredentials(sandbox),
			...(options.authToken === undefined ? {} : { authToken: options.authToken }),
		},
		parameters,
		respondToWebhookVersion: options.respondToWebhookVersion,
	});
}
