/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error -- throw-away local test instances */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';

import { progress } from '../lib/log';
import { freePort } from '../lib/n8n';
import { installInto } from '../lib/pack';
import { ownerSession, QUIET_N8N_ENV } from '../lib/session';
import type { Runtime } from '../lib/runtime';
import { spawnProc, trackTempDir, type Proc, type StopResult } from './procs';
import type { Postgres, Service } from './services';

/**
 * n8n in queue mode: one main (`n8n start`), workers (`n8n worker`) and one webhook processor
 * (`n8n webhook`) sharing Redis, PostgreSQL and one encryption key. Each process has its own user
 * folder with the packed package installed in `.n8n/nodes`, as a user installs it by hand.
 */

/** Executions each worker runs at once (n8n's default is 10); FOTOR_QUEUE_CONCURRENCY overrides it. */
export const WORKER_CONCURRENCY = Number(process.env.FOTOR_QUEUE_CONCURRENCY ?? 20);
/** Extra Node.js options for workers only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them. */
const WORKER_NODE_OPTIONS = process.env.FOTOR_WORKER_NODE_OPTIONS;

export interface N8nProcess {
	name: string;
	role: 'main' | 'worker' | 'webhook';
	proc: Proc;
	userFolder: string;
	/** HTTP port (main and webhook processor). */
	port: number;
	/** Milliseconds from spawn to its ready line. */
	readyMs: number;
}

export interface RawResponse {
	status: number;
	headers: Record<string, unknown>;
	body: Buffer;
}

/** The main instance's APIs (owner session and API key). */
export interface MainClient {
	baseUrl: string;
	/** n8n's public API with the API key. */
	api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	/** The editor's REST API with the owner's session cookie; returns `data`. */
	rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	/** GET on the editor's REST API, raw body (e.g. `/binary-data?id=…&action=download`). */
	restBytes(path: string): Promise<RawResponse>;
	log(): string;
}

export interface QueueCluster {
	main: MainClient;
	processes: N8nProcess[];
	workers: N8nProcess[];
	webhookProcessor: N8nProcess;
	/** Base URL of the webhook processor, e.g. http://127.0.0.1:1234 */
	webhookBaseUrl: string;
	/** POSTs JSON to the webhook processor: /webhook/<path>. */
	webhook(path: string, body: unknown, timeoutMs?: number): Promise<RawResponse>;
	/** Starts more workers (named after the ones before) and adds them to `workers` once ready. */
	addWorkers(count: number): Promise<void>;
	/** SIGTERM to every n8n process (workers and webhook first, main last), each timed. */
	stop(timeoutMs?: number): Promise<StopResult[]>;
}

const ENCRYPTION_KEY = 'fotor-queue-e2e-encryption-key-0123456789';

function sharedEnvironment(runtime: Runtime, redis: Service, pg: Postgres, webhookPort: number): NodeJS.ProcessEnv {
	return {
		PATH: `${join(runtime.nodeDir, 'bin')}:${process.env.PATH}`,
		HOME: process.env.HOME,
		...QUIET_N8N_ENV,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		DB_POSTGRESDB_POOL_SIZE: '4',
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '15',
	};
}

