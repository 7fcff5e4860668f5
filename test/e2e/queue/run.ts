/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console */
import { dirname } from 'node:path';

import { startSimulator, type FotorSimulator } from '../../simulator';
import { progress } from '../lib/log';
import { buildAndPack } from '../lib/pack';
import { ensureN8n, N8N_VERSIONS } from '../lib/runtime';
import { expect, Suite } from '../lib/suite';
import { startQueueCluster, WORKER_CONCURRENCY, type QueueCluster } from './cluster';
import { releaseReaper, removeTempDirs, trackTempDir, type StopResult } from './procs';
import { runQueueDrills } from './drills';
import { checkQueueP5, P5, simulatorCredential, type P5Figures } from './p5';
import { runQueueScenarios } from './scenarios';
import { startPostgres, startRedis, type Postgres, type Service } from './services';

/**
 * Queue-mode end-to-end suite: `npx tsx test/e2e/queue/run.ts`.
 * Redis + PostgreSQL (throwaway, installed with apt when missing), n8n 2.41.1 as one main, two
 * workers and one webhook processor, each with the packed package in its user folder; Fotor is
 * the simulator. Exit code 0 = every check passed.
 *
 * FOTOR_E2E_TARBALL=<path.tgz> uses an already packed package instead of building one.
 * `--p5-only` skips scenarios a–d and the drills and runs P5 FOTOR_P5_REPEAT times (default 1)
 * with 2 workers, then with 4 (FOTOR_P5_TIMELINE=1 prints each run's timeline, when n8n started
 * each execution and when Fotor accepted its task, and the CPU each process used).
 * FOTOR_QUEUE_CONCURRENCY=n sets the workers' concurrency (default 20); FOTOR_WORKER_NODE_OPTIONS
 * passes Node.js options to the workers (e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile them).
 */
