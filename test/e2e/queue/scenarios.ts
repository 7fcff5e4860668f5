import { request } from 'undici';

import { probeImage, renderImage, type FotorSimulator } from '../../simulator';
import { progress } from '../lib/log';
import { waitUntilRegistered } from '../lib/n8n';
import { expect, type Suite } from '../lib/suite';
import { webhookToFotor } from '../lib/workflows';
import type { QueueCluster } from './cluster';
import { errorOf, getExecution, listExecutions, publishWorkflow, waitForExecutionEnd, workersThatRan, type Execution, type Item } from './executions';
import { checkQueueP5, simulatorCredential, type P5Figures } from './p5';
import { sleep } from './procs';
import type { Postgres } from './services';
import { FOTOR, fotorTriggerWorkflow, MANUAL_TRIGGER, manualImageBatch } from './workflows';

const json = (buffer: Buffer) => JSON.parse(buffer.toString('utf8')) as Array<Record<string, unknown>>;
const png = (seed: number, width = 40, height = 30) => renderImage({ format: 'png', width, height, seed }).toString('base64');

function assertRanOnOneWorker(cluster: QueueCluster, executionId: string | number): string {
	const ran = workersThatRan(cluster, executionId);
	expect(ran.length === 1, `execution ${executionId}: expected exactly one worker to run it, got [${ran.join(', ')}]`);
	const elsewhere = cluster.processes.filter((p) => p.role !== 'worker' && /Worker started execution/.test(p.proc.output()));
	expect(elsewhere.length === 0, `a non-worker process ran executions: ${elsewhere.map((p) => p.name).join(', ')}`);
	return ran[0];
}

function fotorItems(execution: Execution, node = FOTOR): Item[] {
	return execution.data?.resultData?.runData?.[node]?.[0]?.data?.main[0] ?? [];
}

async function runManually(cluster: QueueCluster, workflowId: string): Promise<string> {
	const result = await cluster.main.rest<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: MANUAL_TRIGGER },
	});
	expect(result?.executionId, `manual run gave no execution ID: ${JSON.stringify(result)}`);
	return result.executionId;
}

