import { runAsTool } from '../../harness/runAsTool';
import { runNode } from '../../harness/runNode';
import { useSimulator } from '../support';
import { freshAccount as account, items, upscale } from './support';

describe("the credential's Minimum Balance", () => {
	const sim = useSimulator();
	/** An account of its own per test: the balance is shared per account in the process for 10 s. */
	const freshAccount = (minimumBalance: number | string) => account(sim(), { minimumBalance });
	const balanceReads = () => sim().requests.filter((request) => request.path === '/v1/credits').length;

	it('never takes the balance below the floor, with two executions of the account at once, on one balance read', async () => {
		sim().configure({ credits: { total: 100, remaining: 20 }, taskDurationMs: 200 });
		const credentials = freshAccount(10);
		// All 20 items try at once: only the reservations of the other execution's tasks in flight keep the floor.
		const runs = await Promise.all([
			runNode({ parameters: upscale({ parallelTasks: 10 }), items: items(10), credentials, continueOnFail: true }),
			runNode({ parameters: upscale({ parallelTasks: 10 }), items: items(10), credentials, continueOnFail: true }),
		]);
		expect(sim().credits.remaining).toBe(10);
		expect(sim().submits.filter((submit) => submit.accepted)).toHaveLength(10);
		expect(balanceReads()).toBe(1);
		const refused = runs.flatMap((run) => run.items).filter((item) => item.json.error);
		expect(refused).toHaveLength(10);
		expect(String(refused[0].json.error)).toMatch(/was not sent to Fotor: the account's balance would fall below the Minimum Balance \(10\)/);
		expect(String(refused[0].json.description)).toMatch(/About 10 tokens are left for new tasks.*estimated at 1 token/);
	});

	it('stops the run in stop mode and says how much is left in the hint of a run that fits', async () => {
		sim().configure({ credits: { total: 100, remaining: 12 } });
		const credentials = freshAccount(10);
		const fits = await runNode({ parameters: upscale({ parallelTasks: 1 }), items: items(2), credentials });
		expect(fits.error).toBeUndefined();
		expect(fits.hints.map((hint) => hint.message)).toContain('Fotor: 2 tasks, 2 tokens charged, about 10 tokens left on the account');
		const stopped = await runNode({ parameters: upscale({ parallelTasks: 1 }), items: items(2), credentials });
		expect(stopped.error?.message).toMatch(/Item 0 was not sent to Fotor: the account's balance would fall below the Minimum Balance/);
		expect(sim().submits.filter((submit) => submit.accepted)).toHaveLength(2);
	});

	it('is off at 0: no balance read', async () => {
		const credentials = freshAccount(0);
		const result = await runNode({ parameters: upscale(), items: items(2), credentials });
		expect(result.error).toBeUndefined();
		expect(balanceReads()).toBe(0);
	});

	it.each([
		['negative', -5],
		['not a number', 'lots'],
	])('refuses a floor that is %s before anything is sent', async (_, minimumBalance) => {
		const result = await runNode({ parameters: upscale(), items: items(2), credentials: freshAccount(minimumBalance) });
		expect(result.error?.message).toMatch(/"Minimum Balance" must be a number of tokens, 0 or more/);
		expect(sim().submits).toHaveLength(0);
	});

	it('gives an AI agent creditsIncrement, and a refusal as an error', async () => {
		sim().configure({ credits: { total: 100, remaining: 50 } });
		const ok = await runAsTool({
			parameters: { ...upscale(), imageSource: 'url', imageUrl: 'https://images.example.com/a.png' },
			credentials: freshAccount(10),
			toolArguments: {},
		});
		expect(ok.answer).toEqual([expect.objectContaining({ status: 'completed', creditsIncrement: 1 })]);
		sim().configure({ credits: { total: 100, remaining: 10 } });
		const refused = await runAsTool({
			parameters: { ...upscale(), imageSource: 'url', imageUrl: 'https://images.example.com/a.png' },
			credentials: freshAccount(10),
			toolArguments: {},
		});
		expect(String(refused.toolError)).toMatch(/was not sent to Fotor: the account's balance would fall below the Minimum Balance/);
	});
});
