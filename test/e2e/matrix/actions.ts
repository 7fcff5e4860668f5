/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/** How a cell is driven: a manual run to its end, Stop pressed mid-wait, or a Fotor delivery to the trigger. */
import { request } from 'undici';

import type { FotorSimulator } from '../../simulator';
import type { N8nInstance } from '../lib/n8n';
import type { CellResult, DataMode } from './assertions';
import type { Cell, CellSetup } from './cells';
import {
	callWebhook,
	createWorkflow,
	executionErrorText,
	getExecution,
	nodeOutputs,
	publishAndWait,
	runManually,
	stopExecution,
	waitForExecution,
	waitForWorkflowExecution,
} from './n8nRuns';
import type { OutsideWorld } from './servers';
import { buildWorkflow, itemUrl, type BinaryMode } from './workflows';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const API_KEY = 'sim-test-key';

/** One running n8n (one binary data mode) with its simulator, outside servers and credential. */
export interface Env {
	n8n: N8nInstance;
	sim: FotorSimulator;
	world: OutsideWorld;
	credential: { id: string; name: string };
	line: string;
	dataMode: DataMode;
}

async function submitDirect(sim: FotorSimulator, imageUrl: string): Promise<string> {
	const response = await request(`${sim.url}/v1/aiart/imgupscale`, {
		method: 'POST',
		headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify({ upscaling_resize: 2, userImageUrl: imageUrl, max_image_width: 2048, max_image_height: 2048 }),
	});
	const body = (await response.body.json()) as { data?: { taskId?: string } };
	if (!body.data?.taskId) throw new Error(`direct submit refused: ${JSON.stringify(body)}`);
	return body.data.taskId;
}

function setupContext(env: Env): CellSetup {
	return {
		sim: env.sim,
		world: env.world,
		async createTasks(count) {
			const ids: string[] = [];
			for (let i = 0; i < count; i++) ids.push(await submitDirect(env.sim, itemUrl(env.world.imagesUrl, i, {})));
			const deadline = Date.now() + 10_000;
			while (ids.some((id) => env.sim.tasks.get(id)?.status === 0) && Date.now() < deadline) await sleep(50);
			return ids;
		},
	};
}

/**
 * The running execution of a workflow, as the editor's executions list shows it
 * (GET /rest/executions?filter=…; the public API lists only finished ones).
 */
async function findRunningExecution(n8n: N8nInstance, workflowId: string, timeoutMs = 10_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	for (;;) {
		const list = await n8n.rest<{ results: Array<{ id: string; status: string }> }>('GET', `/executions?filter=${filter}&limit=10`);
		const running = list.results.find((execution) => execution.status === 'running' || execution.status === 'new');
		if (running) return running.id;
		if (Date.now() > deadline) throw new Error(`no running execution of workflow ${workflowId}: ${JSON.stringify(list.results.map((e) => e.status))}`);
		await sleep(100);
	}
}

const unpublish = async (n8n: N8nInstance, workflowId: string) =>
	await n8n.api('POST', `/workflows/${workflowId}/unpublish`).catch(async () => await n8n.api('POST', `/workflows/${workflowId}/deactivate`).catch(() => undefined));

