/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const KEYS = [
	'p1_batch_over_ideal',
	'p1_speedup_vs_sequential',
	'p1_overlimit_over_ideal',
	'p1_overlimit_failed_items',
	'p2_lag_over_task',
	'p2_polls_per_task',
	'p3_rss_over_result',
	'p3b_rss_over_video',
	'p3c_rss_over_inflight_bodies',
	'p4_overhead_vs_raw',
	'p4_overhead_vs_n8n_helper',
	'p4_n8n_helper_vs_raw',
	'p5_over_ideal',
	'p5_failed',
	'p5_refusals_per_task',
	'p6_budget_overshoot_tasks',
	'p6_budget_overhead_over_ideal',
];

/** Not a timed test: it only proves `npm run bench` runs end to end (tiny sizes) and reports every ratio. */
it('the benchmark runs on a tiny size and prints every ratio', async () => {
	const root = join(__dirname, '..', '..');
	const output = await new Promise<string>((resolve, reject) =>
		execFile(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--expose-gc', join(__dirname, 'run.ts'), '--tiny'], { cwd: root, timeout: 90_000 }, (error, stdout, stderr) =>
			error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
		),
	);
	const summary = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
	expect(Object.keys(summary).sort()).toEqual([...KEYS].sort());
	for (const key of KEYS) expect(Number.isFinite(summary[key])).toBe(true);
	expect(summary.p1_overlimit_failed_items).toBe(0);
	expect(summary.p5_failed).toBe(0);
}, 120_000);
