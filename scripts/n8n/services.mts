/**
 * The services n8n's queue mode needs besides n8n: PostgreSQL (the database every n8n process
 * shares) and Redis (the job queue and the processes' messages), Debian's, each started on a free
 * loopback port with a data folder of its own inside a given folder, and stopped with it. Nothing
 * of the machine's own (a PostgreSQL cluster, a Redis service) is used or changed.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';

import { freePort } from './instance.mts';
import { OutputTail, runCommand } from './processes.mts';

/** Where Debian puts each PostgreSQL release's programs (not on PATH). */
const DEBIAN_POSTGRESQL = '/usr/lib/postgresql';

function onPath(program: string): string | undefined {
	return (process.env.PATH ?? '')
		.split(delimiter)
		.map((dir) => join(dir, program))
		.find((candidate) => existsSync(candidate));
}

/** The folder of `postgres` and `initdb`: Debian's newest release, else whichever is on PATH. */
function postgresBinDir(): string | undefined {
	if (existsSync(DEBIAN_POSTGRESQL)) {
		const releases = readdirSync(DEBIAN_POSTGRESQL)
			.filter((release) => existsSync(join(DEBIAN_POSTGRESQL, release, 'bin', 'postgres')))
			.sort((a, b) => Number(b) - Number(a));
		if (releases.length) return join(DEBIAN_POSTGRESQL, releases[0], 'bin');
	}
	const onPathPostgres = onPath('postgres');
	return onPathPostgres ? join(onPathPostgres, '..') : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Installs PostgreSQL and Redis from Debian when their programs are missing (as root, as CI
 * runs); otherwise says what to install. Installed already: nothing is run.
 */
export async function ensureQueueServicesInstalled(log: (message: string) => void): Promise<void> {
	if (postgresBinDir() && onPath('redis-server')) return;
	if (!isRoot() || !onPath('apt-get')) {
		throw new Error(
			'Queue mode needs PostgreSQL and Redis: install them (Debian: apt-get install postgresql redis-server) and try again.',
		);
	}
	log('Installing PostgreSQL and Redis from Debian (apt-get)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runCommand('apt-get', ['update'], { cwd: '/', env, description: 'apt-get update' });
	await runCommand('apt-get', ['install', '-y', 'postgresql', 'redis-server'], {
		cwd: '/',
		env,
		description: 'apt-get install postgresql redis-server',
	});
	if (!postgresBinDir() || !onPath('redis-server'))
		throw new Error(
			'apt-get installed postgresql and redis-server, but their programs are missing',
		);
}

/**
 * PostgreSQL refuses to run as root: as root, its programs run as Debian's `postgres` user
 * (setpriv runs the program itself, so that signals reach it), and its folders are that user's.
 */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return isRoot()
		? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]]
		: [command, args];
}

function postgresUserOwns(dir: string): void {
	if (!isRoot()) return;
	const { uid, gid } = postgresIds();
	chownSync(dir, uid, gid);
}

let ids: { uid: number; gid: number } | undefined;
function postgresIds(): { uid: number; gid: number } {
	if (ids) return ids;
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('postgres:'));
	if (!line) throw new Error('There is no "postgres" user to run PostgreSQL as (it refuses root)');
	const [, , uid, gid] = line.split(':');
	return (ids = { uid: Number(uid), gid: Number(gid) });
}

/** A service's process: its output kept for errors, stopped on request or when this process exits. */
class ServiceProcess {
	private readonly output = new OutputTail(200);
	private exitCode: number | null | undefined;
	readonly exited: Promise<number | null>;

	constructor(
		readonly name: string,
		private readonly child: ChildProcess,
	) {
		child.stdout?.on('data', (chunk: Buffer) => this.output.write(chunk));
		child.stderr?.on('data', (chunk: Buffer) => this.output.write(chunk));
		const killOnExit = () => child.kill('SIGKILL');
		process.once('exit', killOnExit);
		this.exited = new Promise((resolve) => {
			const ended = (code: number | null) => {
				this.exitCode ??= code;
				process.removeListener('exit', killOnExit);
				resolve(this.exitCode);
			};
			child.once('exit', ended);
			child.once('error', (error) => {
				this.output.write(`Could not run ${name}: ${error.message}\n`);
				ended(null);
			});
		});
	}

