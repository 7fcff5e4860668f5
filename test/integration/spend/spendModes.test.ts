import { runAsTool } from '../../harness/runAsTool';
import { runNode } from '../../harness/runNode';
import { imageGenerate, REMOTE_IMAGE } from '../generation/support';
import { imageParameters, useSimulator } from '../support';
import { acceptedSubmits, freshAccount, items, upscale } from './support';

const hints = (result: { hints: Array<{ message: string }> }) => result.hints.map((hint) => hint.message);

/** What an item refused by a limit gives with On Error → Continue and Stop Workflow, and what the run reports. */
describe('spend limits: Continue, stop, tool mode and the spend hint', () => {
	const sim = useSimulator();

	it('Max Tokens, error output: the refused items carry their inputs and the budget, charged, reserved and estimate', async () => {
		const result = await runNode({ parameters: upscale({ maxTokens: 4, parallelTasks: 1 }), items: items(10), credentials: freshAccount(sim()), onError: 'continueErrorOutput' });
		const [ok, failed] = result.outputs;
		expect(ok).toHaveLength(4);
		expect(ok.map((item) => item.json.creditsIncrement)).toEqual([1, 1, 1, 1]);
		expect(acceptedSubmits(sim())).toHaveLength(4);
		expect(sim().submits).toHaveLength(4);
		expect(1000 - sim().credits.remaining).toBe(4);
		expect(failed.map((item) => item.json.index)).toEqual([4, 5, 6, 7, 8, 9]);
		expect(failed[0].json.error).toBe('Item 4 was not sent to Fotor: Max Tokens per Run (4) would be passed');
		expect(failed[0].json.message).toMatch(/^This run has been charged 4 tokens and has 0 tokens reserved for tasks in flight; it is estimated at 1 token\./);
		expect(hints(result)).toContain('Fotor: 4 tasks, 4 tokens charged');
	});

	it('Max Tokens, in parallel: every refusal counts what is charged and reserved, and nothing passes the budget', async () => {
		const result = await runNode({ parameters: upscale({ maxTokens: 4, parallelTasks: 3 }), items: items(10), credentials: freshAccount(sim()), continueOnFail: true });
		expect(1000 - sim().credits.remaining).toBe(4);
		const refused = result.items.filter((item) => item.json.error);
		expect(refused).toHaveLength(6);
		for (const item of refused) {
			const [, charged, reserved] = /charged (\d+) tokens? and has (\d+) tokens? reserved/.exec(String(item.json.description)) ?? [];
			expect(Number(charged) + Number(reserved)).toBe(4);
		}
	});

	it('Max Tokens, stop: no submit after the refusal, and the error lists the tasks Fotor accepted', async () => {
		const result = await runNode({ parameters: upscale({ maxTokens: 2, parallelTasks: 1 }), items: items(5), credentials: freshAccount(sim()) });
		expect(result.error?.message).toBe('Item 2 was not sent to Fotor: Max Tokens per Run (2) would be passed');
		expect(sim().submits).toHaveLength(2);
		for (const submit of sim().submits) expect(result.error?.description).toContain(submit.taskId);
	});

	it('Minimum Balance, error output: the refused items carry their inputs; the floor is kept exactly', async () => {
		sim().configure({ credits: { total: 100, remaining: 14 } });
		const result = await runNode({ parameters: upscale({ parallelTasks: 2 }), items: items(6), credentials: freshAccount(sim(), { minimumBalance: 10 }), onError: 'continueErrorOutput' });
		const [ok, failed] = result.outputs;
		expect(ok).toHaveLength(4);
		expect(sim().credits.remaining).toBe(10);
		expect(failed.map((item) => item.json.index)).toEqual([4, 5]);
		expect(failed[0].json.error).toBe("Item 4 was not sent to Fotor: the account's balance would fall below the Minimum Balance (10)");
		expect(failed[0].json.message).toMatch(/^About 10 tokens are left for new tasks .*it is estimated at 1 token\./);
		expect(hints(result)).toContain('Fotor: 4 tasks, 4 tokens charged, about 10 tokens left on the account');
	});

	it('Minimum Balance, stop: no submit after the refusal', async () => {
		sim().configure({ credits: { total: 100, remaining: 12 } });
		const result = await runNode({ parameters: upscale({ parallelTasks: 1 }), items: items(5), credentials: freshAccount(sim(), { minimumBalance: 10 }) });
		expect(result.error?.message).toMatch(/^Item 2 was not sent to Fotor: the account's balance would fall below the Minimum Balance \(10\)/);
		expect(sim().submits).toHaveLength(2);
		expect(result.error?.description).toMatch(/Fotor accepted 2 task\(s\)/);
	});

	it('tool mode: the agent gets creditsIncrement, and a budget refusal as an error', async () => {
		const credentials = freshAccount(sim());
		const parameters = imageGenerate({ prompt: 'a red sneaker', model: 'seedream-4-0-250828', aspectRatio: '1:1', resolution: '1k' }, { maxTokens: 2 });
		// The price (4) is unknown: the first task is sent and teaches it.
		const first = await runAsTool({ parameters, credentials, toolArguments: {} });
		expect(first.answer).toEqual([expect.objectContaining({ status: 'completed', creditsIncrement: 4 })]);
		const second = await runAsTool({ parameters, credentials, toolArguments: {} });
		expect(String(second.toolError)).toMatch(/Item 0 was not sent to Fotor: Max Tokens per Run \(2\) would be passed/);
		expect(acceptedSubmits(sim())).toHaveLength(1);
	});

	it('the hint counts what Fotor charged, and tasks not reported yet at their estimate', async () => {
		sim().configure({ prices: [{ endpoint: 'imgupscale', tokens: 3 }] });
		const charged = await runNode({ parameters: upscale({ parallelTasks: 2 }), items: items(2), credentials: freshAccount(sim()) });
		expect(hints(charged)).toEqual(['Fotor: 2 tasks, 6 tokens charged']);
		const waitOff = await runNode({ parameters: { ...upscale(), waitForCompletion: false, imageSource: 'url', imageUrl: REMOTE_IMAGE }, items: items(2), credentials: freshAccount(sim()) });
		expect(hints(waitOff)).toEqual(['Fotor: 2 tasks, 2 tokens charged (2 not yet reported by Fotor, counted at their estimate)']);
	});

	it('adds no hint to a run that sent nothing', async () => {
		const templates = { template: [{ templateId: 't1', count: 3 }] };
		const parameters = imageParameters('headshot', { imageSource: 'url', imageUrl: REMOTE_IMAGE, templates }, { maxTokens: 2 });
		const result = await runNode({ parameters, items: items(2), credentials: freshAccount(sim()), continueOnFail: true });
		expect(result.items.every((item) => /Max Tokens per Run \(2\)/.test(String(item.json.error)))).toBe(true);
		expect(String(result.items[0].json.description)).toMatch(/estimated at 3 tokens/);
		expect(sim().submits).toHaveLength(0);
		expect(hints(result)).toEqual([]);
	});
});
