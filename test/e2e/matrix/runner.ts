/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/require-node-api-error */
import { startSimulator, type FotorSimulator } from '../../simulator';
import { progress } from '../lib/log';
import { startN8n } from '../lib/n8n';
import type { Runtime } from '../lib/runtime';
import type { Suite } from '../lib/suite';
import { noAuthorizationOutsideFotor, noDuplicateBillableSubmit, within, type CellResult, type Check, type DataMode } from './assertions';
import { API_KEY, runCell, type Env } from './actions';
import { CELLS, type Cell } from './cells';
import { OutsideWorld } from './servers';
import type { BinaryMode } from './workflows';

/** One line of the report: a cell run under one combination of settings. */
export interface CellOutcome {
	name: string;
	passed: boolean | 'skipped';
	ms: number;
	failures: string[];
	notes: string[];
}

/**
 * Which binary data modes a line supports, and the environment that selects one.
 * 2.x: N8N_DEFAULT_BINARY_DATA_MODE ∈ default|filesystem|s3|azure|database, available by default:
 *   filesystem, s3, database (n8n-core 2.41.1 dist/binary-data/binary-data.config.js).
 * 1.x: the same variable, but "database" must also be listed in N8N_AVAILABLE_BINARY_DATA_MODES
 *   (default "filesystem"; n8n 1.123.81 dist/commands/base-command.js initBinaryDataService).
 */
