/**
 * One sandbox per test file, started once and reset before each test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';

import type { RecordedRequest } from '../sandbox/core.mts';

interface Sandbox {
	requests: RecordedRequest[];
	reset(): void;
	close(): Promise<void>;
}

/**
 * One sandbox for the test file, started once and reset before each test:
 * `useSandbox(PlivoSandbox.start, (started) => (sandbox = started))`.
 */
export function useSandbox<S extends Sandbox>(
	start: () => Promise<S>,
	receive: (sandbox: S) => void,
): void {
	let sandbox: S;
	beforeAll(async () => {
		sandbox = await start();
		receive(sandbox);
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
	});
}
