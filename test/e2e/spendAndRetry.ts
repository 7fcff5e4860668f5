/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { renderImage, type FotorSimulator } from '../simulator';
import { publishWorkflow, type N8nInstance } from './lib/n8n';
import { expect, type Suite } from './lib/suite';
import { chainConnections, NODE_PREFIX, workflowNode } from './lib/workflows';

type Item = { json: Record<string, unknown> };
interface ExecutionDetail {
	id: string;
	status?: string;
	stoppedAt?: string | null;
	data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Item[] | null> } }>> } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const png = renderImage({ format: 'png', width: 12, height: 12 }).toString('base64');

/** Webhook (answers at once) → Split Out (body.items) → Fotor, published; returns its ID and path. */
async function webhookBatchWorkflow(n8n: N8nInstance, name: string, ref: { id: string; name: string }, fotor: Record<string, unknown>, onError?: string) {
	const path = `${name}-${Date.now().toString(36)}`;
	const nodes = [
		workflowNode('Webhook', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, { webhookId: `${path}-hook` }),
		workflowNode('Split', 'n8n-nodes-base.splitOut', 1, 200, { fieldToSplitOut: 'body.items', options: {} }),
		workflowNode('Fotor', `${NODE_PREFIX}.fotor`, 1, 400, fotor, { credentials: { fotorApi: ref }, ...(onError && { onError }) }),
	];
	const created = await n8n.api<{ id: string }>('POST', '/workflows', { name: `e2e ${name}`, nodes, connections: chainConnections(nodes), settings: { executionOrder: 'v1' } });
	await publishWorkflow(n8n, created.id);
	return { id: created.id, path };
}

/** Starts the workflow through its production webhook (a non-manual execution) and waits for it to end. */
async function runByWebhook(n8n: N8nInstance, workflow: { id: string; path: string }, items: unknown[], known: Set<string>): Promise<ExecutionDetail> {
	for (let attempt = 0; ; attempt++) {
		const response = await n8n.webhook(workflow.path, { items });
		if (response.status !== 404) break;
		if (attempt > 120) throw new Error(`webhook ${workflow.path} never became active`);
		await sleep(250);
	}
	return await nextExecution(n8n, workflow.id, known);
}