export function dataModeEnv(line: string, mode: DataMode): Record<string, string> {
	if (mode === 'filesystem') return { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' };
	return line === '1'
		? { N8N_DEFAULT_BINARY_DATA_MODE: 'database', N8N_AVAILABLE_BINARY_DATA_MODES: 'filesystem,database' }
		: { N8N_DEFAULT_BINARY_DATA_MODE: 'database' };
}

/** Why a combination does not exist on a line (undefined: it runs). */
export function unsupported(line: string, binaryMode: BinaryMode): string | undefined {
	if (line === '1' && binaryMode === 'combined') {
		return 'n8n 1.x has no workflow "Binary Mode" setting (no settings.binaryMode / BINARY_MODE_COMBINED in n8n-workflow 1.120)';
	}
	return undefined;
}

/** Runs every check (not only up to the first failure), so a cell reports all of what is wrong. */
async function judge(cell: Cell, result: CellResult): Promise<string[]> {
	const checks: Check[] = [...cell.checks, noAuthorizationOutsideFotor, within(cell.maxMs)];
	if (!cell.allowDuplicateSubmits) checks.push(noDuplicateBillableSubmit);
	const failures: string[] = [];
	for (const check of checks) {
		try {
			await check(result);
		} catch (error) {
			failures.push(error instanceof Error ? error.message : String(error));
		}
	}
	return failures;
}

async function startEnv(runtime: Runtime, tarball: string, line: string, dataMode: DataMode, sim: FotorSimulator, world: OutsideWorld): Promise<Env> {
	const n8n = await startN8n(runtime, tarball, { env: dataModeEnv(line, dataMode) });
	const credential = await n8n.api<{ id: string; name: string }>('POST', '/credentials', {
		name: 'Fotor simulator (matrix)',
		type: 'fotorApi',
		data: {
			apiKey: API_KEY,
			environment: 'custom',
			customBaseUrl: sim.url,
			storageBaseUrl: world.cdnUrl,
			// n8n 1.1xx adds a domain allow-list to every credential and its public API requires the field.
			...(line === '1' && { allowedHttpRequestDomains: 'all' }),
		},
	});
	return { n8n, sim, world, credential: { id: credential.id, name: credential.name }, line, dataMode };
}

const cellsFor = (line: string, dataMode: DataMode) =>
	CELLS.filter((cell) => (!cell.lines || cell.lines.includes(line)) && (cell.on?.dataModes ?? ['filesystem']).includes(dataMode));

/**
 * The whole matrix on one n8n line: one n8n process per binary data mode (the packed package
 * installed as a community package), cells run one after another.
 */
export async function runMatrix(suite: Suite, runtime: Runtime, tarball: string, options: { only?: RegExp } = {}): Promise<CellOutcome[]> {
	const line = runtime.n8nVersion.split('.')[0];
	const outcomes: CellOutcome[] = [];
	const lineStarted = Date.now();
	console.log(`settings matrix on n8n ${runtime.n8nVersion}`);
	for (const dataMode of ['filesystem', 'database'] as DataMode[]) {
		const label = (cell: Cell, binaryMode: BinaryMode) => `${cell.id} [${dataMode}, ${binaryMode}]`;
		const runs = cellsFor(line, dataMode).flatMap((cell) =>
			(cell.on?.binaryModes ?? ['separate']).filter((mode) => !options.only || options.only.test(label(cell, mode))).map((binaryMode) => ({ cell, binaryMode })),
		);
		if (!runs.length) continue;
		const sim = await startSimulator({ taskDurationMs: 300 });
		const world = await OutsideWorld.start(sim);
		let env: Env | undefined;
		try {
			for (const { cell, binaryMode } of runs) {
				const name = `[n8n ${runtime.n8nVersion}] matrix ${label(cell, binaryMode)}`;
				const reason = unsupported(line, binaryMode);
				if (reason) {
					suite.skip(name, reason);
					outcomes.push({ name, passed: 'skipped', ms: 0, failures: [reason], notes: [] });
					continue;
				}
				env ??= await startEnv(runtime, tarball, line, dataMode, sim, world);
				const current = env;
				const outcome: CellOutcome = { name, passed: false, ms: 0, failures: [], notes: [] };
				await suite.check(name, async () => {
					const observed = await runCell(current, cell, binaryMode).catch((error: unknown) => {
						const crashed = current.n8n.running() ? '' : `\nn8n exited during this cell; log tail:\n${current.n8n.log().slice(-2500)}`;
						outcome.failures = [`could not run: ${error instanceof Error ? error.message : String(error)}${crashed}`];
						throw new Error(outcome.failures[0]);
					});
					outcome.ms = observed.ms;
					outcome.failures = await judge(cell, observed);
					outcome.notes = observed.notes;
					for (const note of observed.notes) console.log(`      note: ${note}`);
					if (process.env.MATRIX_DEBUG) {
						const { simRequests, seen, outputs, errorText } = observed;
						console.log(JSON.stringify({ simRequests, seen, submits: observed.submits.map((x) => ({ ...x, body: undefined })), outputs, errorText }, null, 1).slice(0, 6000));
						const log = current.n8n.log();
						console.log(log.slice(log.indexOf('Owner was set up')).slice(-3000));
					}
					if (outcome.failures.length) throw new Error(`${cell.spec}\n${outcome.failures.map((f) => `- ${f}`).join('\n')}`);
					outcome.passed = true;
				});
				outcomes.push(outcome);
				if (!current.n8n.running()) {
					// A crash fails the cell that caused it; the rest of the matrix gets a fresh n8n.
					progress(`n8n exited during ${cell.id}; starting a new one`);
					await current.n8n.stop();
					env = undefined;
				}
			}
		} catch (error) {
			await suite.check(`[n8n ${runtime.n8nVersion}] matrix start-up (${dataMode})`, async () => {
				throw error;
			});
		} finally {
			await env?.n8n.stop();
			await world.close();
			await sim.close();
		}
	}
	const passed = outcomes.filter((o) => o.passed === true).length;
	const failed = outcomes.filter((o) => o.passed === false).length;
	progress(`matrix on n8n ${runtime.n8nVersion}: ${passed} passed, ${failed} failed, ${outcomes.length - passed - failed} skipped in ${Math.round((Date.now() - lineStarted) / 1000)} s`);
	return outcomes;
}
