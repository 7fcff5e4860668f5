/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { startSimulator, type FotorSimulator } from '../simulator';
import { runExamples } from '../e2e/lib/examples';
import { progress } from '../e2e/lib/log';
import { startN8n, type N8nInstance } from '../e2e/lib/n8n';
import { buildAndPack, REPO_ROOT } from '../e2e/lib/pack';
import { ensureN8n, N8N_VERSIONS } from '../e2e/lib/runtime';

/**
 * `npm run demo`: the package working inside a real n8n, without a Fotor key. Builds and packs
 * it, starts the Fotor simulator and n8n 2.x with the package installed, runs every example
 * workflow and writes the images and videos to demo-output/. With FOTOR_API_KEY set, the real Fotor API
 * is used instead of the simulator (this spends tokens).
 */
async function main() {
	const outputDir = join(REPO_ROOT, 'demo-output');
	const inputDir = join(outputDir, 'input');
	rmSync(outputDir, { recursive: true, force: true });
	mkdirSync(inputDir, { recursive: true });

	const realKey = process.env.FOTOR_API_KEY;
	let sim: FotorSimulator | undefined;
	let n8n: N8nInstance | undefined;
	try {
		const runtime = ensureN8n(N8N_VERSIONS.v2);
		const tarball = buildAndPack();
		if (!realKey) {
			sim = await startSimulator({ taskDurationMs: 1500 });
			progress(`Fotor simulator on ${sim.url}`);
		} else {
			progress('FOTOR_API_KEY is set: using the real Fotor production API (tokens will be spent)');
		}
		n8n = await startN8n(runtime, tarball, { fileAccess: [outputDir] });
		const data = sim
			? { apiKey: 'sim-test-key', environment: 'custom', customBaseUrl: sim.url, storageBaseUrl: sim.storageBaseUrl }
			: { apiKey: realKey, environment: 'production' };
		const credential = await n8n.api<{ id: string; name: string }>('POST', '/credentials', { name: 'Fotor API', type: 'fotorApi', data });
		progress('credential "Fotor API" created; importing and running the example workflows');
		const results = await runExamples(n8n, sim, credential, { inputDir, outputDir });

		const width = (values: string[]) => Math.max(...values.map((value) => value.length)) + 2;
		const [workflowWidth, operationsWidth] = [width(['workflow', ...results.map((r) => r.workflow)]), width(['operation(s)', ...results.map((r) => r.operations)])];
		console.log(`\n${'workflow'.padEnd(workflowWidth)}${'operation(s)'.padEnd(operationsWidth)}${'status'.padEnd(9)}${'time'.padEnd(8)}files`);
		for (const r of results) {
			console.log(`${r.workflow.padEnd(workflowWidth)}${r.operations.padEnd(operationsWidth)}${r.status.padEnd(9)}${`${(r.ms / 1000).toFixed(1)} s`.padEnd(8)}${r.files.join(', ') || '-'}`);
		}
		console.log(`\nResults (images and videos) are in ${outputDir}`);
		if (results.some((r) => r.status !== 'success')) process.exitCode = 1;
	} finally {
		progress('stopping n8n and the simulator');
		await n8n?.stop();
		await sim?.close();
	}
}

void main();
