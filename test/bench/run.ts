/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

// n8n-core reads its settings folder on import: set it before loading the harness.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'fotor-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

/**
 * `npm run bench`: measures the node (through n8n-core) against the simulator on loopback and
 * prints a table, then one JSON line of ratios. `--tiny` runs a seconds-long smoke version.
 */
const tiny = process.argv.includes('--tiny');
const SIZE = tiny
	? { items: 6, taskMs: 200, parallel: 3, cap: 3, over: 6, results: 4, resultBytes: 2 * 1024 * 1024, calls: 20, rounds: 1, executions: 8, executionCap: 2, videos: 2, videoBytes: 4 * 1024 * 1024 }
	: { items: 50, taskMs: 2000, parallel: 10, cap: 10, over: 25, results: 20, resultBytes: 20 * 1024 * 1024, calls: 500, rounds: 9, executions: 40, executionCap: 10, videos: 5, videoBytes: 100 * 1024 * 1024 };

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : Number.NaN;
};
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

async function main() {
	const { runNode } = await import('../harness/runNode');
	const { startSimulator } = await import('../simulator');
	const { request } = await import('undici');
	const { renderImage } = await import('../simulator');
	const image = renderImage({ format: 'png', width: 32, height: 24 }).toString('base64');
	const rows: Array<[string, string]> = [];

	// P3 first, in a fresh heap: peak RSS growth while the node stores large results (filesystem binary mode).
	// The simulator runs in another process so its own copies of the results do not count.
	const external = spawn(
		process.execPath,
		[...process.execArgv, join(__dirname, '..', 'simulator', 'cli.ts'), '--port', '0', '--task-ms', '50', '--result-bytes', String(SIZE.resultBytes), '--video-bytes', String(SIZE.videoBytes), '--quiet'],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const url = await new Promise<string>((resolve) => external.stdout.on('data', (chunk: Buffer) => {
		const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
		if (match) resolve(match[1]);
	}));
	const bigCredentials = { apiKey: 'sim-test-key', environment: 'custom', customBaseUrl: url, storageBaseUrl: `${url}/cdn` };
	const peakGrowth = async (run: () => Promise<void>) => {
		global.gc?.();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		await run();
		clearInterval(sampler);
		return peak - baseline;
	};
	const big = async (count: number) => {
		const result = await runNode({
			parameters: { resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: image, options: { returnMode: 'binary', parallelTasks: Number(process.env.BENCH_P3_PARALLEL ?? 5) } },
			items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
			credentials: bigCredentials,
		});
		if (result.error || result.items.length !== count) throw new Error(`large results failed: ${result.error?.message}`);
	};
	const videos = async (count: number) => {
		const result = await runNode({
			parameters: { resource: 'video', operation: 'generate', mode: 'text2video', prompt: 'a lighthouse at dusk', options: { returnMode: 'binary' } },
			items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
			credentials: bigCredentials,
		});
		if (result.error || result.items.length !== count || result.items.some((item) => item.binary?.data?.mimeType !== 'video/mp4')) {
			throw new Error(`video results failed: ${result.error?.message ?? JSON.stringify(result.items[0]?.json)}`);
		}
	};
	await big(2); // warm-up: code paths and buffers in place before the baseline
	const bigGrowth = await peakGrowth(async () => await big(SIZE.results));
	const rssRatio = bigGrowth / SIZE.resultBytes;
	rows.push([`P3 peak RSS growth, ${SIZE.results} results × ${(SIZE.resultBytes / 1024 / 1024).toFixed(0)} MB`, `${(bigGrowth / 1024 / 1024).toFixed(1)} MB`]);
	await videos(1); // warm-up of the video path
	const videoGrowth = await peakGrowth(async () => await videos(SIZE.videos));
	// P3c (issue 19, item 4): 40 executions at once, each with one 20 MB image sent inline (a 27 MB data URI),
	// queued behind the account's limiter (Fotor allows 10 tasks in flight). Bodies are built only once an item
	// has a task slot, so memory grows with the tasks in flight, not with the executions waiting.
	const inlineBytes = tiny ? 2 * 1024 * 1024 : 20 * 1024 * 1024;
	const largeImage = renderImage({ format: 'png', width: 64, height: 64, minBytes: inlineBytes });
	await request(`${url}/__sim/configure`, { method: 'POST', body: JSON.stringify({ maxInFlightPerKey: SIZE.executionCap, taskDurationMs: SIZE.taskMs / 2, retryAfterSeconds: 1 }) });
	const queuedGrowth = await peakGrowth(async () => {
		await Promise.all(
			Array.from({ length: SIZE.executions }, async (_, n) => {
				const result = await runNode({
					parameters: { resource: 'image', operation: 'upscale', imageSource: 'binary', imageBinaryProperty: 'data', options: { returnMode: 'url' } },
					items: [{ json: { n }, binary: { data: { data: largeImage, fileName: `large-${n}.png`, mimeType: 'image/png' } } }],
					credentials: bigCredentials,
				});
				if (result.error) throw new Error(`P3c execution failed: ${result.error.message}`);
			}),
		);
	});
	const inlineBody = Math.ceil(inlineBytes / 3) * 4;
	rows.push([`P3c peak RSS growth, ${SIZE.executions} queued executions × ${(inlineBytes / 1024 / 1024).toFixed(0)} MB inline images, cap ${SIZE.executionCap}`, `${(queuedGrowth / 1024 / 1024).toFixed(0)} MB`]);
	external.kill();
	rows.push([`P3b peak RSS growth, ${SIZE.videos} videos × ${(SIZE.videoBytes / 1024 / 1024).toFixed(0)} MB`, `${(videoGrowth / 1024 / 1024).toFixed(1)} MB`]);


	// P5 uses its own API key, so the limiter it shares across executions starts cold (nothing learned by P1).
	const sim = await startSimulator({ taskDurationMs: SIZE.taskMs });
	const credentials = { apiKey: 'sim-test-key', environment: 'custom', customBaseUrl: sim.url, storageBaseUrl: sim.storageBaseUrl };
	const batch = async (parallelTasks: number, count = SIZE.items) => {
		sim.reset();
		sim.configure({ taskDurationMs: SIZE.taskMs, maxInFlightPerKey: 0 });
		const started = Date.now();
		const result = await runNode({
			parameters: { resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: image, options: { parallelTasks, returnMode: 'both' } },
			items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
			credentials,
			continueOnFail: true,
		});
		return { ms: Date.now() - started, failed: result.items.filter((item) => item.json.error).length, error: result.error };
	};
	const ideal = Math.ceil(SIZE.items / SIZE.parallel) * SIZE.taskMs;

	// P1: parallel batch against the physical limit, and against sequential.
	const parallel = await batch(SIZE.parallel);
	if (parallel.error || parallel.failed) throw new Error(`parallel batch failed: ${parallel.error?.message ?? `${parallel.failed} items`}`);
	// P2 comes from the same run: when did the node fetch each result, compared with when the task ended?
	const tasks = [...sim.tasks.values()];
	const lags = tasks.map((task) => {
		const fetched = sim.requests.find((r) => r.path.includes(`/${task.taskId}.`));
		return (fetched?.at ?? Number.NaN) - task.completesAt;
	});
	const polls = tasks.map((task) => sim.requests.filter((r) => r.path === `/v1/aiart/tasks/${task.taskId}`).length);
	rows.push([`P1 ${SIZE.items} items × ${SIZE.taskMs} ms task, parallel ${SIZE.parallel}`, `${(parallel.ms / 1000).toFixed(2)} s (ideal ${(ideal / 1000).toFixed(2)} s)`]);
	rows.push(['P2 median result lag after task end', `${median(lags).toFixed(0)} ms; ${median(polls)} polls per task`]);

	const sequential = await batch(1);
	rows.push([`P1 same batch, parallel 1`, `${(sequential.ms / 1000).toFixed(2)} s`]);

	sim.reset();
	sim.configure({ taskDurationMs: SIZE.taskMs, maxInFlightPerKey: SIZE.cap, retryAfterSeconds: 1 });
	const overStarted = Date.now();
	const over = await runNode({
		parameters: { resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: image, options: { parallelTasks: SIZE.over, returnMode: 'both' } },
		items: Array.from({ length: SIZE.items }, (_, n) => ({ json: { n } })),
		credentials,
		continueOnFail: true,
	});
	const overMs = Date.now() - overStarted;
	const overFailed = over.items.filter((item) => item.json.error).length + (over.error ? SIZE.items : 0);
	const refusals = sim.submits.filter((s) => s.httpStatus === 429).length;
	rows.push([`P1 parallel ${SIZE.over} against a limit of ${SIZE.cap} in flight`, `${(overMs / 1000).toFixed(2)} s, ${overFailed} failed, ${refusals} submits refused (429)`]);

	// P5: many executions at once, one item each, sharing one API key (a pipeline firing one execution per
	// record). Every execution is its own n8n-core run; they share nothing but the node's per-account limiter.
	sim.reset();
	sim.configure({ taskDurationMs: SIZE.taskMs, maxInFlightPerKey: SIZE.executionCap, retryAfterSeconds: 1, apiKeys: ['sim-test-key', 'sim-p5-key'] });
	const p5Credentials = { ...credentials, apiKey: 'sim-p5-key' };
	const p5Started = Date.now();
	const executions = await Promise.all(
		Array.from({ length: SIZE.executions }, async (_, n) =>
			await runNode({
				parameters: { resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: image, options: { returnMode: 'url' } },
				items: [{ json: { n } }],
				credentials: p5Credentials,
			}),
		),
	);
	const p5Ms = Date.now() - p5Started;
	const p5Failed = executions.filter((execution) => execution.error || execution.items.length !== 1 || execution.items[0].json.status !== 'completed').length;
	const p5Refusals = sim.submits.filter((submit) => submit.httpStatus === 429).length;
	const p5Ideal = Math.ceil(SIZE.executions / SIZE.executionCap) * SIZE.taskMs;
	rows.push([`P5 ${SIZE.executions} executions × 1 item at once, limit ${SIZE.executionCap} in flight per key`, `${(p5Ms / 1000).toFixed(2)} s (ideal ${(p5Ideal / 1000).toFixed(2)} s), ${p5Failed} failed, ${p5Refusals} refused (429)`]);

	// P6: Max Tokens per Run. (a) A 50-item Image → Generate batch at Parallel Tasks 10 whose price the process
	// does not know yet (a fresh API key): tokens charged above the budget ÷ the price of one task. (b) The same
	// shape with a known price (the classic Upscale) and a budget never reached, against no budget: wall ratio.
	const budget = 30;
	sim.reset();
	sim.configure({ taskDurationMs: SIZE.taskMs, apiKeys: ['sim-test-key', 'p6-fresh-key'] });
	const p6Before = sim.credits.remaining;
	const p6Run = await runNode({
		parameters: { resource: 'image', operation: 'generate', prompt: 'a poster', model: 'seedream-4-5-251128', aspectRatio: '1:1', resolution: '1k', options: { returnMode: 'url', parallelTasks: SIZE.parallel, maxTokens: budget, pollInterval: 0.2 } },
		items: Array.from({ length: SIZE.items }, (_, n) => ({ json: { n } })),
		credentials: { ...credentials, apiKey: 'p6-fresh-key' },
		continueOnFail: true,
	});
	const p6Charged = p6Before - sim.credits.remaining;
	const p6Price = Number(p6Run.items.find((item) => typeof item.json.creditsIncrement === 'number')?.json.creditsIncrement ?? Number.NaN);
	rows.push([`P6 ${SIZE.items} Image → Generate items, unknown price, Max Tokens ${budget}`, `${p6Charged} tokens charged (price ${p6Price})`]);
	const upscaleBatch = async (options: Record<string, unknown>) => {
		sim.reset();
		sim.configure({ taskDurationMs: SIZE.taskMs });
		const started = Date.now();
		const result = await runNode({
			parameters: { resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: image, options: { returnMode: 'url', parallelTasks: SIZE.parallel, ...options } },
			items: Array.from({ length: SIZE.items }, (_, n) => ({ json: { n } })),
			credentials,
		});
		if (result.error) throw new Error(`P6 batch failed: ${result.error.message}`);
		return Date.now() - started;
	};
	const [withoutBudget, withBudget] = [await upscaleBatch({}), await upscaleBatch({ maxTokens: 100_000 })];
	rows.push([`P6 ${SIZE.items} Upscale items: with a budget never reached / without`, `${(withBudget / 1000).toFixed(2)} s / ${(withoutBudget / 1000).toFixed(2)} s`]);

	// P4: per-call overhead of the node (n8n-core, one execution) against the same calls made with keep-alive
	// undici, and against a bare node that only calls n8n's HTTP helper (the floor for any node, since n8n opens a
	// new connection per request). All three keep five calls in flight, as the node runs items by default (on this
	// loopback, new-connection clients measure faster in lock-step batches of five than in five lanes, so the shape
	// must match). Rounds alternate the three and the medians are compared, so a busy machine slows all alike.
	const { createReferenceNodeType } = await import('./referenceNode');
	const reference = createReferenceNodeType(sim.url);
	const getCredits = async (nodeType?: typeof reference) => {
		const result = await runNode({
			parameters: { resource: 'account', operation: 'getCredits', options: {} },
			items: Array.from({ length: SIZE.calls }, () => ({ json: {} })),
			credentials,
			nodeType,
		});
		if (result.error || result.items.length !== SIZE.calls) throw new Error(`Get Credits failed: ${result.error?.message}`);
	};
	const raw = async () => {
		let next = 0;
		const lane = async () => {
			while (next++ < SIZE.calls) await (await request(`${sim.url}/v1/credits`, { headers: { authorization: 'Bearer sim-test-key' } })).body.json();
		};
		await Promise.all(Array.from({ length: 5 }, lane));
	};
	const perCall = async (run: () => Promise<void>) => {
		const started = process.hrtime.bigint();
		await run();
		return Number(process.hrtime.bigint() - started) / 1e6 / SIZE.calls;
	};
	const p4 = { node: [] as number[], reference: [] as number[], raw: [] as number[] };
	const contenders: Array<[keyof typeof p4, () => Promise<void>]> = [
		['node', async () => await getCredits()],
		['reference', async () => await getCredits(reference)],
		['raw', raw],
	];
	for (let round = 0; round <= SIZE.rounds; round++) {
		// Each round starts with a different contender and a collected heap, so neither garbage left by the
		// previous one nor a fixed position favours any of them.
		for (let turn = 0; turn < contenders.length; turn++) {
			const [name, run] = contenders[(round + turn) % contenders.length];
			sim.reset();
			global.gc?.();
			const ms = await perCall(run);
			if (round > 0) p4[name].push(ms); // round 0 warms up
		}
	}
	const [nodePerCall, referencePerCall, rawPerCall] = [median(p4.node), median(p4.reference), median(p4.raw)];
	rows.push([`P4 Get Credits per call (${SIZE.calls} calls, 5 in flight, median of ${SIZE.rounds})`, `node ${nodePerCall.toFixed(3)} ms`]);
	rows.push(['P4   bare node on n8n\'s HTTP helper (the floor for any node)', `${referencePerCall.toFixed(3)} ms`]);
	rows.push(['P4   undici with keep-alive, no n8n', `${rawPerCall.toFixed(3)} ms`]);
	await sim.close();

	const summary = {
		p1_batch_over_ideal: round(parallel.ms / ideal),
		p1_speedup_vs_sequential: round(sequential.ms / parallel.ms, 2),
		p1_overlimit_over_ideal: round(overMs / ideal),
		p1_overlimit_failed_items: overFailed,
		p2_lag_over_task: round(median(lags) / SIZE.taskMs, 4),
		p2_polls_per_task: median(polls),
		p3_rss_over_result: round(rssRatio, 2),
		p3b_rss_over_video: round(videoGrowth / SIZE.videoBytes, 2),
		p3c_rss_over_inflight_bodies: round(queuedGrowth / (SIZE.executionCap * inlineBody), 2),
		p4_overhead_vs_raw: round(nodePerCall / rawPerCall, 2),
		p5_over_ideal: round(p5Ms / p5Ideal),
		p5_failed: p5Failed,
		p5_refusals_per_task: round(p5Refusals / SIZE.executions, 3),
		p4_overhead_vs_n8n_helper: round(nodePerCall / referencePerCall, 2),
		p4_n8n_helper_vs_raw: round(referencePerCall / rawPerCall, 2),
		p6_budget_overshoot_tasks: round(Math.max(0, p6Charged - budget) / p6Price, 2),
		p6_budget_overhead_over_ideal: round(withBudget / withoutBudget, 3),
	};
	console.log(`\nFotor node benchmark${tiny ? ' (tiny)' : ''} — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`);
	for (const [name, value] of rows) console.log(`  ${name.padEnd(64)} ${value}`);
	console.log(JSON.stringify(summary));
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
