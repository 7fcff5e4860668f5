/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
import { buildAndPack } from '../lib/pack';
import { ensureN8n, N8N_VERSIONS } from '../lib/runtime';
import { Suite } from '../lib/suite';
import { runMatrix, type CellOutcome } from './runner';

/**
 * The settings matrix alone: `npx tsx test/e2e/matrix/run.ts [2|1|<version>…] [--only <regexp on "cell-id [dataMode, binaryMode]">]`.
 * `npm run test:e2e` runs it after the other scenarios of each line.
 */
async function main() {
	const args = process.argv.slice(2);
	const onlyAt = args.indexOf('--only');
	const only = onlyAt >= 0 ? new RegExp(args[onlyAt + 1]) : undefined;
	const wanted = args.filter((arg, i) => arg !== '--only' && !(onlyAt >= 0 && i === onlyAt + 1));
	const versions = (wanted.length ? wanted : ['2', '1']).map((v) => (v === '2' ? N8N_VERSIONS.v2 : v === '1' ? N8N_VERSIONS.v1 : v));
	const suite = new Suite();
	const tarball = buildAndPack();
	const all: CellOutcome[] = [];
	for (const version of versions) all.push(...(await runMatrix(suite, ensureN8n(version), tarball, { only })));
	console.log('\nmatrix summary');
	for (const outcome of all) {
		const mark = outcome.passed === 'skipped' ? '-' : outcome.passed ? '✓' : '✕';
		console.log(`${mark} ${outcome.name} (${outcome.ms} ms)${outcome.notes.length ? ` — ${outcome.notes.join('; ')}` : ''}`);
	}
	console.log(suite.summary());
	process.exit(suite.failed ? 1 : 0);
}

void main();
