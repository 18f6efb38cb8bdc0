/**
 * Child processes for the real-n8n tooling: npm commands run in a folder of their own, and a
 * bounded buffer of a process's output so that a failure can show its last lines.
 */
import { spawn } from 'node:child_process';

/**
 * The environment for an npm command in another folder. `npm run …` exports its own settings as
 * `npm_config_*` (among them `npm_config_local_prefix`, the repository root): a nested npm would
 * take them as its own and could install into the repository instead of the folder it runs in.
 */
export function npmEnvironment(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
	);
}

/** The last lines a process wrote, for error messages; older lines are dropped. */
export class OutputTail {
	private readonly lines: string[] = [];
	private partial = '';

	constructor(private readonly limit = 200) {}

	write(chunk: Buffer | string): void {
		const parts = (this.partial + chunk.toString()).split('\n');
		this.partial = parts.pop() ?? '';
		this.lines.push(...parts);
		if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
	}

	/** The last `count` lines, without terminal colour codes. */
	text(count = this.limit): string {
		const lines = [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-count);
		// eslint-disable-next-line no-control-regex
		return lines.join('\n').replace(/\u001b\[[0-9;]*m/g, '');
	}
}

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Shown in the error when the command fails. */
	description: string;
}

/** Runs a command to its end; fails with its exit status and the last lines it printed. */
export async function runCommand(
	command: string,
	args: string[],
	options: RunOptions,
): Promise<string> {
	const output = new OutputTail(2000);
	let stdout = '';
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		// npm is `npm.cmd` on Windows, which only a shell can start.
		shell: process.platform === 'win32',
	});
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		output.write(chunk);
	});
	child.stderr.on('data', (chunk: Buffer) => output.write(chunk));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	if (code !== 0) {
		throw new Error(
			`${options.description} failed (exit status ${code}). Its last output:\n${output.text(40)}`,
		);
	}
	return stdout;
}
