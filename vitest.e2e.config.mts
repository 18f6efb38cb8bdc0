import { defineConfig } from 'vitest/config';

import unitConfig from './vitest.config.mts';

// End-to-end tests: a real n8n with the built package against the Plivo sandbox
// (`npm run test:e2e`). The first run installs n8n (globalSetup), which takes minutes.
export default defineConfig({
	// The tests compare n8n's view of the node with the source: one copy of n8n-workflow, as in the unit tests.
	resolve: unitConfig.resolve,
	test: {
		include: ['test/e2e/**/*.test.ts'],
		globalSetup: ['test/e2e/global-setup.ts'],
		// Starting n8n (imports, database migrations, start-up) takes 20–60 s.
		hookTimeout: 180_000,
		testTimeout: 60_000,
	},
});
