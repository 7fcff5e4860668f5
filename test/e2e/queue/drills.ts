/* eslint-disable no-console */
import type { FotorSimulator } from '../../simulator';
import { waitUntilRegistered } from '../lib/n8n';
import { expect, type Suite } from '../lib/suite';
import { webhookToFotor } from '../lib/workflows';
import type { QueueCluster } from './cluster';
import { sleep } from './procs';
import type { Service } from './services';

interface Execution {
	id: string;
	status: string;
	data?: { resultData?: { runData?: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
}

const TERMINAL = new Set(['success', 'error', 'canceled', 'crashed']);

async function executions(cluster: QueueCluster, workflowId: string): Promise<Execution[]> {
	return (await cluster.main.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&limit=50`)).data;
}

/** The next execution of the workflow (not in `known`) once it has ended. */
async function nextEnded(cluster: QueueCluster, workflowId: string, known: Set<string>, timeoutMs = 60_000): Promise<Execution> {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(300)) {
		const fresh = (await executions(cluster, workflowId)).find((execution) => !known.has(String(execution.id)) && TERMINAL.has(execution.status));
		if (fresh) {
			known.add(String(fresh.id));
			return await cluster.main.api<Execution>('GET', `/executions/${fresh.id}?includeData=true`);
		}
	}
	throw new Error(`no new ended execution of workflow ${workflowId} within ${timeoutMs / 1000} s`);
}

/** A published Webhook → Split Out (body.items) → Fotor Text to Image workflow; the prompt comes from each item. */
async function textToImageBatch(cluster: QueueCluster, ref: { id: string; name: string }, name: string, options: Record<string, unknown>, answerAtOnce = false) {
	const path = `queue-${name}-${Date.now().toString(36)}`;
	const workflow = webhookToFotor({
		path,
		credential: ref,
		respond: 'allEntries',
		splitItems: true,
		parameters: { resource: 'image', operation: 'textToImage', content: '={{ $json.prompt }}', sizeId: '1:1', options: { parallelTasks: 5, pollInterval: 0.3, returnMode: 'url', ...options } },
	});
	// Answering at once leaves no webhook request open on the processor (the crash drill's never ends).
	if (answerAtOnce) workflow.nodes[0].parameters = { ...workflow.nodes[0].parameters, responseMode: 'onReceived' };
	const { id } = await cluster.main.api<{ id: string }>('POST', '/workflows', workflow);
	await cluster.main.api('POST', `/workflows/${id}/publish`);
	// A probe without items fails in Split Out: no task is submitted.
	await waitUntilRegistered(`${cluster.webhookBaseUrl}/webhook/${path}`, '{}');
	await sleep(300);
	return { id, path, known: new Set((await executions(cluster, id)).map((execution) => String(execution.id))) };
}

const submitsOf = (sim: FotorSimulator, prompts: string[]) => sim.submits.filter((submit) => prompts.includes(String((submit.body as { content?: string })?.content)));

/**
 * Fault drills of issue 18 in queue mode, each printing its figures:
 * (b) a failed webhook execution retried through the REST API with the saved workflow collects the
 *     tasks it paid for; (a) `kill -9` of a worker while its executions wait: nothing is submitted
 *     again and the accepted task IDs are in that worker's log. Returns the workers the drills killed.
 */
export async function runQueueDrills(suite: Suite, cluster: QueueCluster, sim: FotorSimulator, redis: Service): Promise<Set<string>> {
	const killed = new Set<string>();
	const ref = await cluster.main.api<{ id: string; name: string }>('POST', '/credentials', {
		name: 'Fotor simulator (drills)',
		type: 'fotorApi',
		data: { apiKey: 'sim-test-key', environment: 'custom', customBaseUrl: sim.url, storageBaseUrl: sim.storageBaseUrl },
	});

	await suite.check('[queue] drill b. a failed webhook execution (item 3 hits Max Wait) retried through REST with the saved workflow: every result, 0 new submits', async () => {
		sim.configure({ taskDurationMs: 300, maxInFlightPerKey: 0 });
		const prompts = ['queue retry a', 'queue retry b', 'queue retry slow', 'queue retry d', 'queue retry e'];
		const workflow = await textToImageBatch(cluster, ref, 'retry', { maxWait: 2 });
		sim.injectTaskOutcome({ match: 'queue retry slow', status: 1, durationMs: 4000 });
		await cluster.webhook(workflow.path, { items: prompts.map((prompt) => ({ prompt })) }, 60_000);
		const failed = await nextEnded(cluster, workflow.id, workflow.known);
		expect(failed.status === 'error', `the first execution should fail at Max Wait, got ${failed.status}`);
		await sleep(2500); // the slow task ends at Fotor
		const submitted = submitsOf(sim, prompts).length;
		await cluster.main.rest('POST', `/executions/${failed.id}/retry`, { loadWorkflow: true });
		const retried = await nextEnded(cluster, workflow.id, workflow.known);
		const items = retried.data?.resultData?.runData?.Fotor?.[0]?.data?.main[0] ?? [];
		const reused = items.filter((item) => typeof item.json.reusedTaskId === 'string').length;
		const newSubmits = submitsOf(sim, prompts).length - submitted;
		console.log(`      drill b: retry ${retried.status}, ${items.length}/5 results, ${reused} collected (reusedTaskId), ${newSubmits} new submits`);
		expect(retried.status === 'success' && items.length === 5 && reused === 5 && newSubmits === 0, `retry ${retried.status}: ${items.length} items, ${reused} reused, ${newSubmits} new submits`);
	});

	await suite.check('[queue] drill c. Redis restarted during a batch: executions end (finished or failed with a clear error), no submit repeated', async () => {
		sim.configure({ taskDurationMs: 3000, maxInFlightPerKey: 0 });
		const prompts = ['queue redis a', 'queue redis b', 'queue redis c', 'queue redis d'];
		const workflow = await textToImageBatch(cluster, ref, 'redis', { maxWait: 60 }, true);
		await cluster.webhook(workflow.path, { items: prompts.map((prompt) => ({ prompt })) }, 30_000);
		for (const deadline = Date.now() + 30_000; submitsOf(sim, prompts).filter((submit) => submit.accepted).length < prompts.length; await sleep(100)) {
			if (Date.now() > deadline) throw new Error('the batch was not submitted within 30 s');
		}
		await redis.restart?.(1000);
		let ended: Execution | undefined;
		for (const deadline = Date.now() + 45_000; !ended && Date.now() < deadline; await sleep(500)) {
			ended = (await executions(cluster, workflow.id)).find((execution) => !workflow.known.has(String(execution.id)) && TERMINAL.has(execution.status));
		}
		const repeated = submitsOf(sim, prompts).length - prompts.length;
		console.log(`      drill c: Redis down 1 s mid-batch; execution ${ended ? ended.status : 'still running after 45 s'}; ${repeated} submits repeated`);
		expect(repeated === 0, `${repeated} submit(s) repeated`);
		expect(ended, 'the execution did not end within 45 s of the Redis restart');
		sim.configure({ taskDurationMs: 300 });
	});

	await suite.check('[queue] drill a. kill -9 of a worker while its execution waits: no submit repeated, every accepted task ID in its log', async () => {
		sim.configure({ taskDurationMs: 8000, maxInFlightPerKey: 0 });
		const prompts = ['queue crash a', 'queue crash b', 'queue crash c'];
		const workflow = await textToImageBatch(cluster, ref, 'crash', { maxWait: 60 }, true);
		await cluster.webhook(workflow.path, { items: prompts.map((prompt) => ({ prompt })) }, 30_000);
		for (const deadline = Date.now() + 30_000; submitsOf(sim, prompts).filter((submit) => submit.accepted).length < prompts.length; await sleep(100)) {
			if (Date.now() > deadline) throw new Error('the batch was not submitted within 30 s');
		}
		await sleep(300);
		const taskIds = submitsOf(sim, prompts).map((submit) => String(submit.taskId));
		const worker = cluster.workers.find((w) => taskIds.some((taskId) => w.proc.output().includes(taskId)));
		expect(worker, `no worker logged the accepted task IDs ${taskIds.join(', ')}`);
		worker.proc.kill('SIGKILL');
		killed.add(worker.name);
		await sleep(10_000); // past the tasks' end and n8n's stalled-job check
		const after = submitsOf(sim, prompts).length;
		const log = worker.proc.output();
		const logged = taskIds.filter((taskId) => new RegExp(`Fotor accepted task ${taskId} \\(execution \\d+, node "Fotor", item \\d\\)`).test(log)).length;
		console.log(`      drill a: ${taskIds.length} accepted submits before kill -9 of ${worker.name}, ${after - taskIds.length} repeated after; ${logged}/${taskIds.length} task IDs in its log`);
		expect(after === taskIds.length, `${after - taskIds.length} submit(s) repeated after the kill`);
		expect(logged === taskIds.length, `only ${logged} of ${taskIds.length} accepted task IDs are in ${worker.name}'s log`);
		sim.configure({ taskDurationMs: 300 });
	});

	return killed;
}