/** Every queue-mode scenario against one running cluster. Returns the P5 figures (when measured). */
export async function runQueueScenarios(suite: Suite, cluster: QueueCluster, sim: FotorSimulator, pg: Postgres): Promise<P5Figures | undefined> {
	const n8n = cluster.main;
	const ref = await simulatorCredential(cluster, sim);
	const create = async (workflow: unknown) => (await n8n.api<{ id: string }>('POST', '/workflows', workflow)).id;

	// a. An image batch run from the editor (manual), offloaded to a worker; results in Postgres, served by main.
	await suite.check('[queue] a. 5-image Upscale batch (manual run) executes on a worker; binaries in Postgres, served by main', async () => {
		sim.configure({ taskDurationMs: 300, maxInFlightPerKey: 0 });
		const sizes = [40, 48, 56, 64, 72];
		const images = sizes.map((width, i) => png(i + 1, width, 30));
		const workflowId = await create(
			manualImageBatch({
				name: 'queue a: upscale batch',
				images,
				credential: ref,
				parameters: { resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: '={{ $json.image }}', upscaleFactor: 2, options: { returnMode: 'binary', pollInterval: 0.2 } },
			}),
		);
		const executionId = await runManually(cluster, workflowId);
		const execution = await waitForExecutionEnd(cluster, executionId, 60_000);
		expect(execution.status === 'success', `execution ${executionId} ${execution.status}: ${errorOf(execution)}`);
		expect(execution.mode === 'manual', `mode ${execution.mode}`);
		const worker = assertRanOnOneWorker(cluster, executionId);

		const items = fotorItems(execution);
		expect(items.length === 5, `expected 5 items, got ${items.length}`);
		const fileIds: string[] = [];
		for (const [index, item] of items.entries()) {
			expect(item.json.status === 'completed', `item ${index}: ${JSON.stringify(item.json)}`);
			const binaryId = item.binary?.data?.id ?? '';
			expect(binaryId.startsWith('database:'), `item ${index}: binary not in database mode: ${JSON.stringify(item.binary)}`);
			fileIds.push(binaryId.slice('database:'.length).replace(/^\/+/, ''));
			const served = await cluster.main.restBytes(`/binary-data?id=${encodeURIComponent(binaryId)}&action=download`);
			expect(served.status === 200, `main served binary ${binaryId} with HTTP ${served.status}`);
			const info = probeImage(served.body);
			expect(info?.format === 'png' && info.width === sizes[index] * 2 && info.height === 60, `item ${index}: main served ${JSON.stringify(info)}, want png ${sizes[index] * 2}x60`);
		}
		const rows = pg.query(`SELECT "fileId" || ' ' || "fileSize" FROM binary_data WHERE "sourceType" = 'execution' AND "sourceId" = '${executionId}'`).split('\n').filter(Boolean);
		const stored = new Map(rows.map((row) => row.split(' ') as [string, string]));
		for (const id of fileIds) expect(Number(stored.get(id)) > 0, `binary ${id} missing from Postgres binary_data (rows for execution ${executionId}: ${rows.length})`);
		progress(`a: execution ${executionId} ran on ${worker}; ${rows.length} binary_data row(s) for it`);
	});

	// b. Fotor Trigger: the simulator's webhook goes to the webhook processor; a worker runs the execution.
	await suite.check('[queue] b. Fotor Trigger delivery through the webhook processor starts an execution on a worker', async () => {
		sim.configure({ taskDurationMs: 300, maxInFlightPerKey: 0 });
		const webhookId = `fotor-queue-${Date.now().toString(36)}`;
		const workflowId = await create(fotorTriggerWorkflow({ name: 'queue b: trigger', webhookId, credential: ref }));
		await publishWorkflow(n8n, workflowId);
		const hookUrl = `${cluster.webhookBaseUrl}/webhook/${webhookId}/fotor`;
		await waitUntilRegistered(hookUrl);
		sim.configure({ webhookUrl: hookUrl });
		const before = sim.webhookDeliveries.length;
		try {
			const submitted = await request(`${sim.url}/v1/aiart/imgupscale`, {
				method: 'POST',
				headers: { authorization: 'Bearer sim-test-key', 'content-type': 'application/json' },
				body: JSON.stringify({ upscaling_resize: 2, userImageUrl: `data:image/png;base64,${png(7)}`, max_image_width: 2048, max_image_height: 2048 }),
			});
			const taskId = ((await submitted.body.json()) as { data: { taskId: string } }).data.taskId;
			await sim.waitForWebhookDeliveries(before + 1, 15_000);
			const delivery = sim.webhookDeliveries[before];
			expect(delivery.url === hookUrl && delivery.status === 200, `delivery to ${delivery.url} answered ${delivery.status ?? delivery.error}`);
			const [listed] = await listExecutions(cluster, workflowId, 1, 30_000);
			const execution = await waitForExecutionEnd(cluster, listed.id, 30_000);
			expect(execution.status === 'success', `execution ${execution.id} ${execution.status}: ${errorOf(execution)}`);
			expect(execution.mode === 'webhook', `mode ${execution.mode}`);
			const worker = assertRanOnOneWorker(cluster, execution.id);
			const [item] = fotorItems(execution, 'Fotor Trigger');
			expect(item?.json.taskId === taskId && item.json.status === 'completed', `trigger item: ${JSON.stringify(item?.json)}`);
			const binaryId = item.binary?.data?.id ?? '';
			expect(item.binary?.data?.mimeType === 'image/png' && binaryId.startsWith('database:'), `trigger binary: ${JSON.stringify(item.binary)}`);
			// The webhook processor downloaded the result before the execution existed: the file is in
			// Postgres. n8n 2.41.1 never re-attributes such a database-mode file from the "temp"
			// source to the execution (restoreBinaryDataId only renames filesystem/S3 paths), so
			// main's /rest/binary-data refuses it; the bytes are checked in Postgres instead.
			const fileId = binaryId.slice('database:'.length);
			const row = pg.query(`SELECT "sourceType" || ' ' || "sourceId" || ' ' || encode(data, 'hex') FROM binary_data WHERE "fileId" = '${fileId}'`).split(' ');
			expect(row.length === 3, `binary ${fileId} is not in Postgres binary_data`);
			const stored = probeImage(Buffer.from(row[2], 'hex'));
			expect(stored?.format === 'png' && stored.width === 80, `Postgres holds ${JSON.stringify(stored)} for the delivered result, want an 80 px PNG`);
			const served = await cluster.main.restBytes(`/binary-data?id=${encodeURIComponent(binaryId)}&action=download`);
			const info = probeImage(served.body);
			if (served.status === 200) expect(info?.format === 'png' && info.width === 80, `main served the delivered result as ${JSON.stringify(info)}`);
			else expect(served.status === 404 && row[1] === 'temp', `main answered ${served.status} for a file attributed to ${row[0]} ${row[1]}`);
			progress(
				`b: delivery → webhook processor → execution ${execution.id} on ${worker}; result file in Postgres (source ${row[0]}/${row[1]}), ` +
					(served.status === 200 ? 'served by main' : 'not served by main: n8n 2.41.1 leaves webhook-time files in database mode under "temp" (404)'),
			);
		} finally {
			sim.configure({ webhookUrl: '' });
		}
	});

	// c. Stop pressed in the editor while a long Fotor task is being waited for on a worker.
	await suite.check('[queue] c. Stop from main cancels a running execution on its worker within seconds; no further submit or poll', async () => {
		sim.configure({ taskDurationMs: 60_000, maxInFlightPerKey: 0 });
		try {
			const workflowId = await create(
				manualImageBatch({
					name: 'queue c: long task',
					images: [png(11), png(12), png(13)],
					credential: ref,
					parameters: {
						resource: 'image',
						operation: 'upscale',
						imageSource: 'base64',
						imageBase64: '={{ $json.image }}',
						options: { returnMode: 'binary', pollInterval: 1, maxWait: 3600, parallelTasks: 1 },
					},
				}),
			);
			const submitsBefore = sim.submits.length;
			const executionId = await runManually(cluster, workflowId);
			// Wait until the worker has submitted the first item and is polling it.
			const deadline = Date.now() + 30_000;
			while (!(sim.submits.length > submitsBefore && sim.requests.some((r) => r.path.startsWith('/v1/aiart/tasks/') && r.at > sim.submits[submitsBefore].at))) {
				expect(Date.now() < deadline, `the execution never submitted its first task (execution ${executionId})`);
				await sleep(100);
			}
			const worker = assertRanOnOneWorker(cluster, executionId);
			const submitted = sim.submits.slice(submitsBefore);
			expect(submitted.length === 1 && submitted[0].accepted, `expected one accepted submit before Stop, got ${JSON.stringify(submitted.map((s) => s.httpStatus))}`);

			const stopAt = Date.now();
			const stopped = await n8n.rest<{ status: string }>('POST', `/executions/${executionId}/stop`);
			const answeredMs = Date.now() - stopAt;
			expect(stopped?.status === 'canceled', `stop answered ${JSON.stringify(stopped)}`);
			const execution = await waitForExecutionEnd(cluster, executionId, 5_000);
			expect(execution.status === 'canceled', `execution ${executionId} ended ${execution.status}`);
			// The worker itself must let go of the job (not just main marking it in the database). n8n
			// 2.41.1 ends a cancelled job with "Worker errored while running execution …" (the run's
			// promise rejects on cancel); "Worker finished execution …" would do as well.
			const released = new RegExp(`Worker (finished|errored while running) execution ${executionId} \\(`);
			const workerProc = cluster.workers.find((w) => w.name === worker)!.proc;
			while (!released.test(workerProc.output())) {
				expect(Date.now() - stopAt < 5_000, `${worker} did not release execution ${executionId} within 5 s of Stop:\n${workerProc.tail(1500)}`);
				await sleep(100);
			}
			const releasedMs = Date.now() - stopAt;
			const releasedAs = released.exec(workerProc.output())?.[1];
			// Watch long enough for several polls (max poll interval 1 s) and a next submit to show up.
			await sleep(4_000);
			const lateSubmits = sim.submits.slice(submitsBefore).filter((s) => s.at > stopAt);
			expect(lateSubmits.length === 0, `${lateSubmits.length} submit(s) after Stop`);
			const taskId = submitted[0].taskId!;
			const latePolls = sim.requests.filter((r) => r.path === `/v1/aiart/tasks/${taskId}` && r.at > stopAt + 1_000);
			expect(latePolls.length === 0, `${latePolls.length} poll(s) of ${taskId} more than 1 s after Stop`);
			const after = await getExecution(cluster, executionId);
			expect(after.status === 'canceled', `execution ${executionId} changed to ${after.status} after Stop`);
			progress(
				`c: execution ${executionId} on ${worker}: Stop answered in ${answeredMs} ms, worker released the job (${releasedAs}) after ${releasedMs} ms; ` +
					`recorded error: ${errorOf(after)}`,
			);
		} finally {
			// The 60 s task would keep occupying one of the key's in-flight slots at Fotor.
			sim.reset();
		}
	});

	// d. Wait for Completion off in one execution, Task → Get in another.
	await suite.check('[queue] d. Wait for Completion off, then Task → Get in another execution returns the completed task', async () => {
		sim.configure({ taskDurationMs: 300, maxInFlightPerKey: 0 });
		const tag = Date.now().toString(36);
		const submitPath = `queue-submit-only-${tag}`;
		const getPath = `queue-task-get-${tag}`;
		const submitId = await create(
			webhookToFotor({
				path: submitPath,
				credential: ref,
				respond: 'allEntries',
				parameters: { resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: '={{ $json.body.image }}', waitForCompletion: false },
			}),
		);
		const getId = await create(
			webhookToFotor({
				path: getPath,
				credential: ref,
				respond: 'allEntries',
				parameters: { resource: 'task', operation: 'get', taskId: '={{ $json.body.taskId }}', download: true, returnMode: 'both' },
			}),
		);
		await publishWorkflow(n8n, submitId);
		await publishWorkflow(n8n, getId);
		await waitUntilRegistered(`${cluster.webhookBaseUrl}/webhook/${submitPath}`, JSON.stringify({ image: png(20) }));
		// The probe above already submitted once: count from here.
		const first = await cluster.webhook(submitPath, { image: png(21) });
		expect(first.status === 200, `submit webhook HTTP ${first.status}: ${first.body.toString().slice(0, 300)}`);
		const [submitted] = json(first.body);
		expect(submitted.status === 'processing' && typeof submitted.taskId === 'string', `submit item: ${JSON.stringify(submitted)}`);
		const task = sim.tasks.get(String(submitted.taskId));
		expect(task, `simulator has no task ${String(submitted.taskId)}`);
		await sleep(Math.max(0, task.completesAt - Date.now()) + 200);
		await waitUntilRegistered(`${cluster.webhookBaseUrl}/webhook/${getPath}`, JSON.stringify({ taskId: submitted.taskId }));
		const second = await cluster.webhook(getPath, { taskId: submitted.taskId });
		expect(second.status === 200, `Task → Get webhook HTTP ${second.status}: ${second.body.toString().slice(0, 300)}`);
		const [got] = json(second.body);
		expect(got.taskId === submitted.taskId && got.status === 'completed', `Task → Get item: ${JSON.stringify(got)}`);
		const [submitRun] = await listExecutions(cluster, submitId, 2);
		const getRuns = await listExecutions(cluster, getId, 2);
		for (const execution of [submitRun, getRuns[0]]) expect(execution.status === 'success', `execution ${execution.id}: ${execution.status}`);
		const where = [assertRanOnOneWorker(cluster, submitRun.id), assertRanOnOneWorker(cluster, getRuns[0].id)];
		const fetched = await getExecution(cluster, getRuns[0].id);
		const [item] = fotorItems(fetched);
		expect(item?.binary?.data?.id?.startsWith('database:'), `Task → Get downloaded no binary: ${JSON.stringify(item?.binary)}`);
		progress(`d: submit (execution ${submitRun.id}) on ${where[0]}, Task → Get (execution ${getRuns[0].id}) on ${where[1]}${where[0] === where[1] ? ' (same worker this time)' : ''}`);
	});

	// e. P5 through queue mode.
	return await checkQueueP5(suite, cluster, sim, 'e', ref);
}
