/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

/**
 * Every process and temp dir this suite creates, so that nothing outlives it:
 * - normal shutdown goes through `Proc.stop` and `removeTempDirs`;
 * - a crash, an uncaught error or Ctrl-C ends in the synchronous `exit` handler below (SIGKILL
 *   of each process group, then the temp dirs are removed);
 * - if this process itself is SIGKILLed (tsx does that when its child does not acknowledge a
 *   signal within 30 ms, e.g. on a loaded machine), a small detached reaper notices its stdin
 *   closing and does the same.
 */
const processes = new Set<Proc>();
const tempDirs = new Set<string>();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const REAPER = `
const { rmSync } = require('node:fs');
const groups = new Set();
const dirs = new Set();
let buffer = '';
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => undefined);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
	buffer += chunk;
	for (let end = buffer.indexOf('\\n'); end >= 0; end = buffer.indexOf('\\n')) {
		const line = buffer.slice(0, end);
		buffer = buffer.slice(end + 1);
		const space = line.indexOf(' ');
		const command = space < 0 ? line : line.slice(0, space);
		const argument = space < 0 ? '' : line.slice(space + 1);
		if (command === '+group') groups.add(Number(argument));
		else if (command === '-group') groups.delete(Number(argument));
		else if (command === '+dir') dirs.add(argument);
		else if (command === '-dir') dirs.delete(argument);
	}
});
process.stdin.on('end', () => {
	for (const group of groups) {
		try { process.kill(-group, 'SIGKILL'); } catch {}
	}
	setTimeout(() => {
		for (const dir of dirs) {
			try { rmSync(dir, { recursive: true, force: true }); } catch {}
		}
		process.exit(0);
	}, groups.size ? 1000 : 0);
});
`;

let reaper: ChildProcess | undefined;
function tellReaper(line: string): void {
	if (!reaper) {
		reaper = spawn(process.execPath, ['-e', REAPER], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
		reaper.unref();
		(reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
		reaper.stdin?.on('error', () => undefined);
	}
	reaper.stdin?.write(`${line}\n`);
}

export function trackTempDir(dir: string): string {
	tempDirs.add(dir);
	tellReaper(`+dir ${dir}`);
	return dir;
}

/** Removes the temp dirs tracked so far; returns the ones that are still there (should be none). */
export function removeTempDirs(): string[] {
	for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
	const left = [...tempDirs].filter((dir) => existsSync(dir));
	for (const dir of tempDirs) if (!left.includes(dir)) tellReaper(`-dir ${dir}`);
	tempDirs.clear();
	return left;
}

/** Ends the reaper once everything is cleaned up (it then has nothing left to do). */
export function releaseReaper(): void {
	reaper?.stdin?.end();
	reaper = undefined;
}

function emergencyCleanup() {
	for (const proc of processes) proc.kill('SIGKILL');
	processes.clear();
	removeTempDirs();
}
process.on('exit', emergencyCleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		emergencyCleanup();
		process.exit(130);
	});
}

export interface StopResult {
	name: string;
	ms: number;
	code: number | null;
	signal: NodeJS.Signals | null;
	/** True when it had to be killed after the timeout. */
	killed: boolean;
	/** True when members of its process group (e.g. a task runner) were still alive after it exited. */
	orphans: boolean;
}

/** A child in its own process group (so its own children, e.g. n8n's task runner, go with it). */
export class Proc {
	private out = '';
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	private readonly listeners = new Set<() => void>();

	constructor(
		readonly name: string,
		readonly child: ChildProcess,
	) {
		processes.add(this);
		if (child.pid) tellReaper(`+group ${child.pid}`);
		const append = (chunk: Buffer) => {
			this.out += chunk.toString();
			// Keep memory bounded on chatty processes.
			if (this.out.length > 4_000_000) this.out = this.out.slice(-2_000_000);
			for (const listener of this.listeners) listener();
		};
		child.stdout?.on('data', append);
		child.stderr?.on('data', append);
		this.exited = new Promise((resolve) => {
			const finish = (code: number | null, signal: NodeJS.Signals | null) => {
				processes.delete(this);
				for (const listener of this.listeners) listener();
				resolve({ code, signal });
			};
			child.on('exit', finish);
			child.on('error', (error) => {
				this.out += `\n[spawn error] ${error.message}\n`;
				if (!child.pid) finish(-1, null);
			});
		});
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	output(): string {
		return this.out;
	}

	tail(chars = 3000): string {
		return this.out.slice(-chars);
	}

	kill(signal: NodeJS.Signals): void {
		if (!this.child.pid) return;
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// already gone
		}
	}

	/** Resolves when the output matches; rejects with the log tail if the process exits or the time is up. */
	async waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
		if (pattern.test(this.out)) return;
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => done(new Error(`${this.name}: no ${String(pattern)} within ${timeoutMs / 1000} s:\n${this.tail()}`)), timeoutMs);
			const check = () => {
				if (pattern.test(this.out)) done();
				else if (!this.running) done(new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before ${String(pattern)}:\n${this.tail()}`));
			};
			const done = (error?: Error) => {
				clearTimeout(timer);
				this.listeners.delete(check);
				if (error) reject(error);
				else resolve();
			};
			this.listeners.add(check);
			check();
		});
	}

	/** Sends `signal` to the group and waits; SIGKILL after `timeoutMs` (reported as killed). */
	async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<StopResult> {
		const started = Date.now();
		if (!this.running) {
			const { code, signal: exitSignal } = await this.exited;
			return { name: this.name, ms: 0, code, signal: exitSignal, killed: false, orphans: false };
		}
		this.kill(signal);
		let killed = false;
		const timer = setTimeout(() => {
			killed = true;
			this.kill('SIGKILL');
		}, timeoutMs);
		const { code, signal: exitSignal } = await this.exited;
		clearTimeout(timer);
		const ms = Date.now() - started;
		// The group may still hold children (e.g. a task runner) that outlived their parent.
		let orphans = false;
		if (this.child.pid) {
			try {
				process.kill(-this.child.pid, 0);
				orphans = true;
				process.kill(-this.child.pid, 'SIGKILL');
			} catch {
				// the group is empty
			}
			tellReaper(`-group ${this.child.pid}`);
		}
		return { name: this.name, ms, code, signal: exitSignal, killed, orphans };
	}
}

export function spawnProc(name: string, command: string, args: string[], options: SpawnOptions = {}): Proc {
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	return new Proc(name, child);
}
