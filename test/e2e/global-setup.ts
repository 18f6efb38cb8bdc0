/**
 * Runs once before the end-to-end tests: installs the pinned n8n if needed (minutes on a fresh
 * clone, so outside the tests' time limits).
 */
import { ensureN8nInstalled } from '../../scripts/n8n/install';

export default async function setup(): Promise<void> {
	await ensureN8nInstalled((message) => console.log(message));
}