async function spawnN8n(
	runtime: Runtime,
	tarball: string,
	name: string,
	role: N8nProcess['role'],
	args: string[],
	env: NodeJS.ProcessEnv,
	ready: RegExp,
	port: number,
	started: N8nProcess[],
): Promise<N8nProcess> {
	const userFolder = trackTempDir(mkdtempSync(join(tmpdir(), `fotor-queue-${name}-`)));
	installInto(userFolder, tarball);
	const brokerPort = await freePort();
	const spawnedAt = Date.now();
	const proc = spawnProc(name, runtime.nodeBin, [runtime.n8nBin, ...args], {
		env: { ...env, N8N_USER_FOLDER: userFolder, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
	});
	const entry: N8nProcess = { name, role, proc, userFolder, port, readyMs: 0 };
	// Registered before it is ready, so a failed start-up still gets stopped.
	started.push(entry);
	await proc.waitFor(ready, 180_000);
	entry.readyMs = Date.now() - spawnedAt;
	if (/Problem loading|Failed to load .*n8n-nodes-fotor|n8n-nodes-fotor.*(error|failed)/i.test(proc.output())) {
		throw new Error(`${name} did not load n8n-nodes-fotor:\n${proc.tail()}`);
	}
	progress(`${name} ready in ${(entry.readyMs / 1000).toFixed(1)} s`);
	return entry;
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<RawResponse> {
	const response = await request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		headersTimeout: timeoutMs,
		bodyTimeout: timeoutMs,
	});
	return { status: response.statusCode, headers: response.headers as Record<string, unknown>, body: Buffer.from(await response.body.arrayBuffer()) };
}

/**
 * Starts main first (it runs the migrations and creates the owner), then the workers and the
 * webhook processor together. On any failure everything started so far is stopped.
 */
export async function startQueueCluster(runtime: Runtime, tarball: string, redis: Service, pg: Postgres, workerCount = 2): Promise<QueueCluster> {
	const mainPort = await freePort();
	const webhookPort = await freePort();
	const env = sharedEnvironment(runtime, redis, pg, webhookPort);
	const processes: N8nProcess[] = [];
	const stopAll = async (timeoutMs = 30_000) => {
		const order = [...processes.filter((p) => p.role !== 'main'), ...processes.filter((p) => p.role === 'main')];
		// Workers and the webhook processor in parallel, then main.
		const results = await Promise.all(order.filter((p) => p.role !== 'main').map(async (p) => await p.proc.stop('SIGTERM', timeoutMs)));
		for (const p of order.filter((x) => x.role === 'main')) results.push(await p.proc.stop('SIGTERM', timeoutMs));
		return results;
	};
	try {
		progress(`starting n8n ${runtime.n8nVersion} main (queue mode) on http://127.0.0.1:${mainPort}`);
		// Production webhooks are served by the webhook processor only, as in a real queue set-up.
		const main = await spawnN8n(runtime, tarball, 'main', 'main', ['start'], { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }, /Editor is now accessible/, mainPort, processes);
		let workersStarted = 0;
		const spawnWorkers = (count: number) =>
			Array.from({ length: count }, async () => {
				const name = `worker${++workersStarted}`;
				return await spawnN8n(runtime, tarball, name, 'worker', ['worker', `--concurrency=${WORKER_CONCURRENCY}`], WORKER_NODE_OPTIONS ? { ...env, NODE_OPTIONS: WORKER_NODE_OPTIONS } : env, /n8n worker is now ready/, await freePort(), processes);
			});
		const settle = async (starts: Array<Promise<N8nProcess>>) => {
			const failed = (await Promise.allSettled(starts)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
			if (failed) throw failed.reason;
		};
		await settle([
			...spawnWorkers(workerCount),
			spawnN8n(runtime, tarball, 'webhook', 'webhook', ['webhook'], env, /Webhook listener waiting for requests/, webhookPort, processes),
		]);

		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;
		const session = await ownerSession(mainUrl, 'queue-e2e');
		const webhook = async (path: string, body: unknown, timeoutMs = 120_000) => await postJson(`${webhookBaseUrl}/webhook/${path}`, body, timeoutMs);
		const cluster: QueueCluster = {
			main: { baseUrl: mainUrl, ...session, log: () => main.proc.output() },
			processes,
			workers: processes.filter((p) => p.role === 'worker'),
			webhookProcessor: processes.find((p) => p.role === 'webhook')!,
			webhookBaseUrl,
			webhook,
			addWorkers: async (count) => {
				await settle(spawnWorkers(count));
				cluster.workers = processes.filter((p) => p.role === 'worker');
			},
			stop: stopAll,
		};
		return cluster;
	} catch (error) {
		await stopAll(10_000);
		throw error;
	}
}
