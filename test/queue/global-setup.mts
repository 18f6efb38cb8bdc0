/**
 * Runs once before the queue-mode tests: installs, if missing, the n8n of the line under test
 * (N8N_LINE, see scripts/n8n/lines.mts) and PostgreSQL and Redis (minutes, so outside the tests'
 * time limits).
 */
import { ensureN8nInstalled } from '../../scripts/n8n/install.mts';
import { e2eLine } from '../../scripts/n8n/lines.mts';
import { ensureQueueServicesInstalled } from '../../scripts/n8n/services.mts';

export default async function setup(): Promise<void> {
	const log = (message: string) => console.log(message);
	const install = await ensureN8nInstalled(e2eLine(), log);
	await ensureQueueServicesInstalled(log);
	console.log(`Queue-mode tests in n8n ${install.version} on Node ${install.node.version}.`);
}
