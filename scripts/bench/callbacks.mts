/**
 * Callback scenarios: signed `answer` callbacks, as Plivo sends them, to the Plivo Voice Trigger
 * (signature verification on, then off) and to n8n's Webhook node answering the same XML; forged
 * callbacks (signed with another token) to the trigger, small and large; and how n8n's health
 * check answers while a burst of forged callbacks comes in.
 *
 * Callbacks go one at a time, in blocks per variant, the blocks of a round in turn (the order
 * rotating from round to round): one after another (the next as soon as the last is answered,
 * while its workflow still runs), or spaced (the next once the last one's workflow has finished
 * and n8n has been idle a moment, as when calls come in at a human pace). The time of a callback
 * is from sending it to having read the whole answer; the CPU of a block is the n8n process's,
 * until the executions the block started have finished, divided by the callbacks in it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { request } from 'undici';

import { signV3 } from '../../test/sandbox/plivo/callbacks.mts';
import type { N8nClient } from '../n8n/rest.mts';
import { waitForFinished } from './executions.mts';
import type { ProcessMeter } from './process.mts';

export interface CallbackTarget {
	/** The workflow whose executions a callback starts (none for a refused callback). */
	workflowId?: string;
	/** The URL Plivo would call (and sign). */
	url: string;
	/** Whether the callback is signed with the account's token, or forged (another token). */
	forged: boolean;
	/** What the answer must be: its status (one of them) and body. */
	expect: { status: number | number[]; body?: string };
	/** Extra form fields (a large forged callback). */
	padding?: Record<string, string>;
}

/** The form fields of an answer callback for a new inbound call (plivo-facts.md; the sandbox's callFlow). */
function answerParams(): Record<string, string> {
	const callUuid = randomUUID();
	return {
		From: '14155550123',
		To: '14155550100',
		CallUUID: callUuid,
		Direction: 'inbound',
		Event: 'StartApp',
		CallStatus: 'ringing',
		CallerName: '+14155550123',
		SessionStart: new Date().toISOString().replace('T', ' ').replace('Z', ''),
		STIRAttestation: 'Not Applicable',
		ALegUUID: callUuid,
		stir_verification: 'Not Applicable',
	};
}

/** Fields that make a forged callback about `bytes` long: a hundred fields, under any parser's field limit. */
export function paddingOf(bytes: number): Record<string, string> {
	const fields = 100;
	return Object.fromEntries(
		Array.from({ length: fields }, (_, index) => [
			`Field${index}`,
			'x'.repeat(Math.ceil(bytes / fields)),
		]),
	);
}

export class CallbackSender {
	/** Executions started per workflow, to wait for them. */
	private readonly started = new Map<string, number>();
	/** The statuses each target answered with. */
	readonly statuses = new Map<CallbackTarget, Set<number>>();

	constructor(
		private readonly client: N8nClient,
		private readonly meter: ProcessMeter,
		private readonly authToken: string,
	) {}

	/** Sends one callback and returns how long the answer took, in ms; fails unless it is the expected one. */
	async send(target: CallbackTarget): Promise<number> {
		const params = { ...answerParams(), ...target.padding };
		const nonce = randomBytes(10).toString('hex');
		const token = target.forged ? 'not-the-auth-token' : this.authToken;
		const signature = signV3(token, 'POST', target.url, params, nonce);
		const body = new URLSearchParams(params).toString();
		const started = performance.now();
		const response = await request(target.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-Plivo-Signature-V3': signature,
				'X-Plivo-Signature-Ma-V3': signature,
				'X-Plivo-Signature-V3-Nonce': nonce,
				'User-Agent': 'PlivoHTTP/1.0 (n8n-nodes-plivo-voice benchmark)',
			},
			body,
		});
		const text = await response.body.text();
		const elapsed = performance.now() - started;
		const expected = [target.expect.status].flat();
		if (
			!expected.includes(response.statusCode) ||
			(target.expect.body !== undefined && text !== target.expect.body)
		) {
			throw new Error(
				`${target.url} answered ${response.statusCode} ${text.slice(0, 200)}; expected ${expected.join(' or ')}`,
			);
		}
		if (!this.statuses.has(target)) this.statuses.set(target, new Set());
		this.statuses.get(target)!.add(response.statusCode);
		if (target.workflowId && response.statusCode === 200) {
			this.started.set(target.workflowId, (this.started.get(target.workflowId) ?? 0) + 1);
		}
		return elapsed;
	}

	/** Waits until every execution the callbacks started has finished. */
	async settle(target: CallbackTarget): Promise<void> {
		if (target.workflowId)
			await waitForFinished(
				this.client,
				target.workflowId,
				this.started.get(target.workflowId) ?? 0,
			);
	}

	/**
	 * `count` callbacks one after another (or, with `idleMs`, each once the last one's workflow has
	 * finished and n8n has been idle that long): each one's time, and the n8n CPU per callback
	 * (executions included).
	 */
	async block(
		target: CallbackTarget,
		count: number,
		idleMs?: number,
	): Promise<{ timesMs: number[]; cpuPerCallbackMs?: number }> {
		const timesMs: number[] = [];
		const { cpuMs } = await this.meter.measure(async () => {
			for (let index = 0; index < count; index++) {
				timesMs.push(await this.send(target));
				if (idleMs !== undefined) {
					await this.settle(target);
					await new Promise((resolve) => setTimeout(resolve, idleMs));
				}
			}
			await this.settle(target);
		});
		return { timesMs, cpuPerCallbackMs: cpuMs === undefined ? undefined : cpuMs / count };
	}

	/**
	 * A burst of `count` callbacks, `concurrency` at a time, while n8n's `/healthz` is asked
	 * continually: the health check's answer times, the burst's duration and CPU per callback.
	 */
	async burst(
		target: CallbackTarget,
		count: number,
		concurrency: number,
		healthUrl: string,
	): Promise<{
		healthMs: number[];
		durationMs: number;
		cpuPerCallbackMs?: number;
		peakBytes?: number;
	}> {
		let done = false;
		const health = sampleHealth(healthUrl, () => done);
		const started = performance.now();
		const { cpuMs, peakBytes } = await this.meter.measure(async () => {
			let next = 0;
			const worker = async () => {
				while (next < count) {
					next++;
					await this.send(target);
				}
			};
			await Promise.all(Array.from({ length: concurrency }, worker));
		});
		const durationMs = performance.now() - started;
		done = true;
		return {
			healthMs: await health,
			durationMs,
			cpuPerCallbackMs: cpuMs === undefined ? undefined : cpuMs / count,
			peakBytes,
		};
	}
}

/** `/healthz` answer times, one request after another (10 ms apart), until `stop()` says so. */
export async function sampleHealth(url: string, stop: () => boolean): Promise<number[]> {
	const times: number[] = [];
	while (!stop()) {
		const started = performance.now();
		const response = await request(url);
		await response.body.text();
		if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
		times.push(performance.now() - started);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return times;
}

/** `/healthz` answer times over `durationMs` of an otherwise idle n8n. */
export async function idleHealth(url: string, durationMs: number): Promise<number[]> {
	const until = performance.now() + durationMs;
	return await sampleHealth(url, () => performance.now() > until);
}
