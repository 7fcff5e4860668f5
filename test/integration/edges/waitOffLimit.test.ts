/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * With Wait for Completion off, a task slot is given back right after the submit while the task
 * still runs at Fotor: refusals then must not teach the shared limiter a limit from the few tasks
 * it still holds (issue 19, item 3: cap 6, ten wait-off items → a limit of 3, and the next
 * waiting execution ran in two rounds).
 */
describe('a wait-off batch does not teach the account a far too low limit', () => {
	const sim = useSimulator();
	const upscale = (options: INodeParameters) =>
		imageParameters('upscale', { upscaleFactor: 2, imageSource: 'base64', imageBase64: base64Image(8, 8) }, { returnMode: 'url', ...options });
	const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { index } }));

	/** Most tasks of these that ran at Fotor at the same time. */
	const mostAtOnce = (taskIds: string[]) => {
		const spans = taskIds.map((taskId) => sim().tasks.get(taskId)).map((task) => [task?.createdAt ?? 0, task?.endedAt ?? 0]);
		return Math.max(...spans.map(([start]) => spans.filter(([from, to]) => from <= start && start < to).length));
	};

	it('cap 6: after ten wait-off items at Parallel 5, six waiting items run in one round', async () => {
		const apiKey = 'wait-off-account';
		sim().configure({ apiKeys: [apiKey], maxInFlightPerKey: 6, retryAfterSeconds: 1, taskDurationMs: 500 });
		const credentials = simulatorCredentials(sim(), apiKey);

		const submitted = await runNode({ parameters: { ...upscale({ parallelTasks: 5 }), waitForCompletion: false }, items: items(10), credentials });
		expect(submitted.error).toBeUndefined();
		expect(sim().submits.some((submit) => submit.httpStatus === 429)).toBe(true);
		await sleep(800); // every wait-off task has ended at Fotor

		const before = sim().submits.length;
		const waited = await runNode({ parameters: upscale({ parallelTasks: 6 }), items: items(6), credentials });
		expect(waited.error).toBeUndefined();
		const taskIds = sim().submits.slice(before).filter((submit) => submit.accepted).map((submit) => String(submit.taskId));
		expect(taskIds).toHaveLength(6);
		expect(mostAtOnce(taskIds)).toBe(6);
	}, 30_000);
});
