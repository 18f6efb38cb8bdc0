import { defineConfig } from 'vitest/config';

import unitConfig from './vitest.config.mts';

// Browser tests: n8n's editor in headless Chromium, on a real n8n with the built package against
// the Plivo sandbox: n8n 2.x (`npm run test:ui`) or 1.123 (`npm run test:ui:1`, or N8N_LINE=1).
// `npm run screenshots` also writes the README's screenshots (.github/images/, from n8n 2.x).
export default defineConfig({
	resolve: unitConfig.resolve,
	test: {
		include: ['test/ui/**/*.test.mts'],
		globalSetup: ['test/ui/global-setup.mts'],
		// Starting n8n takes 20–60 s; the editor loads and renders slowly on a busy machine.
		hookTimeout: 180_000,
		testTimeout: 120_000,
	},
});
