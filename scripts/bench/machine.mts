/** The machine a benchmark ran on, as the table states it. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus, release, totalmem, type as osType } from 'node:os';

function cpuModel(): string {
	if (existsSync('/proc/cpuinfo')) {
		const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
		if (match) return match[1].trim();
	}
	return cpus()[0]?.model ?? 'unknown CPU';
}

/** The version of the Node that runs a process (n8n's may not be this script's). */
function nodeVersionOf(pid: number | undefined): string {
	try {
		if (pid !== undefined && existsSync(`/proc/${pid}/exe`)) {
			return execFileSync(readlinkSync(`/proc/${pid}/exe`), ['--version'], {
				encoding: 'utf8',
			}).trim();
		}
	} catch {
		// fall through: this script's own Node
	}
	return process.version;
}

export function describeMachine(n8nVersion: string, n8nPid: number | undefined): string {
	const memory = `${Math.round(totalmem() / 1024 ** 3)} GB RAM`;
	return `${cpuModel()}, ${cpus().length} cores, ${memory}, ${osType()} ${release()}; n8n ${n8nVersion} on Node ${nodeVersionOf(n8nPid)}`;
}
