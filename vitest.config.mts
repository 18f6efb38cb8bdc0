import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		alias: {
			// n8n-core loads n8n-workflow's CommonJS build; the nodes under test must share that very
			// copy, or `instanceof NodeApiError` checks inside n8n-core fail (dual package hazard).
			'n8n-workflow': require.resolve('n8n-workflow'),
		},
	},
	test: {
		include: ['test/**/*.test.mts', 'signalwire/test/**/*.test.mts'],
		// The suites that start a real n8n have their own commands and configs: `npm run test:e2e`,
		// `npm run test:queue`, `npm run test:ui`.
		exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/queue/**', 'test/ui/**'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
