/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { getEventListeners } from 'node:events';

import type { IExecuteFunctions, INodeParameters, INodeType } from 'n8n-workflow';

import { Fotor } from '../../../nodes/Fotor/Fotor.node';
import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

const upscale = (options: INodeParameters = {}, fields: INodeParameters = {}) =>
	imageParameters('upscale', { upscaleFactor: 2, imageSource: 'base64', imageBase64: base64Image(8, 8), ...fields }, options);
const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { index } }));

/** Issue 18 item 2 and issue 19 items 1, 4, 6 and 10: paid work leaves a trace, and waiting costs nothing. */
describe('traces of paid work, and waits that cost nothing', () => {
	const sim = useSimulator();

	it('logs every accepted submit at info level with execution, node, item and task ID, before the wait', async () => {
		const lines: Array<{ message: string; meta: unknown; running: boolean }> = [];
		const logger = {
			info: (message: string, meta?: unknown) => lines.push({ message, meta, running: [...sim().tasks.values()].some((task) => task.status === 0) }),
			debug: () => undefined,
			warn: () => undefined,
			error: () => undefined,
		};
		sim().configure({ taskDurationMs: 300 });
		const result = await runNode({ parameters: upscale({ parallelTasks: 2 }), items: items(2), credentials: simulatorCredentials(sim()), nodeType: withContext({ logger }) });
		expect(result.error).toBeUndefined();
		const accepted = lines.filter((line) => line.message.startsWith('Fotor accepted task'));
		expect(accepted).toHaveLength(2);
		for (const submit of sim().submits) {
			expect(accepted.map((line) => line.message)).toContainEqual(expect.stringMatching(new RegExp(`^Fotor accepted task ${String(submit.taskId)} \\(execution exec-1, node "Node", item [01]\\)$`)));
		}
		expect(accepted[0].meta).toMatchObject({ executionId: 'exec-1', nodeName: 'Node', itemIndex: expect.any(Number), taskId: expect.any(String) });
		expect(accepted.every((line) => line.running)).toBe(true);
	});

	it('Stop while a submit is on its way: the task may or may not exist, and the run lists it', async () => {
		sim().injectFault({ route: 'submit', kind: 'slow', delayMs: 1500 });
		const result = await runNode({
			parameters: upscale({ parallelTasks: 1 }),
			items: items(1),
			credentials: simulatorCredentials(sim()),
			onStart: (cancel) => setTimeout(cancel, 400),
		});
		expect(result.error?.message).toMatch(/stopped while the request was on its way to Fotor; the task may or may not have been created/);
		expect(result.error?.message).not.toBe('The execution was cancelled');
		expect(result.error?.description).toMatch(/item 0: a submit that may or may not have created a task/);
	});

	it('builds an item\'s images only once it has a task slot, not every queued item\'s at once', async () => {
		const apiKey = 'slot-first-account';
		sim().configure({ apiKeys: [apiKey], maxInFlightPerKey: 1, retryAfterSeconds: 1, taskDurationMs: 300 });
		const credentials = simulatorCredentials(sim(), apiKey);
		// Teach the account's limiter Fotor's limit first (it then probes one above it).
		await runNode({ parameters: upscale({ parallelTasks: 2 }), items: items(2), credentials });
		const before = sim().requests.length;
		const result = await runNode({ parameters: upscale({ parallelTasks: 4, imageUpload: 'signedUpload' }), items: items(4), credentials });
		expect(result.error).toBeUndefined();
		const kinds = sim()
			.requests.slice(before)
			.filter((request) => request.method === 'PUT' || (request.path === '/v1/aiart/imgupscale' && request.status === 200))
			.map((request) => (request.method === 'PUT' ? 'put' : 'submit'));
		expect(kinds.filter((kind) => kind === 'put')).toHaveLength(4);
		// Before the fix all four uploads ran first; now the last one waits for two tasks to be sent.
		expect(kinds.slice(0, kinds.lastIndexOf('put')).filter((kind) => kind === 'submit').length).toBeGreaterThanOrEqual(2);
	}, 30_000);

	it('an item that waits longer than Max Wait for a task slot fails as not sent, and nothing is submitted for it', async () => {
		const apiKey = 'slot-wait-account';
		sim().configure({ apiKeys: [apiKey], maxInFlightPerKey: 1, retryAfterSeconds: 1, taskDurationMs: 300 });
		const credentials = simulatorCredentials(sim(), apiKey);
		await runNode({ parameters: upscale({ parallelTasks: 2 }), items: items(2), credentials });
		sim().configure({ taskDurationMs: 2500 });
		const before = sim().submits.length;
		const result = await runNode({ parameters: upscale({ parallelTasks: 4, maxWait: 1 }), items: items(4), credentials, continueOnFail: true });
		const notSent = result.items.filter((item) => /was not sent to Fotor: no task slot became free within 1 s/.test(String(item.json.error)));
		expect(notSent.length).toBeGreaterThanOrEqual(1);
		expect(String(notSent[0].json.description)).toMatch(/Nothing was sent or charged/);
		// Only the items that got a slot reached Fotor.
		const sentItems = new Set(sim().submits.slice(before).map((submit) => submit.taskId ?? 'refused'));
		expect(sim().submits.slice(before).filter((submit) => submit.accepted).length).toBeLessThanOrEqual(4 - notSent.length);
		expect(sentItems.size).toBeGreaterThan(0);
	}, 30_000);

	it('leaves no listener on the execution\'s cancel signal after each run', async () => {
		const signal = new AbortController().signal;
		const nodeType = withContext({ getExecutionCancelSignal: () => signal });
		for (let run = 0; run < 3; run++) {
			const result = await runNode({ parameters: upscale(), items: items(1), credentials: simulatorCredentials(sim()), nodeType });
			expect(result.error).toBeUndefined();
		}
		expect(getEventListeners(signal, 'abort')).toHaveLength(0);
	});
});

/** The Fotor node with some of its execute context replaced (a logger to read, a cancel signal to inspect). */
function withContext(overrides: Record<string, unknown>): INodeType {
	const node = new Fotor();
	const execute = node.execute;
	node.execute = async function (this: IExecuteFunctions) {
		for (const [name, value] of Object.entries(overrides)) Object.defineProperty(this, name, { value, configurable: true });
		return await execute.call(this);
	};
	return node;
}
