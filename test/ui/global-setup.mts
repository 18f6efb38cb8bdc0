/**
 * Runs once before the browser tests: installs Debian's Chromium and the n8n of the line under
 * test (N8N_LINE, see scripts/n8n/lines.mts) when missing (minutes, so outside the tests' time limits).
 */
import { ensureN8nInstalled } from '../../scripts/n8n/install.mts';
import { e2eLine } from '../../scripts/n8n/lines.mts';
import { ensureChromium } from './browser.mts';

export default async function setup(): Promise<void> {
	const log = (message: string) => console.log(message);
	await ensureChromium(log);
	const install = await ensureN8nInstalled(e2eLine(), log);
	console.log(`Browser tests in n8n ${install.version} on Node ${install.node.version}.`);
}