const P5_ONLY = process.argv.includes('--p5-only');
const P5_REPEAT = Math.max(1, Number(process.env.FOTOR_P5_REPEAT ?? 1));
async function main() {
	const suite = new Suite();
	const timings: Array<[string, number]> = [];
	const timed = async <T>(label: string, body: () => Promise<T> | T): Promise<T> => {
		const started = Date.now();
		try {
			return await body();
		} finally {
			timings.push([label, Date.now() - started]);
		}
	};
	const suiteStarted = Date.now();
	let sim: FotorSimulator | undefined;
	let redis: Service | undefined;
	let pg: Postgres | undefined;
	let cluster: QueueCluster | undefined;
	const figures: P5Figures[] = [];
	let killedByDrills = new Set<string>();

	console.log(`n8n ${N8N_VERSIONS.v2}, queue mode: main + 2 workers (4 for the last P5; concurrency ${WORKER_CONCURRENCY}) + webhook processor`);
	try {
		await suite.check('[queue] start-up: Redis, PostgreSQL, main, 2 workers and the webhook processor with the packed package', async () => {
			const tarball = await timed('build + pack', () => {
				const given = process.env.FOTOR_E2E_TARBALL;
				if (given) return given;
				const packed = buildAndPack();
				trackTempDir(dirname(packed));
				return packed;
			});
			const runtime = await timed(`n8n ${N8N_VERSIONS.v2} runtime (cached after the first run)`, () => ensureN8n(N8N_VERSIONS.v2));
			sim = await startSimulator({ taskDurationMs: 300 });
			redis = await timed('redis-server', startRedis);
			pg = await timed('PostgreSQL cluster + database', startPostgres);
			const started = Date.now();
			cluster = await startQueueCluster(runtime, tarball, redis, pg, 2);
			timings.push(['n8n processes (main, then workers + webhook together)', Date.now() - started]);
			for (const p of cluster.processes) timings.push([`  ${p.name} ready`, p.readyMs]);
			expect(cluster.workers.length === 2, `${cluster.workers.length} workers`);
		});
		if (cluster && sim && pg && P5_ONLY) {
			const ref = await simulatorCredential(cluster, sim);
			for (let run = 1; run <= P5_REPEAT; run++) figures.push(...[await checkQueueP5(suite, cluster, sim, `e${run}`, ref)].filter((f) => f !== undefined));
		} else if (cluster && sim && pg) {
			const scenariosStarted = Date.now();
			const twoWorkers = await runQueueScenarios(suite, cluster, sim, pg);
			if (twoWorkers) figures.push(twoWorkers);
			timings.push(['scenarios a–e', Date.now() - scenariosStarted]);
			const drillsStarted = Date.now();
			if (redis) killedByDrills = await runQueueDrills(suite, cluster, sim, redis);
			timings.push(['fault drills', Date.now() - drillsStarted]);
		}
		if (cluster && sim) {
			// g. P5 again with four live workers (a drill may have killed one).
			const live = cluster.workers.filter((worker) => worker.proc.running).length;
			await timed(`${4 - live} more workers`, async () => await cluster?.addWorkers(4 - live));
			const ref = await simulatorCredential(cluster, sim, 'Fotor simulator (4 workers)');
			for (let run = 1; run <= (P5_ONLY ? P5_REPEAT : 1); run++) figures.push(...[await checkQueueP5(suite, cluster, sim, `g${run}`, ref)].filter((f) => f !== undefined));
		}
	} catch (error) {
		await suite.check('[queue] scenarios ran to the end', async () => {
			throw error;
		});
	} finally {
		const stopStarted = Date.now();
		await suite.check('[queue] f. every process stops cleanly (SIGTERM), then Redis and PostgreSQL; temp dirs removed', async () => {
			const results: StopResult[] = [];
			const problems: string[] = [];
			if (cluster) results.push(...(await cluster.stop(30_000)));
			if (redis) results.push(await redis.stop());
			if (pg) results.push(await pg.stop());
			await sim?.close();
			for (const r of results) {
				console.log(`      stopped ${r.name} in ${r.ms} ms (exit ${r.code ?? r.signal})`);
				if (killedByDrills.has(r.name)) continue; // killed with -9 by a drill on purpose
				// The execution lost with that worker never ends, so the webhook processor that started it
				// waits for it until its graceful-shutdown timeout and exits with 1 (n8n's behaviour).
				if (killedByDrills.size && r.name === 'webhook' && r.code === 1 && !r.killed) continue;
				if (r.killed) problems.push(`${r.name} did not exit within the timeout and was killed`);
				else if (r.code !== 0) problems.push(`${r.name} exited with ${r.code ?? r.signal}`);
				if (r.orphans) problems.push(`${r.name} left processes in its group behind`);
			}
			const left = removeTempDirs();
			if (left.length) problems.push(`temp dirs left: ${left.join(', ')}`);
			expect(problems.length === 0, problems.join('\n'));
		});
		timings.push(['shutdown', Date.now() - stopStarted]);
	}

	console.log('\nTimings:');
	for (const [label, ms] of timings) console.log(`  ${label.padEnd(58)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
	console.log(`  ${'total'.padEnd(58)} ${((Date.now() - suiteStarted) / 1000).toFixed(1).padStart(6)} s`);
	if (figures.length) {
		console.log(`\nP5 through queue mode (${P5.count} one-item executions, 2 s tasks, in-flight cap ${P5.cap} per key):`);
		for (const f of figures) {
			console.log(`  ${f.workers} workers: p5_queue_over_ideal=${f.overIdeal.toFixed(2)}  (wall ${(f.wallMs / 1000).toFixed(2)} s / ideal ${(f.idealMs / 1000).toFixed(0)} s)`);
			console.log(
				`    p5_queue_bound_over_ideal=${(f.boundMs / f.idealMs).toFixed(2)}  p5_queue_over_bound=${(f.wallMs / f.boundMs).toFixed(2)}  (best possible wall given n8n's execution start times: ${(f.boundMs / 1000).toFixed(2)} s)`,
			);
			console.log(`    p5_queue_refusals_per_task=${(f.http429 / P5.count).toFixed(2)}  (429s sent: ${f.http429}, submits: ${f.submits}, accepted: ${f.accepted})`);
			console.log(`    p5_queue_in_flight_peak=${f.inFlightPeak}  p5_queue_in_flight_mean=${f.inFlightMean.toFixed(1)}  p5_queue_failed=${f.failed}  per worker: ${JSON.stringify(f.perWorker)}`);
		}
	}
	console.log(suite.summary());
	releaseReaper();
	process.exit(suite.failed ? 1 : 0);
}

void main().catch((error) => {
	progress(`queue suite crashed: ${(error as Error).stack ?? String(error)}`);
	process.exit(1);
});
