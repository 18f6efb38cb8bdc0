import { defineConfig } from 'vitest/config';

import unitConfig from './vitest.config.mts';

// End-to-end tests: a real n8n with the built package against the Plivo sandbox: n8n 2.x
// (`npm run test:e2e`) or 1.123 (`npm run test:e2e:1`, or N8N_LINE=1; scripts/n8n/lines.mts).
// The first run of a line installs its n8n (globalSetup), which takes minutes.
export default defineConfig({
	// The tests compare n8n's view of the node with the source: one copy of n8n-workflow, as in the unit tests.
	resolve: unitConfig.resolve,
	test: {
		include: ['test/e2e/**/*.test.mts'],
		globalSetup: ['test/e2e/global-setup.mts'],
		// Starting n8n (imports, database migrations, start-up) takes 20–60 s.
		hookTimeout: 180_000,
		testTimeout: 60_000,
	},
});