async function nextExecution(n8n: N8nInstance, workflowId: string, known: Set<string>): Promise<ExecutionDetail> {
	for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(300)) {
		const list = await n8n.api<{ data: ExecutionDetail[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=20`);
		const done = list.data.find((execution) => !known.has(execution.id) && execution.stoppedAt);
		if (done) {
			known.add(done.id);
			return done;
		}
	}
	throw new Error(`no new finished execution of workflow ${workflowId}`);
}

const fotorOutput = (execution: ExecutionDetail, output = 0): Item[] => {
	const runs = execution.data?.resultData?.runData?.Fotor ?? [];
	return runs.at(-1)?.data?.main?.[output] ?? [];
};

/**
 * Issue 17 (a budget on a real n8n) and issue 18 (n8n's Retry collects instead of paying again),
 * on n8n 2.x and 1.x. Every run here is started by a production webhook: n8n saves workflow static
 * data only after non-manual executions.
 */
export async function runSpendAndRetryScenarios(suite: Suite, n8n: N8nInstance, sim: FotorSimulator, ref: { id: string; name: string }): Promise<void> {
	const version = n8n.version;
	const spent = () => sim.options.credits.remaining - sim.credits.remaining;

	await suite.check(`[n8n ${version}] Max Tokens per Run 7 on a 20-item batch with the error output: 7 results, 7 tokens, 13 items on the error output`, async () => {
		sim.configure({ credits: { total: 1000, remaining: 1000 } });
		const workflow = await webhookBatchWorkflow(
			n8n,
			'budget-classic',
			ref,
			{ resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: png, upscaleFactor: 2, options: { maxTokens: 7, parallelTasks: 5, pollInterval: 0.2 } },
			'continueErrorOutput',
		);
		const items = Array.from({ length: 20 }, (_, index) => ({ index }));
		const execution = await runByWebhook(n8n, workflow, items, new Set());
		await sleep(500); // every task has ended and been charged
		const results = fotorOutput(execution, 0);
		const errors = fotorOutput(execution, 1);
		expect(results.length === 7 && results.every((item) => item.json.status === 'completed'), `results: ${JSON.stringify(results.map((item) => item.json.status))}`);
		expect(1000 - sim.credits.remaining === 7, `tokens charged: ${1000 - sim.credits.remaining}`);
		expect(errors.length === 13, `error output: ${errors.length} items`);
		expect(errors.every((item) => typeof item.json.index === 'number' && /Max Tokens per Run \(7\)/.test(String(item.json.error))), `error items: ${JSON.stringify(errors[0]?.json)}`);
	});

	await suite.check(`[n8n ${version}] a model-based batch whose price the process does not know stays within budget + one task`, async () => {
		const before = sim.credits.remaining;
		const workflow = await webhookBatchWorkflow(
			n8n,
			'budget-unknown',
			ref,
			{ resource: 'image', operation: 'generate', prompt: '={{ "poster " + $json.index }}', model: 'seedream-4-5-251128', aspectRatio: '3:2', resolution: '1k', options: { maxTokens: 10, parallelTasks: 3, pollInterval: 0.2 } },
			'continueRegularOutput',
		);
		const execution = await runByWebhook(n8n, workflow, Array.from({ length: 6 }, (_, index) => ({ index })), new Set());
		await sleep(500);
		const charged = before - sim.credits.remaining;
		const price = Number(fotorOutput(execution).find((item) => item.json.creditsIncrement !== undefined)?.json.creditsIncrement);
		expect(price > 0 && charged <= 10 + price, `charged ${charged} with a budget of 10 and a price of ${price}`);
		expect(fotorOutput(execution).some((item) => /was not sent to Fotor: Max Tokens per Run \(10\)/.test(String(item.json.error))), 'no item was refused by the budget');
	});

	const PROMPTS = ['a kite', 'a boat', 'a slow snail', 'a tower', 'a cloud'];
	const retryCase = async (loadWorkflow: boolean) => {
		const workflow = await webhookBatchWorkflow(n8n, `retry-${loadWorkflow ? 'saved' : 'original'}`, ref, {
			resource: 'image',
			operation: 'textToImage',
			content: '={{ $json.prompt }}',
			sizeId: '1:1',
			options: { maxWait: 2, parallelTasks: 5, pollInterval: 0.2 },
		});
		const known = new Set<string>();
		sim.injectTaskOutcome({ match: 'a slow snail', status: 1, durationMs: 4000 });
		const failed = await runByWebhook(n8n, workflow, PROMPTS.map((prompt) => ({ prompt })), known);
		expect(failed.status === 'error', `the first execution should fail (item 3 hits Max Wait), got ${failed.status}`);
		await sleep(2500); // the slow task ends at Fotor and is charged
		const submits = sim.submits.length;
		const charged = spent();
		await n8n.rest('POST', `/executions/${failed.id}/retry`, { loadWorkflow });
		const retried = await nextExecution(n8n, workflow.id, known);
		return { retried, newSubmits: sim.submits.length - submits, newCharges: spent() - charged };
	};

	await suite.check(`[n8n ${version}] Retry with the saved workflow of a failed webhook execution: 5 results, 0 new submits, no new charge`, async () => {
		const { retried, newSubmits, newCharges } = await retryCase(true);
		const results = fotorOutput(retried);
		expect(retried.status === 'success', `retry status ${retried.status}`);
		expect(results.length === 5 && results.every((item) => item.json.status === 'completed' && typeof item.json.reusedTaskId === 'string'), `retry items: ${JSON.stringify(results.map((item) => item.json))}`);
		expect(newSubmits === 0 && newCharges === 0, `new submits ${newSubmits}, new charges ${newCharges}`);
	});

	await suite.check(`[n8n ${version}] Retry with the original workflow collects in the same n8n process (as the README says)`, async () => {
		const { retried, newSubmits } = await retryCase(false);
		expect(retried.status === 'success', `retry status ${retried.status}`);
		expect(newSubmits === 0, `new submits ${newSubmits}`);
		expect(fotorOutput(retried).every((item) => typeof item.json.reusedTaskId === 'string'), 'items without reusedTaskId');
	});
}
