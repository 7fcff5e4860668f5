/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { progress } from '../lib/log';
import { freePort } from '../lib/n8n';
import { spawnProc, trackTempDir, type Proc, type StopResult } from './procs';

/** Redis and PostgreSQL for queue mode: installed with apt when missing, each a throwaway instance. */

const onPath = (binary: string) => spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0;

let aptUpdated = false;
function aptInstall(pkg: string): void {
	if (process.getuid?.() !== 0) throw new Error(`${pkg} is missing and installing it needs root (apt-get install -y ${pkg})`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	if (!aptUpdated) {
		progress('apt-get update (once)');
		execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
		aptUpdated = true;
	}
	progress(`apt-get install -y ${pkg}`);
	execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface Service {
	port: number;
	proc: Proc;
	stop(): Promise<StopResult>;
	/** Stops the server, waits `downMs`, starts it again on the same port (Redis only; its data is gone). */
	restart?(downMs: number): Promise<void>;
}

export async function startRedis(): Promise<Service> {
	if (!onPath('redis-server')) aptInstall('redis-server');
	const dir = trackTempDir(mkdtempSync(join(tmpdir(), 'fotor-queue-redis-')));
	const port = await freePort();
	const spawn = () =>
		spawnProc('redis', 'redis-server', [
			'--port', String(port),
			'--bind', '127.0.0.1',
			'--dir', dir,
			'--save', '',
			'--appendonly', 'no',
			'--daemonize', 'no',
			'--protected-mode', 'yes',
			'--loglevel', 'notice',
		]);
	let proc = spawn();
	await proc.waitFor(/Ready to accept connections/, 20_000);
	// SIGTERM: redis exits at once (no persistence configured).
	return {
		port,
		get proc() {
			return proc;
		},
		stop: async () => await proc.stop('SIGTERM', 10_000),
		restart: async (downMs: number) => {
			await proc.stop('SIGTERM', 10_000);
			await new Promise((resolve) => setTimeout(resolve, downMs));
			proc = spawn();
			await proc.waitFor(/Ready to accept connections/, 20_000);
		},
	};
}

/** The newest PostgreSQL server binaries Debian installed (prefers 15, as on the reference machine). */
function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const find = () => {
		if (!existsSync(root)) return undefined;
		if (existsSync(join(root, '15', 'bin', 'initdb'))) return join(root, '15', 'bin');
		const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
		return versions.length ? join(root, versions[0], 'bin') : undefined;
	};
	let dir = find();
	if (!dir) {
		aptInstall('postgresql');
		dir = find();
	}
	if (!dir) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql after installing postgresql');
	return dir;
}

export interface Postgres extends Service {
	database: string;
	user: string;
	password: string;
	/** Runs SQL with psql (over TCP, trust auth) and returns the unaligned, tuples-only output. */
	query(sql: string): string;
}

/**
 * A throwaway cluster: initdb and postgres refuse to run as root, so as root they run as the
 * `postgres` OS user (the Debian package creates it) in a temp dir chowned to it.
 */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBinDir();
	const root = process.getuid?.() === 0;
	let ids: { uid: number; gid: number } | undefined;
	if (root) {
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		ids = { uid, gid };
	}
	const base = trackTempDir(mkdtempSync(join(tmpdir(), 'fotor-queue-pg-')));
	const dataDir = join(base, 'data');
	const socketDir = join(base, 'socket');
	mkdirSync(socketDir);
	if (ids) {
		chownSync(base, ids.uid, ids.gid);
		chownSync(socketDir, ids.uid, ids.gid);
	}
	const asUser = { ...(ids ?? {}), cwd: base, env: { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } };
	execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], { ...asUser, stdio: ['ignore', 'ignore', 'pipe'] });
	const port = await freePort();
	const proc = spawnProc('postgres', join(bin, 'postgres'), [
		'-D', dataDir,
		'-p', String(port),
		'-k', socketDir,
		'-c', 'listen_addresses=127.0.0.1',
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=100',
	], asUser);
	await proc.waitFor(/database system is ready to accept connections/, 30_000);

	const psql = join(bin, 'psql');
	const run = (database: string, sql: string) =>
		execFileSync(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], {
			env: { PATH: process.env.PATH, PGCONNECT_TIMEOUT: '5' },
			stdio: ['ignore', 'pipe', 'pipe'],
		}).toString().trim();
	const user = 'n8n';
	const password = 'n8n-queue-e2e';
	const database = 'n8n';
	run('postgres', `CREATE USER ${user} WITH PASSWORD '${password}'`);
	run('postgres', `CREATE DATABASE ${database} OWNER ${user}`);
	// SIGINT = "fast" shutdown: disconnects clients, checkpoints, exits.
	return { port, proc, database, user, password, query: (sql) => run(database, sql), stop: async () => await proc.stop('SIGINT', 20_000) };
}
