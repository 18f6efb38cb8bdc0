import { defineConfig } from 'vitest/config';

import unitConfig from './vitest.config.mts';

// n8n's queue mode: main, a worker and a webhook process of a real n8n (2.x, or 1.123 with
// N8N_LINE=1) on their own PostgreSQL and Redis, with the built package, against the Plivo
// sandbox (`npm run test:queue`). The first run installs PostgreSQL and Redis from Debian if they
// are missing, and the line's n8n (globalSetup), which takes minutes.
export default defineConfig({
	resolve: unitConfig.resolve,
	test: {
		include: ['test/queue/**/*.test.mts'],
		globalSetup: ['test/queue/global-setup.mts'],
		// Starting PostgreSQL, Redis and three n8n processes one after the other.
		hookTimeout: 300_000,
		testTimeout: 90_000,
	},
});
