/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { readdirSync, readFileSync } from 'node:fs';

import { renderImage, type FotorSimulator } from '../../simulator';
import { progress } from '../lib/log';
import { waitUntilRegistered } from '../lib/n8n';
import { expect, type Suite } from '../lib/suite';
import { webhookToFotor } from '../lib/workflows';
import type { QueueCluster } from './cluster';
import { errorOf, getExecution, listExecutions, publishWorkflow, workersThatRan } from './executions';
import { sleep } from './procs';

/** P5 through queue mode: 40 one-item executions at once, 2 s tasks, 10 tasks in flight per key at Fotor. */
export const P5 = { count: 40, cap: 10, taskMs: 2_000 } as const;

export interface P5Figures {
	workers: number;
	executions: number;
	failed: number;
	wallMs: number;
	idealMs: number;
	overIdeal: number;
	submits: number;
	accepted: number;
	http429: number;
	/**
	 * The shortest possible wall time given when n8n actually started each execution: every task
	 * starts at once when its execution starts and a slot is free (the bound no node can beat).
	 */
	boundMs: number;
	/** Most tasks unfinished at Fotor at once, and the mean over the run (cap: 10). */
	inFlightPeak: number;
	inFlightMean: number;
	perWorker: Record<string, number>;
	failures: string[];
}

/** A Fotor API credential for the simulator, created through n8n's public API. */
export async function simulatorCredential(cluster: QueueCluster, sim: FotorSimulator, name = 'Fotor simulator'): Promise<{ id: string; name: string }> {
	const credential = await cluster.main.api<{ id: string; name: string }>('POST', '/credentials', {
		name,
		type: 'fotorApi',
		data: { apiKey: 'sim-test-key', environment: 'custom', customBaseUrl: sim.url, storageBaseUrl: sim.storageBaseUrl },
	});
	return { id: credential.id, name: credential.name };
}

/** One suite check: P5 on the cluster's live workers; returns its figures. */
export async function checkQueueP5(suite: Suite, cluster: QueueCluster, sim: FotorSimulator, letter: string, ref: { id: string; name: string }): Promise<P5Figures | undefined> {
	let figures: P5Figures | undefined;
	const workers = cluster.workers.filter((worker) => worker.proc.running).length;
	await suite.check(`[queue] ${letter}. P5 with ${workers} workers: ${P5.count} webhook executions at once, 2 s tasks, in-flight cap ${P5.cap}: 0 failed`, async () => {
		figures = await measureQueueP5(cluster, sim, ref, letter);
		const { failures } = figures;
		expect(failures.length === 0, `${failures.length} of ${P5.count} failed:\n${failures.slice(0, 10).join('\n')}`);
		expect(figures.accepted === P5.count, `${figures.accepted} accepted submits for ${P5.count} executions (a billable submit must be sent exactly once)`);
		expect(Object.values(figures.perWorker).reduce((sum, n) => sum + n, 0) === P5.count, `executions not each on exactly one worker: ${JSON.stringify(figures.perWorker)}`);
	});
	return figures;
}

