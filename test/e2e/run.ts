/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console, @n8n/community-nodes/require-node-api-error */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSimulator } from '../simulator';
import { startN8n } from './lib/n8n';
import { buildAndPack, REPO_ROOT } from './lib/pack';
import { ensureN8n, N8N_VERSIONS, type Runtime } from './lib/runtime';
import { Suite } from './lib/suite';
import { runMatrix } from './matrix/runner';
import { runScenarios } from './scenarios';

/**
 * End-to-end tests on real n8n: `npm run test:e2e` (both lines), or `-- 2` / `-- 1` for one.
 * The packed package is installed as n8n installs community packages; Fotor is the simulator.
 * After the scenarios of a line, the settings matrix (test/e2e/matrix) runs on the same line
 * with its own n8n processes (one per binary data mode); E2E_SKIP_MATRIX=1 leaves it out.
 */
async function main() {
	const wanted = process.argv.slice(2);
	const versions = wanted.length ? wanted.map((v) => (v in N8N_VERSIONS ? N8N_VERSIONS[`v${v}` as keyof typeof N8N_VERSIONS] : v)) : [N8N_VERSIONS.v2, N8N_VERSIONS.v1];
	const suite = new Suite();
	const tarball = buildAndPack();
	const triggerAvailable = existsSync(join(REPO_ROOT, 'nodes', 'FotorTrigger', 'FotorTrigger.node.ts'));
	for (const version of versions.map((v) => (v === '2' ? N8N_VERSIONS.v2 : v === '1' ? N8N_VERSIONS.v1 : v))) {
		console.log(`n8n ${version}`);
		const sim = await startSimulator({ taskDurationMs: 300 });
		const filesDir = mkdtempSync(join(tmpdir(), 'fotor-e2e-files-'));
		let n8n;
		let runtime: Runtime | undefined;
		try {
			runtime = ensureN8n(version);
			n8n = await startN8n(runtime, tarball, { fileAccess: [filesDir] });
			await runScenarios(suite, n8n, sim, triggerAvailable, filesDir);
		} catch (error) {
			await suite.check(`[n8n ${version}] start-up`, async () => {
				throw error;
			});
		} finally {
			await n8n?.stop();
			await sim.close();
			rmSync(filesDir, { recursive: true, force: true });
		}
		if (runtime && !process.env.E2E_SKIP_MATRIX) await runMatrix(suite, runtime, tarball);
	}
	console.log(suite.summary());
	process.exit(suite.failed ? 1 : 0);
}

void main();
