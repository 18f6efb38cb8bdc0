/**
 * The SignalWire sandbox limits requests as SignalWire does: 13800 POSTs per 10 s per space,
 * reads unlimited. Time is the sandbox's own (frozen, moved by offsets).
 */
import { describe, expect, it, vi } from 'vitest';

import { basicAuth } from '../../../test/harness/common.mts';
import { SIGNALWIRE_WRITE_LIMIT, SignalWireSandbox } from '../sandbox/index.mts';

describe('SignalWire: 13800 POST requests per 10 seconds, reads unlimited', () => {
	async function signalWire(
		target: SignalWireSandbox,
		method: string,
		path: string,
		form?: Record<string, string>,
	) {
		const { projectId, apiToken } = target.project;
		const response = await fetch(`${target.url}/api/laml/2010-04-01/Accounts/${projectId}${path}`, {
			method,
			headers: {
				Authorization: basicAuth(projectId, apiToken),
				...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			},
			body: form ? new URLSearchParams(form).toString() : undefined,
		});
		return {
			status: response.status,
			retryAfter: response.headers.get('retry-after'),
			body: (await response.json()) as unknown,
		};
	}

	it('runs with SignalWire’s limit by default', async () => {
		const target = await SignalWireSandbox.start();
		expect(target.server.rateLimiter.limit).toEqual(SIGNALWIRE_WRITE_LIMIT);
		expect(SIGNALWIRE_WRITE_LIMIT).toEqual({ limit: 13_800, windowMs: 10_000 });
		await target.close();
	});

	it('refuses POSTs beyond the limit with 429 and SignalWire’s error body; GETs go on', async () => {
		const target = await SignalWireSandbox.start({
			limits: { writes: { limit: 2, windowMs: 10_000 } },
		});
		try {
			target.state.core.freeze();
			const room = target.state.conferences.create({ friendlyName: 'Room', participants: 1 });
			const update = () =>
				signalWire(target, 'POST', `/Conferences/${room.sid}.json`, {
					AnnounceUrl: 'https://example.com/a.mp3',
				});
			expect((await update()).status).toBe(200);
			expect((await update()).status).toBe(200);
			expect(await update()).toEqual({
				status: 429,
				retryAfter: '5',
				body: {
					code: 20429,
					message: 'Too many requests',
					more_info: expect.any(String),
					status: 429,
				},
			});
			expect((await signalWire(target, 'GET', `/Conferences/${room.sid}.json`)).status).toBe(200);
			target.state.core.clockOffsetMs = 5_000;
			expect((await update()).status).toBe(200);
		} finally {
			await target.close();
		}
	});

	it('can be switched off', async () => {
		vi.stubEnv('SIGNALWIRE_SANDBOX_RATE_LIMIT', 'off');
		const target = await SignalWireSandbox.start();
		expect(target.server.rateLimiter.limit).toBeUndefined();
		await target.close();
		vi.unstubAllEnvs();
		const off = await SignalWireSandbox.start({ limits: false });
		expect(off.server.rateLimiter.limit).toBeUndefined();
		await off.close();
	});
});
