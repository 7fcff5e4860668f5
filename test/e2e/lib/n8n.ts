/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- throw-away local test instance */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';

import { progress } from './log';
import { ownerSession, QUIET_N8N_ENV } from './session';
import { installInto } from './pack';
import type { Runtime } from './runtime';

export { OWNER } from './session';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface N8nInstance {
	baseUrl: string;
	userFolder: string;
	version: string;
	/** Calls n8n's public API with the instance's API key. */
	api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	/** Calls the editor's REST API with the owner's session cookie. */
	rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	/** GET on the editor's REST API returning the raw body (e.g. `/binary-data?id=…&action=download`). */
	restBytes(path: string): Promise<{ status: number; body: Buffer }>;
	webhook(path: string, body: unknown): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>;
	stop(): Promise<void>;
	log(): string;
	/** False once the n8n process has exited (e.g. crashed mid-suite). */
	running(): boolean;
}

/** Everything started is stopped on exit, also on failures and Ctrl-C. */
const running = new Set<ChildProcess>();
const killAll = () => {
	for (const child of running) {
		try {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		killAll();
		process.exit(130);
	});
}

function environment(runtime: Runtime, userFolder: string, port: number, brokerPort: number, fileAccess?: string[]): NodeJS.ProcessEnv {
	return {
		PATH: `${join(runtime.nodeDir, 'bin')}:${process.env.PATH}`,
		HOME: process.env.HOME,
		N8N_USER_FOLDER: userFolder,
		...QUIET_N8N_ENV,
		N8N_ENCRYPTION_KEY: 'fotor-e2e-encryption-key-0123456789',
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		DB_SQLITE_POOL_SIZE: '2',
		N8N_RESTRICT_FILE_ACCESS_TO: (fileAccess ?? [join(userFolder, 'files')]).join(';'),
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
	};
}

/** Publishes a workflow (2.x `/publish`, 1.x `/activate`). */
export async function publishWorkflow(n8n: N8nInstance, workflowId: string): Promise<void> {
	await n8n.api('POST', `/workflows/${workflowId}/publish`).catch(async () => await n8n.api('POST', `/workflows/${workflowId}/activate`));
}

/** Activation is asynchronous: waits until a webhook URL stops answering 404. */
export async function waitUntilRegistered(url: string, body = '{"taskId":"probe0000","status":0}'): Promise<void> {
	for (let attempt = 0; attempt < 120; attempt++) {
		const probe = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		await probe.body.dump();
		if (probe.statusCode !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`webhook ${url} never became active`);
}

/** Runs one n8n CLI command (import, execute, publish) to completion and returns its output. */
export async function n8nCommand(runtime: Runtime, userFolder: string, args: string[], timeoutMs = 180_000): Promise<string> {
	const port = await freePort();
	const env = environment(runtime, userFolder, port, await freePort());
	return await new Promise((resolve, reject) => {
		const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		running.add(child);
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const timer = setTimeout(() => {
			killAll();
			reject(new Error(`n8n ${args[0]} did not finish within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`));
		}, timeoutMs);
		child.on('exit', () => {
			clearTimeout(timer);
			running.delete(child);
			resolve(output);
		});
	});
}

/**
 * Starts a real n8n with the packed package installed, creates the owner, logs in and
 * creates an API key. Fails with the log tail (not a hang) when n8n does not come up.
 */
export async function startN8n(
	runtime: Runtime,
	tarball: string,
	options: {
		userFolder?: string;
		readyTimeoutMs?: number;
		fileAccess?: string[];
		/** Extra environment, e.g. `{ N8N_DEFAULT_BINARY_DATA_MODE: 'database' }`; wins over the defaults. */
		env?: Record<string, string>;
	} = {},
): Promise<N8nInstance> {
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), `fotor-n8n-${runtime.n8nVersion}-`));
	installInto(userFolder, tarball);
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	progress(`starting n8n ${runtime.n8nVersion} on ${baseUrl}`);
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		env: { ...environment(runtime, userFolder, port, await freePort(), options.fileAccess), ...options.env },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	running.add(child);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

	const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
	while (!/Editor is now accessible/.test(output)) {
		if (child.exitCode !== null) throw new Error(`n8n ${runtime.n8nVersion} exited during start-up:\n${output.slice(-3000)}`);
		if (Date.now() > deadline) {
			killAll();
			throw new Error(`n8n ${runtime.n8nVersion} did not come up within ${(options.readyTimeoutMs ?? 120_000) / 1000} s:\n${output.slice(-3000)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	progress(`n8n ${runtime.n8nVersion} is up`);

	const session = await ownerSession(baseUrl, 'e2e');

	return {
		baseUrl,
		userFolder,
		version: runtime.n8nVersion,
		rest: session.rest,
		restBytes: async (path: string) => {
			const { status, body } = await session.restBytes(path);
			return { status, body };
		},
		api: session.api,
		async webhook(path: string, body: unknown) {
			const response = await request(`${baseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				headersTimeout: 120_000,
				bodyTimeout: 120_000,
			});
			return { status: response.statusCode, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
		},
		async stop() {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
			const timeout = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
			await exited;
			clearTimeout(timeout);
			running.delete(child);
			if (!options.userFolder) rmSync(userFolder, { recursive: true, force: true });
		},
		log: () => output,
		running: () => child.exitCode === null && child.signalCode === null,
	};
}