/** Runs one cell under one binary mode and returns what it observed. */
export async function runCell(env: Env, cell: Cell, binaryMode: BinaryMode): Promise<CellResult> {
	const { n8n, sim, world } = env;
	sim.reset();
	world.reset();
	const items = (await cell.setup?.(setupContext(env), cell.items)) ?? cell.items;
	const hook = `mx-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
	const workflow = buildWorkflow(`matrix ${cell.id} ${env.dataMode} ${binaryMode}`, {
		kind: cell.workflow,
		credential: env.credential,
		imagesUrl: world.imagesUrl,
		items,
		node: cell.node ?? {},
		parameters: cell.parameters,
		options: cell.options,
		binaryMode,
		hook,
		binaryField: cell.binaryField,
	});
	const workflowId = await createWorkflow(n8n, workflow);

	const result: CellResult = {
		n8n,
		sim,
		line: env.line,
		dataMode: env.dataMode,
		binaryMode,
		errorText: '',
		submits: [],
		simRequests: [],
		seen: [],
		ms: 0,
		notes: [],
	};
	const base = { submits: sim.submits.length, requests: sim.requests.length, seen: world.seen.length };
	const collect = () => {
		result.submits = sim.submits.slice(base.submits);
		result.simRequests = sim.requests.slice(base.requests);
		result.seen = world.seen.slice(base.seen);
	};
	const started = Date.now();

	switch (cell.action ?? 'run') {
		case 'run': {
			const executionId = await runManually(n8n, workflowId);
			result.execution = await waitForExecution(n8n, executionId, cell.maxMs + 30_000);
			result.ms = Date.now() - started;
			result.outputs = nodeOutputs(result.execution, 'Fotor');
			result.errorText = executionErrorText(result.execution, 'Fotor');
			break;
		}
		case 'stopMidWait': {
			const url = `${n8n.baseUrl}/webhook/${hook}`;
			await publishAndWait(n8n, workflowId, url, '{"probe":true}');
			Object.assign(base, { submits: sim.submits.length, requests: sim.requests.length, seen: world.seen.length });
			const pending = callWebhook(url, {});
			const deadline = Date.now() + 10_000;
			while (sim.submits.length <= base.submits && Date.now() < deadline) await sleep(20);
			await sleep(400); // the node is now between two polls
			const runningId = await findRunningExecution(n8n, workflowId).catch(async (error: unknown) => {
				await unpublish(n8n, workflowId);
				throw error;
			});
			const stopAt = Date.now();
			await stopExecution(n8n, runningId);
			const stopCallMs = Date.now() - stopAt;
			const ended = await Promise.race([pending.then((response) => response.at).catch(() => Date.now()), sleep(10_000).then(() => undefined)]);
			// A node that ignored Stop would poll again within its 0.5 s Max Poll Interval: watch for 3 s.
			await sleep(3_000);
			collect();
			const execution = await getExecution(n8n, runningId);
			result.execution = execution;
			result.outputs = nodeOutputs(execution, 'Fotor');
			result.errorText = executionErrorText(execution, 'Fotor');
			result.stop = {
				stopCallMs,
				endMs: ended === undefined ? Number.POSITIVE_INFINITY : ended - stopAt,
				submitsAfterStop: result.submits.filter((s) => s.at > stopAt).length,
				lastRequestAfterStopMs: Math.max(...result.simRequests.map((q) => q.at)) - stopAt,
				statusAfterStop: execution.status,
			};
			result.ms = Date.now() - started;
			await unpublish(n8n, workflowId);
			break;
		}
		case 'deliver': {
			const url = `${n8n.baseUrl}/webhook/${hook}/fotor`;
			await publishAndWait(n8n, workflowId, url);
			Object.assign(world.cdn, cell.cdn);
			Object.assign(base, { submits: sim.submits.length, requests: sim.requests.length, seen: world.seen.length });
			const deliveriesBefore = sim.webhookDeliveries.length;
			sim.configure({ webhookUrl: url });
			const taskId = await submitDirect(sim, itemUrl(world.imagesUrl, 0, {}));
			const deadline = Date.now() + 20_000;
			let answeredAt = 0;
			while (Date.now() < deadline) {
				const delivery = sim.webhookDeliveries[deliveriesBefore];
				if (delivery && (delivery.status !== undefined || delivery.error !== undefined)) {
					answeredAt = Date.now();
					break;
				}
				await sleep(5);
			}
			sim.configure({ webhookUrl: '' });
			const delivery = sim.webhookDeliveries[deliveriesBefore];
			result.trigger = {
				taskId,
				ackMs: delivery && answeredAt ? answeredAt - delivery.at : Number.POSITIVE_INFINITY,
				ackStatus: delivery?.status,
				ackError: delivery?.error ?? (delivery ? undefined : 'no delivery within 20 s'),
			};
			// A refused delivery (non-200) starts no execution: do not wait long for one.
			const executionTimeoutMs = result.trigger.ackStatus === 200 ? 20_000 : 2_000;
			result.execution = await waitForWorkflowExecution(n8n, workflowId, { done: true, timeoutMs: executionTimeoutMs }).catch(() => undefined);
			result.ms = Date.now() - started;
			if (result.execution) {
				result.outputs = nodeOutputs(result.execution, 'Fotor Trigger');
				result.errorText = executionErrorText(result.execution, 'Fotor Trigger');
			}
			collect();
			await unpublish(n8n, workflowId);
			break;
		}
	}
	if (!result.stop) collect();
	return result;
}
