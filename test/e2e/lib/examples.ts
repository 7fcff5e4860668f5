/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { renderImage, type FotorSimulator } from '../../simulator';
import { progress } from './log';
import { publishWorkflow, waitUntilRegistered, type N8nInstance } from './n8n';
import { REPO_ROOT } from './pack';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const PLACEHOLDER_CREDENTIAL = 'REPLACE_WITH_YOUR_FOTOR_CREDENTIAL_ID';

export interface ExampleResult {
	workflow: string;
	operations: string;
	status: string;
	files: string[];
	ms: number;
	/** JSON of the items the workflow's last node returned. */
	lastOutput: Array<Record<string, unknown>>;
}

interface WorkflowFile {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; webhookId?: string; credentials?: Record<string, unknown> }>;
	connections: unknown;
	settings?: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sample inputs the examples read: product photos and an old photo. */
function writeInputs(inputDir: string) {
	mkdirSync(join(inputDir, 'products'), { recursive: true });
	for (const [index, name] of ['sneaker', 'handbag', 'mug'].entries()) {
		writeFileSync(join(inputDir, 'products', `${name}.jpg`), renderImage({ format: 'jpeg', width: 320 + index * 40, height: 240, seed: index }));
	}
	writeFileSync(join(inputDir, 'old-photo.jpg'), renderImage({ format: 'jpeg', width: 300, height: 200, seed: 9 }));
}

/** An example as shipped, pointed at this run's credential, folders and a loopback-only trigger. */
function prepare(file: string, credential: { id: string; name: string }, inputDir: string, outputDir: string): WorkflowFile {
	const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8')
		.split(PLACEHOLDER_CREDENTIAL).join(credential.id)
		.split('/tmp/fotor/input').join(inputDir)
		.split('/tmp/fotor/output').join(outputDir);
	const workflow = JSON.parse(text) as WorkflowFile;
	for (const node of workflow.nodes) {
		if (node.type.endsWith('.fotorTrigger')) {
			node.parameters.security = { allowedIps: '127.0.0.1' };
			node.webhookId = `${node.webhookId}-${Date.now().toString(36)}`.slice(0, 36);
		}
	}
	return workflow;
}

const listFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
	);

async function waitForExecution(n8n: N8nInstance, query: string, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const list = await n8n.api<{ data: Array<{ id: string; status?: string; finished?: boolean; stoppedAt?: string | null }> }>('GET', `/executions?${query}`);
		const done = list.data.find((execution) => execution.stoppedAt);
		if (done) return done;
		await sleep(300);
	}
	throw new Error(`no finished execution for ${query} within ${timeoutMs / 1000} s`);
}

/** The JSON of the items the last node of an execution returned. */
async function lastOutput(n8n: N8nInstance, executionId: string): Promise<Array<Record<string, unknown>>> {
	type RunData = Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;
	const detail = await n8n.api<{ data?: { resultData?: { lastNodeExecuted?: string; runData?: RunData } } }>('GET', `/executions/${executionId}?includeData=true`);
	const result = detail.data?.resultData;
	const runs = result?.runData?.[result.lastNodeExecuted ?? ''] ?? [];
	return (runs.at(-1)?.data?.main?.[0] ?? []).map((item) => item.json);
}

/**
 * Imports every example into a running n8n (2.x REST API) and runs it: manual workflows through
 * the editor's run endpoint, the trigger workflow through the simulator's account webhook.
 */
export async function runExamples(
	n8n: N8nInstance,
	sim: FotorSimulator | undefined,
	credential: { id: string; name: string },
	dirs: { inputDir: string; outputDir: string },
): Promise<ExampleResult[]> {
	writeInputs(dirs.inputDir);
	mkdirSync(join(dirs.outputDir, 'products'), { recursive: true });
	const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();
	const results: ExampleResult[] = [];
	const created = new Map<string, { id: string; workflow: WorkflowFile }>();
	for (const file of files) {
		const workflow = prepare(file, credential, dirs.inputDir, dirs.outputDir);
		const { id } = await n8n.api<{ id: string }>('POST', '/workflows', { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings ?? {} });
		created.set(file, { id, workflow });
	}

	const trigger = [...created.entries()].find(([, { workflow }]) => workflow.nodes.some((n) => n.type.endsWith('.fotorTrigger')));
	let triggerUrl: string | undefined;
	if (trigger && sim) {
		const [, { id, workflow }] = trigger;
		await publishWorkflow(n8n, id);
		const webhookId = workflow.nodes.find((n) => n.type.endsWith('.fotorTrigger'))?.webhookId;
		const url = `${n8n.baseUrl}/webhook/${webhookId}/fotor`;
		await waitUntilRegistered(url);
		triggerUrl = url;
	}
	const before = new Set(listFiles(dirs.outputDir));

	for (const [file, { id, workflow }] of created) {
		if (file === trigger?.[0]) continue;
		const started = Date.now();
		const existing = new Set(listFiles(dirs.outputDir));
		// The account webhook is switched on only for the submit-only workflow it pairs with.
		const submitOnly = workflow.nodes.some((n) => n.type.endsWith('.fotor') && n.parameters.waitForCompletion === false);
		if (submitOnly && sim && triggerUrl) sim.configure({ webhookUrl: triggerUrl });
		progress(`running example ${file}`);
		const full = await n8n.api<Record<string, unknown>>('GET', `/workflows/${id}`);
		const manual = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name ?? 'Manual Trigger';
		await n8n.rest('POST', `/workflows/${id}/run`, { workflowData: full, triggerToStartFrom: { name: manual } });
		const execution = await waitForExecution(n8n, `workflowId=${id}`);
		results.push({
			lastOutput: await lastOutput(n8n, execution.id),
			workflow: file,
			operations: workflow.nodes.filter((n) => n.type.endsWith('.fotor')).map((n) => `${n.parameters.resource}.${n.parameters.operation}`).join(' → '),
			status: execution.status ?? (execution.finished ? 'success' : 'error'),
			files: listFiles(dirs.outputDir).filter((f) => !existing.has(f) && !f.includes('webhook-')).map((f) => relative(REPO_ROOT, f)),
			ms: Date.now() - started,
		});
	}

	if (trigger && sim) {
		const [file, { id }] = trigger;
		const started = Date.now();
		const execution = await waitForExecution(n8n, `workflowId=${id}`, 60_000);
		await sleep(200);
		results.push({
			lastOutput: await lastOutput(n8n, execution.id),
			workflow: file,
			operations: 'fotorTrigger (webhook)',
			status: execution.status ?? 'success',
			files: listFiles(dirs.outputDir).filter((f) => !before.has(f) && f.includes('webhook-')).map((f) => relative(REPO_ROOT, f)),
			ms: Date.now() - started,
		});
		sim.configure({ webhookUrl: '' });
	}
	return results;
}
