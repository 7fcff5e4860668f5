import { runNode } from '../../harness/runNode';
import { imageGenerate } from '../generation/support';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';
import { acceptedSubmits as accepted, items, upscale } from './support';

describe('Max Tokens per Run', () => {
	const sim = useSimulator();

	it('sends items of a known price until the budget is reached; the rest fail as not sent (Continue)', async () => {
		const result = await runNode({ parameters: upscale({ maxTokens: 4, parallelTasks: 3 }), items: items(10), credentials: simulatorCredentials(sim()), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(accepted(sim())).toHaveLength(4);
		expect(sim().credits.remaining).toBe(1000 - 4);
		const failed = result.items.filter((item) => item.json.error);
		expect(failed).toHaveLength(6);
		expect(String(failed[0].json.error)).toMatch(/was not sent to Fotor: Max Tokens per Run \(4\) would be passed/);
		expect(String(failed[0].json.description)).toMatch(/charged \d+ tokens? and has \d+ tokens? reserved.*estimated at 1 token/);
		expect(result.items.map((item) => item.pairedItem)).toEqual(items(10).map((_, index) => ({ item: index })));
	});

	it('stops the run at the first refusal in stop mode, listing the accepted tasks', async () => {
		const result = await runNode({ parameters: upscale({ maxTokens: 2, parallelTasks: 1 }), items: items(5), credentials: simulatorCredentials(sim()) });
		expect(result.error?.message).toMatch(/Item 2 was not sent to Fotor: Max Tokens per Run \(2\)/);
		expect(result.error?.description).toMatch(/Fotor accepted 2 task\(s\)/);
		// n8n drops a failed node's hints, so the error carries the run's spend line.
		expect(result.error?.description).toMatch(/Fotor: 2 tasks, 2 tokens charged\.$/);
		expect(accepted(sim())).toHaveLength(2);
	});

	it('counts AI Headshot at the sum of its templates', async () => {
		const parameters = imageParameters(
			'headshot',
			{ imageSource: 'base64', imageBase64: base64Image(8, 8), templates: { template: [{ templateId: 't1', count: 2 }, { templateId: 't2', count: 1 }] } },
			{ maxTokens: 5 },
		);
		const result = await runNode({ parameters, items: items(2), credentials: simulatorCredentials(sim()), continueOnFail: true });
		expect(accepted(sim())).toHaveLength(1);
		expect(String(result.items.at(-1)?.json.error)).toMatch(/estimated at 3 tokens|Max Tokens per Run \(5\)/);
	});

	it('learns an unknown price from the first task, which runs alone, then stays within the budget', async () => {
		// 1k 1:1 Seedream: the simulator charges 4 tokens; the process has not seen this kind.
		const parameters = imageGenerate({ prompt: 'a red sneaker', model: 'seedream-4-0-250828', aspectRatio: '1:1', resolution: '1k' }, { maxTokens: 10, parallelTasks: 6 });
		sim().configure({ imageGenerationDurationMs: 300 });
		const result = await runNode({ parameters, items: items(6), credentials: simulatorCredentials(sim()), continueOnFail: true });
		const sent = accepted(sim());
		expect(sent).toHaveLength(2);
		const first = sim().tasks.get(sent[0].taskId ?? '');
		expect(sent[1].at).toBeGreaterThanOrEqual(first?.endedAt ?? Number.POSITIVE_INFINITY);
		expect(1000 - sim().credits.remaining).toBe(8);
		expect(result.items.filter((item) => item.json.error)).toHaveLength(4);
		expect(result.items[0].json.creditsIncrement).toBe(4);
	});

	it('runs the rest in parallel once the price is known', async () => {
		const parameters = imageGenerate({ prompt: 'a blue sneaker', model: 'seedream-4-0-250828', aspectRatio: '16:9', resolution: '1k' }, { maxTokens: 100, parallelTasks: 5 });
		sim().configure({ imageGenerationDurationMs: 300 });
		const result = await runNode({ parameters, items: items(5), credentials: simulatorCredentials(sim()) });
		expect(result.error).toBeUndefined();
		const sent = accepted(sim());
		const firstEnded = sim().tasks.get(sent[0].taskId ?? '')?.endedAt ?? 0;
		expect(sent.slice(1).every((submit) => submit.at >= firstEnded)).toBe(true);
		// The other four went out together, not one by one.
		const secondEnded = Math.min(...sent.slice(1).map((submit) => sim().tasks.get(submit.taskId ?? '')?.endedAt ?? 0));
		expect(sent.slice(1).every((submit) => submit.at < secondEnded)).toBe(true);
	});

	it('uses the real charge when Fotor charges more than the estimate', async () => {
		sim().configure({ prices: [{ endpoint: 'imgupscale', tokens: 3 }] });
		const result = await runNode({ parameters: upscale({ maxTokens: 7, parallelTasks: 1 }), items: items(5), credentials: simulatorCredentials(sim()), continueOnFail: true });
		// Estimate 1: the first task is sent (1 ≤ 7), charged 3; then 3 + 1 ≤ 7 → second (6); 6 + 1 ≤ 7 → third (9).
		// Without the real figure the run would have sent 7 tasks.
		expect(accepted(sim())).toHaveLength(3);
		expect(1000 - sim().credits.remaining).toBe(9);
		expect(String(result.items[3].json.description)).toMatch(/charged 9 tokens and has 0 tokens reserved.*estimated at 1 token/);
	});

	it('adds an execution hint with the tasks and tokens of the run', async () => {
		const result = await runNode({ parameters: upscale({ parallelTasks: 2 }), items: items(3), credentials: simulatorCredentials(sim()) });
		expect(result.hints.map((hint) => hint.message)).toContain('Fotor: 3 tasks, 3 tokens charged');
	});

	it.each([
		['negative', -1, /Invalid "Max Tokens per Run" in item 0: -1 is out of range/],
		['not a number', 'ten', /Invalid "Max Tokens per Run" in item 0: "ten" is not a number/],
		['different per item', '={{ $json.index === 1 ? 5 : 4 }}', /Invalid "Max Tokens per Run" in item 1: it is 5 here but 4 in item 0/],
	])('refuses a budget that is %s before anything is sent', async (_, maxTokens, message) => {
		const result = await runNode({ parameters: upscale({ maxTokens }), items: items(3), credentials: simulatorCredentials(sim()) });
		expect(result.error?.message).toMatch(message);
		expect(sim().submits).toHaveLength(0);
	});
});
