/**
 * What a run costs the n8n process, read from Linux's /proc: CPU time (user + system, from
 * /proc/<pid>/stat) and peak resident memory (VmHWM in /proc/<pid>/status, reset before each run
 * through /proc/<pid>/clear_refs; where that reset is refused, the peak of VmRSS sampled every
 * 20 ms instead). Elsewhere than Linux both read as unknown.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second, the unit of /proc/<pid>/stat's times (100 on every common Linux). */
const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** CPU time the process has used so far, in milliseconds; undefined where /proc is missing. */
export function cpuTimeMs(pid: number): number | undefined {
	const file = `/proc/${pid}/stat`;
	if (!existsSync(file)) return undefined;
	const stat = readFileSync(file, 'utf8');
	// The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const [utime, stime] = [Number(fields[11]), Number(fields[12])];
	return ((utime + stime) * 1000) / CLOCK_TICKS;
}

function statusField(pid: number, name: 'VmHWM' | 'VmRSS'): number | undefined {
	const file = `/proc/${pid}/status`;
	if (!existsSync(file)) return undefined;
	const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
	return match ? Number(match[1]) * 1024 : undefined;
}

/** Peak resident memory of a process over a stretch of time (one run). */
export class PeakMemory {
	private sampled = 0;
	private timer?: NodeJS.Timeout;
	private readonly resettable: boolean;

	constructor(private readonly pid: number) {
		this.resettable = PeakMemory.resetHighWaterMark(pid);
	}

	/** "5" resets the process's VmHWM to its current RSS (Linux 4.0 and later). */
	private static resetHighWaterMark(pid: number): boolean {
		try {
			writeFileSync(`/proc/${pid}/clear_refs`, '5');
			return true;
		} catch {
			return false;
		}
	}

	/** How the peak is measured, for the table's notes. */
	get method(): string {
		return this.resettable ? 'VmHWM, reset before each run' : 'VmRSS sampled every 20 ms';
	}

	start(): void {
		if (this.resettable) {
			PeakMemory.resetHighWaterMark(this.pid);
			return;
		}
		this.sampled = statusField(this.pid, 'VmRSS') ?? 0;
		this.timer = setInterval(() => {
			this.sampled = Math.max(this.sampled, statusField(this.pid, 'VmRSS') ?? 0);
		}, 20);
	}

	/** The peak since `start()`, in bytes; undefined where /proc is missing. */
	stop(): number | undefined {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		if (this.resettable) return statusField(this.pid, 'VmHWM');
		const last = statusField(this.pid, 'VmRSS');
		return last === undefined ? undefined : Math.max(this.sampled, last);
	}
}

/** CPU time and peak memory of one stretch of work in the process. */
export class ProcessMeter {
	private readonly memory: PeakMemory;

	constructor(readonly pid: number) {
		this.memory = new PeakMemory(pid);
	}

	get memoryMethod(): string {
		return this.memory.method;
	}

	/** Runs `work` and returns its result with the CPU time (ms) and peak memory (bytes) it took. */
	async measure<T>(
		work: () => Promise<T>,
	): Promise<{ result: T; cpuMs?: number; peakBytes?: number }> {
		const cpuBefore = cpuTimeMs(this.pid);
		this.memory.start();
		let peakBytes: number | undefined;
		let result: T;
		try {
			result = await work();
		} finally {
			peakBytes = this.memory.stop();
		}
		const cpuAfter = cpuTimeMs(this.pid);
		const cpuMs =
			cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
		return { result, cpuMs, peakBytes };
	}
}
