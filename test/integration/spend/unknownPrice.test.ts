import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { imageGenerate } from '../generation/support';
import { useSimulator } from '../support';
import { acceptedSubmits, freshAccount, items, maxInFlight, whenever } from './support';

/** 1k 1:1 Seedream: the simulator's built-in price is 4 tokens a task. */
const generate = (options: INodeParameters) => imageGenerate({ prompt: 'a red sneaker', model: 'seedream-4-0-250828', aspectRatio: '1:1', resolution: '1k' }, options);

/**
 * Max Tokens per Run with a price the process has not learned yet (each test uses an account of its
 * own): the first task runs alone and teaches the price; the budget can be passed by at most that task.
 */
describe('Max Tokens per Run, price unknown', () => {
	const sim = useSimulator();

	it('runs the first task alone, then the rest in parallel, up to the budget exactly', async () => {
		sim().configure({ imageGenerationDurationMs: 250 });
		const result = await runNode({ parameters: generate({ maxTokens: 20, parallelTasks: 5 }), items: items(10), credentials: freshAccount(sim()), continueOnFail: true });
		const sent = acceptedSubmits(sim()).map((submit) => submit.taskId ?? '');
		// 4 (first, alone) + 4 × 4 in parallel = 20; a sixth would reserve 24.
		expect(sent).toHaveLength(5);
		const first = sim().tasks.get(sent[0]);
		expect(sent.slice(1).every((taskId) => (sim().tasks.get(taskId)?.createdAt ?? 0) >= (first?.endedAt ?? Infinity))).toBe(true);
		expect(maxInFlight(sim(), sent)).toBe(4);
		expect(1000 - sim().credits.remaining).toBe(20);
		const refused = result.items.filter((item) => item.json.error);
		expect(refused).toHaveLength(5);
		expect(String(refused[0].json.description)).toMatch(/charged \d+ tokens? and has \d+ tokens? reserved.*estimated at 4 tokens/);
	});

	it('passes the budget by at most the one task that taught the price', async () => {
		sim().configure({ prices: [{ endpoint: 'imagegeneration', tokens: 30 }], imageGenerationDurationMs: 100 });
		const result = await runNode({ parameters: generate({ maxTokens: 20, parallelTasks: 6 }), items: items(6), credentials: freshAccount(sim()), continueOnFail: true });
		expect(acceptedSubmits(sim())).toHaveLength(1);
		expect(1000 - sim().credits.remaining).toBe(30); // ≤ 20 + one task of 30
		expect(result.items[0].json.creditsIncrement).toBe(30);
		const refused = result.items.slice(1);
		expect(refused.every((item) => /Max Tokens per Run \(20\) would be passed/.test(String(item.json.error)))).toBe(true);
		expect(String(refused[0].json.description)).toMatch(/charged 30 tokens and has 0 tokens reserved.*estimated at 30 tokens/);
	});

	it('follows the first task to its end with Wait for Completion off, and returns the others at once', async () => {
		sim().configure({ imageGenerationDurationMs: 200 });
		const parameters = { ...generate({ maxTokens: 100, parallelTasks: 3 }), waitForCompletion: false };
		const result = await runNode({ parameters, items: items(3), credentials: freshAccount(sim()) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['processing', 'processing', 'processing']);
		const [first, ...rest] = acceptedSubmits(sim());
		const firstEnded = sim().tasks.get(first.taskId ?? '')?.endedAt ?? Infinity;
		expect(rest.every((submit) => submit.at >= firstEnded)).toBe(true);
		// The first was followed to its end and charged 4; the others were not waited for (counted at 4).
		expect(result.hints.map((hint) => hint.message)).toEqual(['Fotor: 3 tasks, 12 tokens charged (2 not yet reported by Fotor, counted at their estimate)']);
	});

	it('two executions of one account send one task of an unpriced kind between them: the floor is kept', async () => {
		sim().configure({ credits: { total: 100, remaining: 20 }, prices: [{ endpoint: 'imagegeneration', tokens: 8 }], imageGenerationDurationMs: 200 });
		const credentials = freshAccount(sim(), { minimumBalance: 10 });
		const runs = await Promise.all([0, 1].map(async () => await runNode({ parameters: generate({ parallelTasks: 3 }), items: items(3), credentials, continueOnFail: true })));
		// The first task (20 > 10 left) teaches 8; 12 − 8 would pass the floor. One learning task per execution would leave 4.
		expect(acceptedSubmits(sim())).toHaveLength(1);
		expect(sim().credits.remaining).toBe(12);
		const refused = runs.flatMap((run) => run.items).filter((item) => item.json.error);
		expect(refused).toHaveLength(5);
		expect(refused.every((item) => /Minimum Balance \(10\)/.test(String(item.json.error)))).toBe(true);
	});

	it('uses the real charge when the price rises mid-run: fewer tasks than the old price allows', async () => {
		sim().configure({ prices: [{ endpoint: 'imagegeneration', tokens: 4 }], imageGenerationDurationMs: 400 });
		// Fotor raises the price while the first task runs (a price is fixed when a task is submitted).
		const stop = whenever(
			() => acceptedSubmits(sim()).length === 1,
			() => sim().configure({ prices: [{ endpoint: 'imagegeneration', tokens: 8 }] }),
		);
		const result = await runNode({ parameters: generate({ maxTokens: 16, parallelTasks: 1 }), items: items(5), credentials: freshAccount(sim()), continueOnFail: true });
		stop();
		// 4 (taught 4), then 4 + 4 ≤ 16 → charged 8 (taught 8): 12; 12 + 8 > 16. At 4 a task, 16 allows 4 tasks.
		expect(acceptedSubmits(sim())).toHaveLength(2);
		expect(result.items.slice(0, 2).map((item) => item.json.creditsIncrement)).toEqual([4, 8]);
		expect(1000 - sim().credits.remaining).toBe(12);
		expect(String(result.items[2].json.description)).toMatch(/charged 12 tokens and has 0 tokens reserved.*estimated at 8 tokens/);
		expect(result.hints.map((hint) => hint.message)).toContain('Fotor: 2 tasks, 12 tokens charged');
	});
});