/** Runs P5 once and measures it (wall time against the ideal, refusals, slots used at Fotor). */
export async function measureQueueP5(cluster: QueueCluster, sim: FotorSimulator, ref: { id: string; name: string }, letter = 'p5'): Promise<P5Figures> {
	const path = `queue-p5-${Date.now().toString(36)}`;
	const { id: workflowId } = await cluster.main.api<{ id: string }>(
		'POST',
		'/workflows',
		webhookToFotor({
			path,
			credential: ref,
			respond: 'allEntries',
			parameters: { resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: '={{ $json.body.image }}', options: { returnMode: 'url', pollInterval: 0.5 } },
		}),
	);
	sim.reset();
	await publishWorkflow(cluster.main, workflowId);
	// Registration probe with a body that fails validation (no image): no task is submitted.
	await waitUntilRegistered(`${cluster.webhookBaseUrl}/webhook/${path}`, '{}');
	await sleep(300);
	// Warm-up, not measured: a few executions per live worker, with tasks as long as P5's, so a
	// freshly started worker's first executions (n8n loading the workflow and the package) do not
	// count as the node's time, and each worker knows how long such tasks take, as in production.
	const image = renderImage({ format: 'png', width: 40, height: 30, seed: 30 }).toString('base64');
	sim.configure({ taskDurationMs: P5.taskMs, maxInFlightPerKey: 0 });
	const warmUps = 3 * cluster.workers.filter((worker) => worker.proc.running).length;
	await Promise.all(Array.from({ length: warmUps }, async () => await cluster.webhook(path, { image }, 60_000).catch(() => undefined)));
	const probes = (await listExecutions(cluster, workflowId, warmUps + 1)).length;
	sim.configure({ taskDurationMs: P5.taskMs, maxInFlightPerKey: P5.cap, retryAfterSeconds: 1 });
	const submitsBefore = sim.submits.length;
	const cpu = process.env.FOTOR_P5_TIMELINE ? sampleCpu() : undefined;
	const groupsAtStart = process.env.FOTOR_P5_TIMELINE ? cpuByProcessGroup() : undefined;
	let groupsEarly: Map<string, number> | undefined;
	const early = process.env.FOTOR_P5_TIMELINE ? setTimeout(() => (groupsEarly = cpuByProcessGroup()), 3_000) : undefined;
	const started = Date.now();
	const responses = await Promise.all(
		Array.from({ length: P5.count }, async () => {
			try {
				return await cluster.webhook(path, { image }, 180_000);
			} catch (error) {
				return { status: 0, headers: {}, body: Buffer.from((error as Error).message) };
			}
		}),
	);
	const wallMs = Date.now() - started;
	const busy = cpu?.stop();
	clearTimeout(early);
	const groupsAtEnd = groupsAtStart ? cpuByProcessGroup() : undefined;
	sim.configure({ taskDurationMs: 300, maxInFlightPerKey: 0 });

	const submits = sim.submits.slice(submitsBefore);
	const failures: string[] = [];
	for (const [index, response] of responses.entries()) {
		if (response.status !== 200) {
			failures.push(`call ${index}: HTTP ${response.status} ${response.body.toString().slice(0, 200)}`);
			continue;
		}
		const [item] = JSON.parse(response.body.toString('utf8')) as Array<Record<string, unknown>>;
		if (item?.status !== 'completed') failures.push(`call ${index}: ${JSON.stringify(item).slice(0, 200)}`);
	}
	const executions = (await listExecutions(cluster, workflowId, probes + P5.count, 30_000)).slice(0, P5.count);
	const perWorker: Record<string, number> = {};
	for (const execution of executions) {
		if (execution.status !== 'success') failures.push(`execution ${execution.id}: ${execution.status}: ${errorOf(await getExecution(cluster, execution.id))}`);
		const ran = workersThatRan(cluster, execution.id);
		if (ran.length !== 1) failures.push(`execution ${execution.id} ran on [${ran.join(', ')}]`);
		for (const name of ran) perWorker[name] = (perWorker[name] ?? 0) + 1;
	}
	// How well the key's task slots were used: tasks unfinished at the simulator over time.
	const spans = submits
		.filter((s) => s.accepted && s.taskId)
		.map((s) => sim.tasks.get(s.taskId!))
		.filter((task): task is NonNullable<typeof task> => task !== undefined)
		.map((task) => [task.createdAt, task.endedAt ?? task.completesAt] as const);
	const events = spans.flatMap(([from, to]) => [[from, 1], [to, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let current = 0;
	let inFlightPeak = 0;
	for (const [, delta] of events) inFlightPeak = Math.max(inFlightPeak, (current += delta));
	const busyMs = spans.reduce((sum, [from, to]) => sum + (to - from), 0);
	const idealMs = Math.ceil(P5.count / P5.cap) * P5.taskMs;
	const startOffsets = executions.map((execution) => (execution.startedAt ? Date.parse(execution.startedAt) - started : 0));
	const boundMs = earliestEnd(startOffsets, P5.cap, P5.taskMs);
	const figures: P5Figures = {
		workers: cluster.workers.filter((worker) => worker.proc.running).length,
		executions: executions.length,
		failed: failures.length,
		wallMs,
		idealMs,
		overIdeal: wallMs / idealMs,
		boundMs,
		submits: submits.length,
		accepted: submits.filter((s) => s.accepted).length,
		http429: submits.filter((s) => s.httpStatus === 429).length,
		inFlightPeak,
		inFlightMean: busyMs / Math.max(1, wallMs),
		perWorker,
		failures,
	};
	progress(
		`${letter}: p5_queue_over_ideal=${figures.overIdeal.toFixed(2)} with ${figures.workers} workers (wall ${(wallMs / 1000).toFixed(1)} s / ideal ${(idealMs / 1000).toFixed(0)} s); ` +
			`429s sent: ${figures.http429} (${(figures.http429 / P5.count).toFixed(2)} per task); accepted submits ${figures.accepted}; ` +
			`tasks in flight at Fotor: peak ${inFlightPeak}, mean ${figures.inFlightMean.toFixed(1)} of ${P5.cap}; per worker ${JSON.stringify(perWorker)}; ` +
			`given n8n's execution start times the best possible wall is ${(boundMs / 1000).toFixed(1)} s (p5_queue_bound_over_ideal=${(boundMs / idealMs).toFixed(2)}, p5_queue_over_bound=${(wallMs / boundMs).toFixed(2)})`,
	);
	if (process.env.FOTOR_P5_TIMELINE) {
		printTimeline(cluster, sim, submitsBefore, started, wallMs, busy ?? []);
		printStartDelays(cluster, sim, executions, started);
		if (groupsAtStart && groupsEarly && groupsAtEnd) printCpuByProcess(cluster, groupsAtStart, groupsEarly, groupsAtEnd);
	}
	return figures;
}

/**
 * Makespan of equal tasks on `slots` parallel slots when each can start no earlier than its
 * execution's start: tasks in order of start time, each on the slot free first (optimal for equal
 * task lengths).
 */
export function earliestEnd(startOffsets: number[], slots: number, taskMs: number): number {
	const freeAt = Array.from({ length: slots }, () => 0);
	for (const start of [...startOffsets].sort((a, b) => a - b)) {
		const slot = freeAt.indexOf(Math.min(...freeAt));
		freeAt[slot] = Math.max(start, freeAt[slot]) + taskMs;
	}
	return Math.max(...freeAt);
}

/**
 * Debugging aid (FOTOR_P5_TIMELINE=1): per 250 ms, submits accepted and refused, and tasks
 * unfinished at Fotor, in total and per worker (from each worker's "Fotor accepted task" log lines).
 */
function printTimeline(cluster: QueueCluster, sim: FotorSimulator, submitsBefore: number, started: number, wallMs: number, busy: number[]): void {
	const submits = sim.submits.slice(submitsBefore);
	const tasks = submits.filter((s) => s.accepted && s.taskId).map((s) => ({ id: s.taskId!, task: sim.tasks.get(s.taskId!) }));
	const workerOf = new Map(tasks.map(({ id }) => [id, cluster.workers.findIndex((w) => w.proc.output().includes(`Fotor accepted task ${id} `)) + 1]));
	for (let from = 0; from < wallMs; from += 250) {
		const to = from + 250;
		const inWindow = (at: number) => at - started >= from && at - started < to;
		const accepted = submits.filter((s) => s.accepted && inWindow(s.at)).length;
		const refused = submits.filter((s) => s.httpStatus === 429 && inWindow(s.at)).length;
		const running = tasks.filter(({ task }) => task && task.createdAt - started < to && (task.endedAt ?? task.completesAt) - started > from);
		const perWorker = cluster.workers.map((_, index) => running.filter(({ id }) => workerOf.get(id) === index + 1).length).join(' ');
		const load = busy[from / 250] === undefined ? '' : `cpu ${String(Math.round(busy[from / 250] * 100)).padStart(3)}%  `;
		console.log(`  ${(from / 1000).toFixed(2).padStart(6)} s  ${load}running ${String(running.length).padStart(2)} [${perWorker}]  ${'#'.repeat(running.length)}${accepted ? `  +${accepted}` : ''}${refused ? `  429×${refused}` : ''}`);
	}
}

/** Share of all cores busy per 250 ms (Linux /proc/stat), for the timeline. */
function sampleCpu(): { stop(): number[] } {
	const read = () => {
		const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
		const idle = fields[3] + (fields[4] ?? 0);
		return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
	};
	const shares: number[] = [];
	let last = read();
	const timer = setInterval(() => {
		const now = read();
		shares.push(1 - (now.idle - last.idle) / Math.max(1, now.total - last.total));
		last = now;
	}, 250);
	return { stop: () => (clearInterval(timer), shares) };
}

/** Per execution: n8n's start, its task's acceptance at Fotor, in ms from the P5 start (debugging aid). */
function printStartDelays(cluster: QueueCluster, sim: FotorSimulator, executions: Array<{ id: string | number; startedAt?: string }>, started: number): void {
	const logs = cluster.workers.map((w) => w.proc.output()).join('\n');
	const taskOf = new Map([...logs.matchAll(/Fotor accepted task (\S+) \(execution ([^,]+),/g)].map(([, taskId, executionId]) => [executionId, taskId]));
	const rows = executions.map((execution) => {
		const taskId = taskOf.get(String(execution.id));
		const task = taskId ? sim.tasks.get(taskId) : undefined;
		const start = execution.startedAt ? Date.parse(execution.startedAt) - started : NaN;
		const accepted = task ? task.createdAt - started : NaN;
		return { start, accepted };
	});
	rows.sort((a, b) => a.start - b.start);
	console.log(`  execution start → task accepted (ms from P5 start): ${rows.map((r) => `${r.start}→${r.accepted}`).join(' ')}`);
}

/** CPU ms used per process group (n8n process, Postgres, Redis, this harness) in P5's first 3 s and the rest (debugging aid). */
function printCpuByProcess(cluster: QueueCluster, atStart: Map<string, number>, early: Map<string, number>, atEnd: Map<string, number>): void {
	const names = new Map(cluster.processes.map((p) => [String(p.proc.child.pid), p.name]));
	names.set(String(process.pid), 'harness');
	const rows = [...atEnd.keys()]
		.map((group) => ({ name: names.get(group) ?? groupLeaderName(group), first: (early.get(group) ?? 0) - (atStart.get(group) ?? 0), rest: (atEnd.get(group) ?? 0) - (early.get(group) ?? atStart.get(group) ?? 0) }))
		.filter((r) => r.first + r.rest >= 50)
		.sort((a, b) => b.first - a.first);
	console.log(`  CPU ms by process group (first 3 s / rest): ${rows.map((r) => `${r.name} ${r.first}/${r.rest}`).join(', ')}`);
}

function groupLeaderName(group: string): string {
	if (group === '0') return 'kernel';
	try {
		return `${readFileSync(`/proc/${group}/comm`, 'utf8').trim()} (group ${group})`;
	} catch {
		return `group ${group}`;
	}
}

function cpuByProcessGroup(): Map<string, number> {
	const totals = new Map<string, number>();
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const group = fields[2];
			const ms = (Number(fields[11]) + Number(fields[12])) * 10;
			totals.set(group, (totals.get(group) ?? 0) + ms);
		} catch {
			// exited meanwhile
		}
	}
	return totals;
}
