import type { MainClient, QueueCluster } from './cluster';
import { sleep } from './procs';

/** n8n's executions as the queue suites read them (public API on main). */

interface BinaryRef {
	id?: string;
	mimeType?: string;
	fileName?: string;
}
export interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryRef>;
}
export interface Execution {
	id: string | number;
	mode: string;
	status: string;
	finished: boolean;
	startedAt?: string;
	stoppedAt?: string | null;
	data?: {
		resultData?: {
			error?: { message?: string; description?: string };
			runData?: Record<string, Array<{ data?: { main: Item[][] }; error?: { message?: string } }>>;
		};
	};
}

export const TERMINAL = new Set(['success', 'error', 'canceled', 'crashed']);

/** Which worker logged "Worker started execution <id>" (empty when none did). */
export function workersThatRan(cluster: QueueCluster, executionId: string | number): string[] {
	const line = `Worker started execution ${executionId} (`;
	return cluster.workers.filter((w) => w.proc.output().includes(line)).map((w) => w.name);
}

export async function getExecution(cluster: QueueCluster, id: string | number): Promise<Execution> {
	return await cluster.main.api<Execution>('GET', `/executions/${id}?includeData=true`);
}

export async function waitForExecutionEnd(cluster: QueueCluster, id: string | number, timeoutMs: number): Promise<Execution> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await getExecution(cluster, id);
		if (TERMINAL.has(execution.status)) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${id} still ${execution.status} after ${timeoutMs / 1000} s`);
		await sleep(250);
	}
}

/** Executions of a workflow (newest first), optionally waiting until `count` of them exist. */
export async function listExecutions(cluster: QueueCluster, workflowId: string, count = 1, timeoutMs = 30_000, status?: string): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await cluster.main.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&limit=250${status ? `&status=${status}` : ''}`);
		if (list.data.length >= count) return list.data;
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${list.data.length} execution(s) after ${timeoutMs / 1000} s, want ${count}`);
		await sleep(200);
	}
}

export function errorOf(execution: Execution): string {
	const result = execution.data?.resultData;
	const nodeErrors = Object.entries(result?.runData ?? {}).flatMap(([node, runs]) => runs.filter((r) => r.error).map((r) => `${node}: ${r.error?.message}`));
	return [result?.error?.message, result?.error?.description, ...nodeErrors].filter(Boolean).join(' | ') || '(no error recorded)';
}

/** Publishes a workflow (n8n 2.x: /publish); its webhooks register asynchronously. */
export async function publishWorkflow(main: MainClient, workflowId: string): Promise<void> {
	await main.api('POST', `/workflows/${workflowId}/publish`);
}
