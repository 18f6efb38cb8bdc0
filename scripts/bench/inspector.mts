/**
 * Looking inside a running n8n with Node's inspector: CPU profiles of a stretch of work, and code
 * run in n8n's process (to count expression evaluations). The inspector is opened on demand
 * (SIGUSR1) on the port `--inspect-port` gives, 0 for any free one: n8n must have been started
 * with `NODE_OPTIONS=--inspect-port=0` (see INSPECTABLE), and its log says where it listens.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { N8nInstall } from '../n8n/install.mts';
import type { N8nInstance } from '../n8n/instance.mts';

/** What n8n must start with (in its environment) for `attach` to find its inspector. */
export const INSPECTABLE = '--inspect-port=0';

interface WebSocketLike {
	on(event: 'message', listener: (data: Buffer) => void): void;
	once(event: 'open' | 'error' | 'close', listener: (error?: Error) => void): void;
	send(data: string): void;
	close(): void;
}

export interface CpuProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	hitCount?: number;
	children?: number[];
}

export interface CpuProfile {
	nodes: CpuProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export class N8nInspector {
	private nextId = 1;
	private readonly pending = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (error: Error) => void }
	>();

	private constructor(private readonly socket: WebSocketLike) {
		socket.on('message', (data) => {
			const message = JSON.parse(data.toString()) as {
				id?: number;
				result?: unknown;
				error?: { message: string };
			};
			const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
			if (!waiting) return;
			this.pending.delete(message.id!);
			if (message.error) waiting.reject(new Error(message.error.message));
			else waiting.resolve(message.result);
		});
	}

	/** Opens n8n's inspector (SIGUSR1) and connects to it, with the `ws` package n8n ships. */
	static async attach(instance: N8nInstance, install: N8nInstall): Promise<N8nInspector> {
		if (instance.pid === undefined) throw new Error('n8n has no process id');
		process.kill(instance.pid, 'SIGUSR1');
		let url: string | undefined;
		for (let attempt = 0; attempt < 100 && !url; attempt++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			url = /Debugger listening on (ws:\/\/\S+)/.exec(instance.logTail(400))?.[1];
		}
		if (!url)
			throw new Error(
				`n8n's inspector did not open: was n8n started with NODE_OPTIONS=${INSPECTABLE}?`,
			);
		const WebSocket = createRequire(join(install.dir, 'node_modules', 'n8n', 'package.json'))(
			'ws',
		) as new (address: string, options: { maxPayload: number }) => WebSocketLike;
		const socket = new WebSocket(url, { maxPayload: 1024 * 1024 * 1024 });
		await new Promise<void>((resolve, reject) => {
			socket.once('open', () => resolve());
			socket.once('error', reject);
		});
		return new N8nInspector(socket);
	}

	async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
		const id = this.nextId++;
		const result = new Promise<unknown>((resolve, reject) =>
			this.pending.set(id, { resolve, reject }),
		);
		this.socket.send(JSON.stringify({ id, method, params }));
		return (await result) as T;
	}

	/** Runs an expression in n8n's process (`require` as n8n's command-line entry has it) and returns its JSON value. */
	async evaluate<T>(expression: string): Promise<T> {
		const { result, exceptionDetails } = await this.call<{
			result: { value: T };
			exceptionDetails?: { text: string; exception?: { description?: string } };
		}>('Runtime.evaluate', {
			expression: `(() => { const require = process.mainModule.require.bind(process.mainModule); return (${expression}); })()`,
			returnByValue: true,
			includeCommandLineAPI: true,
		});
		if (exceptionDetails)
			throw new Error(
				`In n8n: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
			);
		return result.value;
	}

	/** A CPU profile of `work`, sampled every `intervalUs` microseconds. */
	async profile(work: () => Promise<void>, intervalUs = 200): Promise<CpuProfile> {
		await this.call('Profiler.enable');
		await this.call('Profiler.setSamplingInterval', { interval: intervalUs });
		await this.call('Profiler.start');
		let stopped: { profile: CpuProfile };
		try {
			await work();
		} finally {
			stopped = await this.call<{ profile: CpuProfile }>('Profiler.stop');
		}
		await this.call('Profiler.disable');
		return stopped.profile;
	}

	close(): void {
		this.socket.close();
	}
}

/** A frame's name as the summaries show it: `function (package/file:line)`. */
function frameName(frame: CpuProfileNode['callFrame']): string {
	const name = frame.functionName || '(anonymous)';
	if (!frame.url) return name;
	const path = frame.url.replace(/^file:\/\//, '');
	const modules = path.lastIndexOf('node_modules/');
	const short =
		modules >= 0
			? path.slice(modules + 'node_modules/'.length)
			: path.split('/').slice(-2).join('/');
	return `${name} (${short}:${frame.lineNumber + 1})`;
}

/** The package a frame belongs to: `n8n-workflow`, `@n8n/tournament`, `node:internal`, `(garbage collector)`… */
function packageOf(frame: CpuProfileNode['callFrame']): string {
	if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
	if (frame.url.startsWith('node:')) return 'node: built-ins';
	const path = frame.url.replace(/^file:\/\//, '');
	const modules = path.lastIndexOf('node_modules/');
	if (modules < 0) return path;
	const rest = path.slice(modules + 'node_modules/'.length).split('/');
	return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

export interface ProfileSummary {
	totalMs: number;
	/** Time not idle. */
	busyMs: number;
	/** Self time by frame, largest first. */
	self: Array<{ name: string; ms: number }>;
	/** Time including callees, by frame, largest first. */
	total: Array<{ name: string; ms: number }>;
	/** Self time by package. */
	packages: Array<{ name: string; ms: number }>;
}

/** Self and inclusive time per frame and per package, from a profile's samples. */
export function summariseProfile(profile: CpuProfile): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const self = new Map<string, number>();
	const total = new Map<string, number>();
	const packages = new Map<string, number>();
	const add = (map: Map<string, number>, key: string, ms: number) =>
		map.set(key, (map.get(key) ?? 0) + ms);
	let busyMs = 0;
	const stackNames = new Map<number, string[]>();
	const namesOnStack = (id: number): string[] => {
		let names = stackNames.get(id);
		if (!names) {
			const set = new Set<string>();
			for (
				let current: number | undefined = id;
				current !== undefined;
				current = parent.get(current)
			)
				set.add(frameName(byId.get(current)!.callFrame));
			names = [...set];
			stackNames.set(id, names);
		}
		return names;
	};
	profile.samples.forEach((id, index) => {
		const ms = (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0) / 1000;
		const frame = byId.get(id)!.callFrame;
		add(self, frameName(frame), ms);
		add(packages, packageOf(frame), ms);
		if (frame.functionName !== '(idle)') busyMs += ms;
		for (const name of namesOnStack(id)) add(total, name, ms);
	});
	const sorted = (map: Map<string, number>) =>
		[...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
	return {
		totalMs: (profile.endTime - profile.startTime) / 1000,
		busyMs,
		self: sorted(self),
		total: sorted(total),
		packages: sorted(packages),
	};
}
