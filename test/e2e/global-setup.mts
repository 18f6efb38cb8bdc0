/**
 * Runs once before the end-to-end tests: installs the n8n of the line under test (N8N_LINE, see
 * scripts/n8n/lines.mts) if needed (minutes on a fresh clone, so outside the tests' time limits).
 */
import { ensureN8nInstalled } from '../../scripts/n8n/install.mts';
import { e2eLine } from '../../scripts/n8n/lines.mts';
import { lazyAcquire } from './environment.mts';

export default async function setup(): Promise<void> {
	const install = await ensureN8nInstalled(e2eLine(), (message) => console.log(message));
	const settings = lazyAcquire() ? ', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true' : '';
	console.log(
		`End-to-end tests in n8n ${install.version} on Node ${install.node.version}${settings}.`,
	);
}
