/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

const PROMPTS = ['a red kite', 'a green boat', 'a slow snail', 'a tall tower'];
const items = PROMPTS.map((prompt) => ({ json: { prompt } }));
const textToImage = (options: IDataObject = {}) =>
	imageParameters('textToImage', { content: '={{ $json.prompt }}', sizeId: '1:1' }, { parallelTasks: 4, ...options });
const records = (staticData: IDataObject) => (staticData['node:Node'] as IDataObject | undefined)?.fotorPaidTasks as IDataObject | undefined;

describe("n8n's Retry collects the tasks a failed run paid for", () => {
	const sim = useSimulator();
	let workflows = 0;

	/** A failed webhook-started run: item 2's task outlasts Max Wait, so the run stops with every task accepted. */
	async function failedRun(outcome: { status?: 1 | 2; durationMs: number }) {
		const staticData: IDataObject = {};
		const workflowId = `wf-retry-${++workflows}`;
		sim().injectTaskOutcome({ match: PROMPTS[2], status: outcome.status ?? 1, durationMs: outcome.durationMs });
		const run = await runNode({ parameters: textToImage({ maxWait: 1 }), items, credentials: simulatorCredentials(sim()), mode: 'webhook', staticData, workflowId });
		return { run, staticData, workflowId };
	}

	it('records the paid tasks of a failed run, and a retry returns every result without a new submit', async () => {
		const { run, staticData, workflowId } = await failedRun({ durationMs: 2500 });
		expect(run.error?.message).toMatch(/still running after/);
		expect(run.error?.description).toMatch(/4 of them are recorded for this workflow: retrying this execution with "Retry with currently saved workflow" collects them/);
		expect(Object.keys(records(staticData) ?? {})).toHaveLength(4);
		const submitsBefore = sim().submits.length;
		const chargedBefore = sim().credits.remaining;

		const retry = await runNode({ parameters: textToImage({ maxWait: 30 }), items, credentials: simulatorCredentials(sim()), mode: 'retry', staticData, workflowId });
		expect(retry.error).toBeUndefined();
		expect(sim().submits.length).toBe(submitsBefore);
		expect(retry.items).toHaveLength(4);
		expect(retry.items.map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
		expect(retry.items.map((item) => item.json.reusedTaskId)).toEqual(sim().submits.map((submit) => submit.taskId));
		expect(records(staticData)).toBeUndefined();
		// The still-running task was waited for and charged once, by Fotor, not again.
		expect(chargedBefore - sim().credits.remaining).toBe(1);
	});

	it('collects in the same process on "Retry with original workflow", whose static data predates the records', async () => {
		const { workflowId } = await failedRun({ durationMs: 1500 });
		const submitsBefore = sim().submits.length;
		const snapshot: IDataObject = {};
		const retry = await runNode({ parameters: textToImage({ maxWait: 30 }), items, credentials: simulatorCredentials(sim()), mode: 'retry', staticData: snapshot, workflowId });
		expect(retry.error).toBeUndefined();
		expect(sim().submits.length).toBe(submitsBefore);
		expect(retry.items.every((item) => typeof item.json.reusedTaskId === 'string')).toBe(true);
	});

	it('submits an item anew when its recorded task failed at Fotor (it was not billed)', async () => {
		const { staticData, workflowId } = await failedRun({ status: 2, durationMs: 1500 });
		await new Promise((resolve) => setTimeout(resolve, 600));
		const submitsBefore = sim().submits.length;
		const retry = await runNode({ parameters: textToImage({ maxWait: 30 }), items, credentials: simulatorCredentials(sim()), mode: 'retry', staticData, workflowId });
		expect(retry.error).toBeUndefined();
		expect(sim().submits.length).toBe(submitsBefore + 1);
		expect((sim().submits.at(-1)?.body as IDataObject).content).toBe(PROMPTS[2]);
		expect(retry.items[2].json.reusedTaskId).toBeUndefined();
		expect(retry.items[0].json.reusedTaskId).toBe(sim().submits[submitsBefore - 4].taskId);
	});

	it('never reuses in a normal or manual run with the same inputs, and records nothing for a manual run', async () => {
		const { staticData, workflowId } = await failedRun({ durationMs: 1500 });
		const submitsBefore = sim().submits.length;
		const again = await runNode({ parameters: textToImage({ maxWait: 30 }), items, credentials: simulatorCredentials(sim()), mode: 'webhook', staticData, workflowId });
		expect(again.error).toBeUndefined();
		expect(sim().submits.length).toBe(submitsBefore + 4);
		expect(again.items.every((item) => item.json.reusedTaskId === undefined)).toBe(true);

		const manualData: IDataObject = {};
		sim().injectTaskOutcome({ match: PROMPTS[2], status: 1, durationMs: 2500 });
		const manual = await runNode({ parameters: textToImage({ maxWait: 1 }), items, credentials: simulatorCredentials(sim()), mode: 'manual', staticData: manualData, workflowId: 'wf-manual' });
		expect(manual.error?.description).toMatch(/manual execution: n8n keeps no record of it, so a retry would pay again/);
		expect(records(manualData)).toBeUndefined();
	});

	it('keeps equal items apart: two equal prompts collect their own tasks', async () => {
		const staticData: IDataObject = {};
		const twins = [{ json: { prompt: 'same' } }, { json: { prompt: 'same' } }, { json: { prompt: 'slow one' } }];
		sim().injectTaskOutcome({ match: 'slow one', status: 1, durationMs: 2000 });
		const failed = await runNode({ parameters: textToImage({ maxWait: 1 }), items: twins, credentials: simulatorCredentials(sim()), mode: 'trigger', staticData, workflowId: 'wf-twins' });
		expect(failed.error).toBeDefined();
		const retry = await runNode({ parameters: textToImage({ maxWait: 30 }), items: twins, credentials: simulatorCredentials(sim()), mode: 'retry', staticData, workflowId: 'wf-twins' });
		expect(retry.error).toBeUndefined();
		const reused = retry.items.map((item) => item.json.reusedTaskId);
		expect(new Set(reused).size).toBe(3);
		expect(reused).toEqual(sim().submits.map((submit) => submit.taskId));
	});
});
