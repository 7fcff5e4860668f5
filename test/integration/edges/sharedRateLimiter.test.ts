/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fotor's limits are per account, and n8n runs many executions in one process: executions with
 * the same credential share one rate limiter (issue 14). Each test uses its own API keys, so
 * what one test's limiter learned never carries into the next. The simulator refuses a submit
 * with 429 while a key has 2 unfinished tasks.
 */
describe('executions share the account’s rate limiter', () => {
	const sim = useSimulator();
	/** Upscale with the image from the item, so each submit tells which execution sent it. */
	const parameters = (parallelTasks: number) =>
		imageParameters('upscale', { upscaleFactor: 2, imageSource: 'base64', imageBase64: '={{ $json.img }}' }, { returnMode: 'url', parallelTasks });
	const items = (count: number, img: string) => Array.from({ length: count }, () => ({ json: { img } }));
	const refusals = (apiKey: string) => sim().submits.filter((submit) => submit.apiKey === apiKey && submit.httpStatus === 429);
	const sentBy = (img: string) => sim().submits.filter((submit) => JSON.stringify(submit.body).includes(img));

	it('eight executions of the same account started together: every item completes, with fewer refusals than tasks', async () => {
		const apiKey = 'crowded-account-key';
		sim().configure({ apiKeys: [apiKey], maxInFlightPerKey: 2, retryAfterSeconds: 1, taskDurationMs: 400 });
		const credentials = simulatorCredentials(sim(), apiKey);

		const results = await Promise.all(Array.from({ length: 8 }, () => runNode({ parameters: parameters(2), items: items(2, base64Image(8, 8)), credentials })));

		expect(results.map((result) => result.error)).toEqual(Array(8).fill(undefined));
		expect(results.flatMap((result) => result.items.map((item) => item.json.status))).toEqual(Array(16).fill('completed'));
		expect(sim().submits.filter((submit) => submit.accepted)).toHaveLength(16);
		// Executions racing Fotor each on their own were refused 23 times here (more often than
		// they got through); sharing what the first refusals taught keeps it well below.
		expect(refusals(apiKey).length).toBeLessThan(16);
	}, 20_000);

	it('an execution starting while another of the same account fills Fotor’s limit waits for a slot instead of submitting', async () => {
		const apiKey = 'queued-account-key';
		sim().configure({ apiKeys: [apiKey], maxInFlightPerKey: 2, retryAfterSeconds: 1, taskDurationMs: 600 });
		const credentials = simulatorCredentials(sim(), apiKey);
		const [imgA, imgB] = [base64Image(8, 8), base64Image(10, 10)];

		const first = runNode({ parameters: parameters(3), items: items(3, imgA), credentials });
		await sleep(200); // the first has met Fotor's limit (one refusal) and runs two tasks
		expect(refusals(apiKey)).toHaveLength(1);
		const second = await runNode({ parameters: parameters(3), items: items(3, imgB), credentials });
		const firstResult = await first;

		expect(firstResult.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(sim().submits.filter((submit) => submit.accepted)).toHaveLength(6);
		// The second execution sent nothing until one of the first one's tasks had ended at Fotor.
		const firstTaskEnd = Math.min(...[...sim().tasks.values()].map((task) => task.endedAt ?? Number.POSITIVE_INFINITY));
		expect(Math.min(...sentBy(imgB).map((submit) => submit.at))).toBeGreaterThanOrEqual(firstTaskEnd);
	});

	it('executions with different API keys do not share: one account’s learned limit never holds the other back', async () => {
		const [keyA, keyB] = ['account-a-key', 'account-b-key'];
		sim().configure({ apiKeys: [keyA, keyB], maxInFlightPerKey: 2, retryAfterSeconds: 1, taskDurationMs: 800 });
		const img = base64Image(8, 8);

		// Account A meets its limit (one refusal) and keeps two tasks running.
		const runA = runNode({ parameters: parameters(3), items: items(3, img), credentials: simulatorCredentials(sim(), keyA) });
		await sleep(200);
		expect(refusals(keyA)).toHaveLength(1);
		const startedB = Date.now();
		const resultB = await runNode({ parameters: parameters(2), items: items(2, img), credentials: simulatorCredentials(sim(), keyB) });
		const resultA = await runA;

		expect(resultA.error).toBeUndefined();
		expect(resultB.error).toBeUndefined();
		const submitsB = sim().submits.filter((submit) => submit.apiKey === keyB);
		expect(submitsB.map((submit) => submit.httpStatus)).toEqual([200, 200]);
		// B's two tasks started at once, while A's first tasks were still running at Fotor.
		const firstEndOfA = Math.min(...[...sim().tasks.values()].filter((task) => task.apiKey === keyA).map((task) => task.completesAt));
		for (const submit of submitsB) {
			expect(submit.at - startedB).toBeLessThan(150);
			expect(submit.at).toBeLessThan(firstEndOfA);
		}
	});
});
