/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/** How the matrix drives a running n8n: create, run, stop and read executions (REST and public API). */
import { request } from 'undici';

import { probeImage, type ImageInfo } from '../../simulator';
import { publishWorkflow, waitUntilRegistered, type N8nInstance } from '../lib/n8n';
import type { BuiltWorkflow } from './workflows';

export interface OutputItem {
	json: Record<string, unknown>;
	binary?: Record<string, { id?: string; data?: string; mimeType?: string; fileName?: string }>;
	pairedItem?: unknown;
}

export interface ExecutionRecord {
	id: string;
	status?: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string | null;
	data?: {
		resultData?: {
			error?: { message?: string; description?: string };
			runData?: Record<string, Array<{ error?: { message?: string; description?: string }; data?: { main?: Array<OutputItem[] | null> } }>>;
		};
	};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Workflows are created through the editor's REST API, not the public one: the public API drops
 * `settings.binaryMode` ("any value sent when creating or updating a workflow is ignored",
 * n8n 2.41.1 dist/public-api/v1/openapi.yml and @n8n/api-types base-workflow-public.dto.js).
 */
export async function createWorkflow(n8n: N8nInstance, workflow: BuiltWorkflow): Promise<string> {
	const created = await n8n.rest<{ id: string }>('POST', '/workflows', workflow);
	return created.id;
}

/**
 * Runs a workflow as the editor's "Execute workflow" button does: POST /rest/workflows/:id/run with
 * the trigger to start from (2.x reads the stored workflow, 1.x the `workflowData` sent along).
 */
export async function runManually(n8n: N8nInstance, workflowId: string): Promise<string> {
	const workflowData = await n8n.rest<Record<string, unknown>>('GET', `/workflows/${workflowId}`);
	const result = await n8n.rest<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/workflows/${workflowId}/run`, {
		workflowData,
		triggerToStartFrom: { name: 'Manual Trigger' },
	});
	if (!result?.executionId) throw new Error(`manual run returned no execution ID: ${JSON.stringify(result)}`);
	return result.executionId;
}

export async function getExecution(n8n: N8nInstance, executionId: string): Promise<ExecutionRecord> {
	return await n8n.api<ExecutionRecord>('GET', `/executions/${executionId}?includeData=true`);
}

export const isDone = (execution: ExecutionRecord) => Boolean(execution.stoppedAt) && execution.status !== 'running' && execution.status !== 'new';

/** Polls until the execution has ended (stoppedAt set); returns it with its data. */
export async function waitForExecution(n8n: N8nInstance, executionId: string, timeoutMs = 60_000): Promise<ExecutionRecord> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await getExecution(n8n, executionId).catch(() => undefined);
		if (execution && isDone(execution)) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${executionId} did not end within ${timeoutMs / 1000} s (status ${execution?.status})`);
		await sleep(100);
	}
}

/** The newest execution of a workflow, once one exists (trigger and webhook runs). */
export async function waitForWorkflowExecution(n8n: N8nInstance, workflowId: string, options: { done: boolean; timeoutMs?: number }): Promise<ExecutionRecord> {
	const deadline = Date.now() + (options.timeoutMs ?? 30_000);
	for (;;) {
		const list = await n8n.api<{ data: ExecutionRecord[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=5`).catch(() => ({ data: [] }));
		const found = list.data.find((execution) => !options.done || isDone(execution));
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`no ${options.done ? 'finished ' : ''}execution of workflow ${workflowId} within ${(options.timeoutMs ?? 30_000) / 1000} s`);
		await sleep(100);
	}
}

/** Publishes (2.x) or activates (1.x) a webhook-started workflow and waits until its URL answers. */
export async function publishAndWait(n8n: N8nInstance, workflowId: string, url: string, probeBody?: string): Promise<void> {
	await publishWorkflow(n8n, workflowId);
	await waitUntilRegistered(url, probeBody);
}

/** The editor's Stop button: POST /rest/executions/:id/stop. */
export async function stopExecution(n8n: N8nInstance, executionId: string): Promise<unknown> {
	return await n8n.rest('POST', `/executions/${executionId}/stop`);
}

/** Output items of one node's last run, per output branch (main[0] = success, main[1] = error output). */
export function nodeOutputs(execution: ExecutionRecord, nodeName: string): OutputItem[][] | undefined {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	const main = runs?.[runs.length - 1]?.data?.main;
	return main?.map((branch) => branch ?? []);
}

/** The error text n8n shows for a failed execution: message and description, workflow and node level. */
export function executionErrorText(execution: ExecutionRecord, nodeName: string): string {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	const errors = [execution.data?.resultData?.error, runs?.[runs.length - 1]?.error];
	return errors
		.filter(Boolean)
		.map((error) => `${error?.message ?? ''}\n${error?.description ?? ''}`)
		.join('\n');
}

/** Reads an output binary (stored: n8n's binary-data endpoint; inline: its base64) and probes the image. */
export async function readBinaryImage(n8n: N8nInstance, binary: { id?: string; data?: string }): Promise<ImageInfo | undefined> {
	if (binary.id) {
		const response = await n8n.restBytes(`/binary-data?id=${encodeURIComponent(binary.id)}&action=download`);
		if (response.status !== 200) throw new Error(`binary ${binary.id}: HTTP ${response.status}`);
		return probeImage(response.body);
	}
	return binary.data ? probeImage(Buffer.from(binary.data, 'base64')) : undefined;
}

/** POSTs to a production webhook and resolves when n8n answers (the workflow's end for responseMode lastNode). */
export async function callWebhook(url: string, body: unknown): Promise<{ status: number; at: number; text: string }> {
	const response = await request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		headersTimeout: 120_000,
		bodyTimeout: 120_000,
	});
	const text = await response.body.text();
	return { status: response.statusCode, at: Date.now(), text };
}
