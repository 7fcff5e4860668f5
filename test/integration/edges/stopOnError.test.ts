/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** On Error → Stop Workflow (the default): what Fotor already accepted is reported, nothing new is sent. */
describe('Stop On Error', () => {
	const sim = useSimulator();
	const submitPaths = (path: string) => path.startsWith('/v1/aiart/') && !path.startsWith('/v1/aiart/tasks/');

	it('when item 1 fails at Fotor while others are in flight, the error lists the tasks Fotor accepted and no submit follows the failure', async () => {
		// Item 0: a long task (still running at the failure). Item 1: fails at Fotor after 400 ms.
		// Item 2: completes after 50 ms. Item 3: its signed-upload PUT is slow, so its submit would
		// come after the failure (with the old code it did).
		const images = [base64Image(8, 8), base64Image(12, 8), base64Image(16, 8), base64Image(20, 8)];
		sim().configure({ taskDurationMs: 5_000 });
		sim().injectTaskOutcome({ status: 2, msg: 'face not found', match: images[1], durationMs: 400 });
		sim().injectTaskOutcome({ status: 1, match: images[2], durationMs: 50 });
		sim().injectFault({ route: 'uploadPut', kind: 'slow', delayMs: 1_500 });
		const started = Date.now();

		const result = await runNode({
			parameters: imageParameters(
				'upscale',
				{ upscaleFactor: 2, imageSource: 'base64', imageBase64: '={{ $json.img }}' },
				{ parallelTasks: 4, imageUpload: '={{ $json.upload }}', returnMode: 'url' },
			),
			items: images.map((img, n) => ({ json: { img, upload: n === 3 ? 'signedUpload' : 'dataUri' } })),
			credentials: simulatorCredentials(sim()),
		});

		const taskOf = (image: string) => sim().submits.find((submit) => submit.accepted && JSON.stringify(submit.body).includes(image))?.taskId;
		const [task0, task1, task2] = [taskOf(images[0]), taskOf(images[1]), taskOf(images[2])];
		expect([task0, task1, task2]).toEqual([expect.any(String), expect.any(String), expect.any(String)]);

		expect(result.error?.message).toBe(`Fotor task ${task1} failed: face not found`);
		expect(result.error?.context?.itemIndex).toBe(1);
		const description = result.error?.description ?? '';
		expect(description).toContain('Fotor does not charge tokens for failed tasks');
		expect(description).toContain('Fotor accepted 2 task(s) in this run before it stopped');
		expect(description).toContain(`item 0: ${task0} (still running)`);
		expect(description).toContain(`item 2: ${task2} (completed)`);
		expect(description).toMatch(/Collect them with Task → Get/);
		// The failed task costs nothing and has no result: it is not among the billed ones.
		expect(description.slice(description.indexOf('Fotor accepted'))).not.toContain(String(task1));
		// The run stopped at the failure: it did not wait for item 0's 5 s task.
		expect(Date.now() - started).toBeLessThan(3_000);

		// Past the slow PUT: still nothing new reached Fotor.
		await sleep(Math.max(0, started + 2_500 - Date.now()));
		const failureSeen = sim()
			.requests.filter((request) => request.path === `/v1/aiart/tasks/${task1}`)
			.reduce((last, request) => Math.max(last, request.at), 0);
		expect(failureSeen).toBeGreaterThan(0);
		// Item 3 was mid-way (its PUT had started) when item 1 failed.
		expect(sim().requests.some((request) => request.method === 'PUT' && request.at < failureSeen)).toBe(true);
		expect(sim().requests.filter((request) => request.method === 'POST' && submitPaths(request.path) && request.at >= failureSeen)).toEqual([]);
		expect(sim().submits).toHaveLength(3);
	});

	describe('a bad value in a later item', () => {
		const parameters = imageParameters('upscale', { upscaleFactor: '={{ $json.f }}', imageSource: 'base64', imageBase64: base64Image(8, 8) }, { returnMode: 'url' });
		const items = [2, 4, 3].map((f) => ({ json: { f } }));

		it('without Continue On Fail: stops the run before any submit, naming item 2 and Upscale Factor', async () => {
			const result = await runNode({ parameters, items, credentials: simulatorCredentials(sim()) });

			expect(result.error?.message).toBe('Invalid "Upscale Factor" in item 2: 3 is not allowed');
			expect(result.error?.context?.itemIndex).toBe(2);
			await sleep(200); // a submit already on its way would show up by now
			expect(sim().submits).toHaveLength(0);
			expect(sim().requests).toHaveLength(0);
		});

		it('with Continue On Fail: items 0 and 1 run, item 2 is an error item', async () => {
			const result = await runNode({ parameters, items, credentials: simulatorCredentials(sim()), continueOnFail: true });

			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(result.items.slice(0, 2).map((item) => item.json.status)).toEqual(['completed', 'completed']);
			expect(result.items[2].json.error).toBe('Invalid "Upscale Factor" in item 2: 3 is not allowed');
			expect(sim().submits.map((submit) => (submit.body as { upscaling_resize: number }).upscaling_resize).sort()).toEqual([2, 4]);
		});
	});
});