	static spawn(name: string, command: string, args: string[]): ServiceProcess {
		return new ServiceProcess(
			name,
			spawn(command, args, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] }),
		);
	}

	/** Resolves once the service prints `line`; fails if it ends first or takes too long. */
	async waitFor(line: string, timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!this.output.text().includes(line)) {
			if (this.exitCode !== undefined)
				throw new Error(
					`${this.name} exited (status ${this.exitCode}) before it was ready. Its last output:\n${this.output.text(40)}`,
				);
			if (Date.now() > deadline)
				throw new Error(
					`${this.name} was not ready after ${timeoutMs / 1000} s. Its last output:\n${this.output.text(40)}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** Stops the service with `signal`, and kills it if it has not ended after `graceMs`. */
	async stop(signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
		if (this.exitCode !== undefined) return;
		this.child.kill(signal);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
	}
}

export interface RunningService {
	port: number;
	stop(): Promise<void>;
}

export interface Postgres extends RunningService {
	host: string;
	database: string;
	user: string;
	password: string;
}

/**
 * A PostgreSQL of its own: a cluster made with initdb in `<dir>/postgres`, listening on a free
 * loopback port (its socket in `<dir>/postgres-socket`), with a password-protected user and an
 * empty database for n8n. Durability is off: the data is thrown away.
 */
export async function startPostgres(dir: string): Promise<Postgres> {
	const binDir = postgresBinDir();
	if (!binDir) throw new Error('PostgreSQL is not installed');
	const dataDir = join(dir, 'postgres');
	const socketDir = join(dir, 'postgres-socket');
	const passwordFile = join(dir, 'postgres-password');
	const user = 'n8n';
	const password = 'n8n-queue-mode';
	const database = 'n8n';
	for (const folder of [dataDir, socketDir]) {
		mkdirSync(folder, { recursive: true, mode: 0o700 });
		postgresUserOwns(folder);
	}
	writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
	postgresUserOwns(passwordFile);
	// The folder itself must be reachable for the postgres user (mkdtemp makes it 0700, root's).
	postgresUserOwns(dir);

	const [initdb, initdbArgs] = asPostgresUser(join(binDir, 'initdb'), [
		`--pgdata=${dataDir}`,
		`--username=${user}`,
		`--pwfile=${passwordFile}`,
		'--auth-host=scram-sha-256',
		'--auth-local=trust',
		'--encoding=UTF8',
		'--no-instructions',
	]);
	await runCommand(initdb, initdbArgs, { cwd: '/', description: 'initdb' });

	const port = await freePort();
	const [postgres, postgresArgs] = asPostgresUser(join(binDir, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		socketDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
	]);
	const service = ServiceProcess.spawn('PostgreSQL', postgres, postgresArgs);
	// SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave).
	const stop = () => service.stop('SIGINT');
	try {
		await service.waitFor('database system is ready to accept connections');
		const [psql, psqlArgs] = asPostgresUser(join(binDir, 'psql'), [
			'-h',
			socketDir,
			'-p',
			String(port),
			'-U',
			user,
			'-d',
			'postgres',
			'-v',
			'ON_ERROR_STOP=1',
			'-c',
			`CREATE DATABASE ${database}`,
		]);
		await runCommand(psql, psqlArgs, { cwd: '/', description: 'Creating the database (psql)' });
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, database, user, password, stop };
}

/** A Redis of its own on a free loopback port, working in `<dir>/redis`, saving nothing to disk. */
export async function startRedis(dir: string): Promise<RunningService> {
	const redisServer = onPath('redis-server');
	if (!redisServer) throw new Error('Redis is not installed');
	const dataDir = join(dir, 'redis');
	mkdirSync(dataDir, { recursive: true });
	const port = await freePort();
	const service = ServiceProcess.spawn('Redis', redisServer, [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--dir',
		dataDir,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
	]);
	const stop = () => service.stop('SIGTERM');
	try {
		await service.waitFor('Ready to accept connections');
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, stop };
}
