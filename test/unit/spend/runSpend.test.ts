/* eslint-disable @n8n/community-nodes/no-restricted-globals -- setImmediate lets pending reservations run */
import { AccountBalance } from '../../../nodes/shared/spend/accountBalance';
import { PriceBook } from '../../../nodes/shared/spend/priceBook';
import { RunSpend, SpendRefusal, type SpendLimits } from '../../../nodes/shared/spend/runSpend';
import type { TaskCost } from '../../../nodes/shared/spend/taskCost';
import type { FotorTask, FotorTaskState } from '../../../nodes/shared/task/fotorTask';

const classic: TaskCost = { kind: 'imgupscale', tokens: 1 };
const model: TaskCost = { kind: 'imagegeneration/m/1024x1024' };
const ended = (status: FotorTaskState, creditsIncrement?: number): FotorTask => ({
	taskId: 't',
	status,
	statusCode: null,
	results: [],
	hasHsfw: false,
	raw: {},
	...(creditsIncrement !== undefined && { creditsIncrement }),
});
const done = (creditsIncrement: number) => ended('completed', creditsIncrement);

function setup(limits: Partial<SpendLimits>, remaining = 1000) {
	const prices = new PriceBook();
	const balance = new AccountBalance();
	const fetchRemaining = jest.fn(async () => remaining);
	const spend = new RunSpend({ maxTokens: 0, minimumBalance: 0, ...limits }, prices, balance, fetchRemaining);
	const turns: Array<Promise<void>> = [];
	const reserve = async (cost: TaskCost) => await spend.reserve(cost, async (turn) => (turns.push(turn), await turn));
	/** Reserves, sends and ends one task at once. */
	const run = async (cost: TaskCost, task: FotorTask) => {
		const reservation = await reserve(cost);
		reservation.markSent();
		reservation.end(task);
	};
	return { spend, prices, balance, fetchRemaining, reserve, run, turns };
}

const refusal = async (promise: Promise<unknown>) => {
	const error = await promise.then(() => undefined, (caught: unknown) => caught);
	expect(error).toBeInstanceOf(SpendRefusal);
	return error as SpendRefusal;
};

describe('RunSpend: Max Tokens per Run', () => {
	it('reserves known prices until the next would pass the budget, naming charged, reserved and the estimate', async () => {
		const { reserve, run } = setup({ maxTokens: 4 });
		await run(classic, done(1));
		await run(classic, done(1));
		await reserve(classic);
		await reserve(classic);
		const refused = await refusal(reserve(classic));
		expect(refused.message).toBe('Max Tokens per Run (4) would be passed');
		expect(refused.description).toMatch(/^This run has been charged 2 tokens and has 2 tokens reserved for tasks in flight; it is estimated at 1 token\./);
	});

	it('refuses a task whose estimate alone is over the budget', async () => {
		const { reserve } = setup({ maxTokens: 2 });
		expect((await refusal(reserve({ kind: 'avatar', tokens: 3 }))).description).toMatch(/charged 0 tokens and has 0 tokens reserved.*estimated at 3 tokens/);
	});

	it('counts what Fotor charged, not the estimate, and frees a reservation that was not sent or not billed', async () => {
		const { spend, reserve, run } = setup({ maxTokens: 7 });
		await run(classic, done(3));
		await run(classic, done(3));
		(await reserve(classic)).end(); // never sent: nothing charged
		await run(classic, ended('failed'));
		await run(classic, done(1));
		expect(spend.report()).toEqual({ tasks: 4, charged: 7, unreported: 0 });
		expect((await refusal(reserve(classic))).description).toMatch(/charged 7 tokens/);
	});

	it('counts a sent task whose end is unknown at its estimate, and reports it as unreported', async () => {
		const { spend, reserve } = setup({ maxTokens: 10 });
		const uncertain = await reserve({ kind: 'avatar', tokens: 3 });
		uncertain.markSent();
		uncertain.end();
		const running = await reserve(classic);
		running.markSent();
		running.end(ended('processing'));
		expect(spend.report()).toEqual({ tasks: 2, charged: 4, unreported: 2 });
	});

	it('lets the first task of an unpriced kind run alone, then reserves the price it taught', async () => {
		const { spend, prices, reserve, turns } = setup({ maxTokens: 10 });
		const first = await reserve(model);
		expect(first.learning).toBe(true);
		let secondReserved = false;
		const second = reserve(model).then((reservation) => ((secondReserved = true), reservation));
		const classicMeanwhile = await reserve(classic); // another kind does not wait
		expect(classicMeanwhile.estimate).toBe(1);
		await new Promise((resolve) => setImmediate(resolve));
		expect(secondReserved).toBe(false);
		expect(turns).toHaveLength(1);
		first.markSent();
		first.end(done(4));
		expect(prices.price(model.kind)).toBe(4);
		const reservation = await second;
		expect(reservation.learning).toBe(false);
		expect(reservation.estimate).toBe(4);
		// charged 4 + reserved 1 (classic) + 4 = 9; one more model task (13) would pass 10
		expect((await refusal(reserve(model))).description).toMatch(/charged 4 tokens and has 5 tokens reserved.*estimated at 4 tokens/);
		expect(spend.report().charged).toBe(4);
	});

	it('sends an unpriced task only while the budget is not used up, so it passes the budget by at most that task', async () => {
		const { reserve, run } = setup({ maxTokens: 3 });
		await run(classic, done(3));
		expect((await refusal(reserve(model))).description).toMatch(/its price is not known yet/);
	});

	it('lets another execution of the account wait for the task already out to learn the price', async () => {
		const { prices, balance, fetchRemaining, reserve } = setup({ maxTokens: 100 });
		const other = new RunSpend({ maxTokens: 100, minimumBalance: 0 }, prices, balance, fetchRemaining);
		const first = await reserve(model);
		let turn: Promise<void> | undefined;
		const waiting = other.reserve(model, async (awaited) => await (turn = awaited));
		await new Promise((resolve) => setImmediate(resolve));
		expect(turn).toBe(first.learned);
		first.markSent();
		first.end(done(4));
		expect((await waiting).estimate).toBe(4);
		expect(prices.learningTask(model.kind)).toBeUndefined();
	});

	it('refuses further items of a kind whose learning task ended without a price', async () => {
		const { reserve } = setup({ maxTokens: 100 });
		const first = await reserve(model);
		const waiting = reserve(model);
		first.markSent();
		first.end(); // Max Wait passed: Fotor never said what it charged
		expect((await refusal(waiting)).message).toBe('its price is unknown');
		expect((await refusal(reserve(model))).description).toMatch(/imagegeneration\/m\/1024x1024/);
	});

	it('lets the next task learn when the learning task failed at Fotor (not charged, price still unknown)', async () => {
		const { reserve } = setup({ maxTokens: 100 });
		const first = await reserve(model);
		first.markSent();
		first.end(ended('failed'));
		expect((await reserve(model)).learning).toBe(true);
	});

	it('learns the price of the kind that ran (e.g. the fallback model)', async () => {
		const { prices, reserve } = setup({ maxTokens: 100 });
		const first = await reserve(model);
		first.markSent();
		first.end(done(6), 'imagegeneration/fallback/1024x1024');
		expect(prices.price('imagegeneration/fallback/1024x1024')).toBe(6);
		expect(prices.price(model.kind)).toBeUndefined();
	});

	it('never waits or refuses without limits, and reads no balance', async () => {
		const { spend, reserve, fetchRemaining } = setup({});
		const reservations = await Promise.all([reserve(model), reserve(model), reserve({ kind: 'x', tokens: 1e9 })]);
		expect(reservations.map((reservation) => reservation.learning)).toEqual([false, false, false]);
		expect(spend.limited).toBe(false);
		expect(fetchRemaining).not.toHaveBeenCalled();
	});
});

describe('RunSpend: Minimum Balance', () => {
	it('refuses a task that would take the balance below the floor, counting reservations of every run of the account', async () => {
		const { balance, reserve, fetchRemaining } = setup({ minimumBalance: 10 }, 13);
		const other = new RunSpend({ maxTokens: 0, minimumBalance: 10 }, new PriceBook(), balance, fetchRemaining);
		await reserve(classic);
		await other.reserve(classic, async () => undefined);
		await reserve(classic);
		const refused = await refusal(reserve(classic));
		expect(refused.message).toBe("the account's balance would fall below the Minimum Balance (10)");
		expect(refused.description).toMatch(/^About 10 tokens are left for new tasks .*estimated at 1 token/);
		expect(fetchRemaining).toHaveBeenCalledTimes(1);
	});

	it('sends an unpriced task only while the balance is above the floor', async () => {
		expect((await refusal(setup({ minimumBalance: 10 }, 10).reserve(model))).description).toMatch(/About 10 tokens.*price is not known yet/);
		expect((await setup({ minimumBalance: 10 }, 11).reserve(model)).learning).toBe(true);
	});

	it('reports the balance left only when the floor was checked', async () => {
		const floor = setup({ minimumBalance: 5 }, 50);
		await floor.run(classic, done(2));
		expect(floor.spend.report()).toEqual({ tasks: 1, charged: 2, unreported: 0, balanceLeft: 48 });
		const budget = setup({ maxTokens: 5 }, 50);
		await budget.run(classic, done(2));
		expect(budget.spend.report().balanceLeft).toBeUndefined();
	});

	it('uses a price learned while the balance was being read', async () => {
		const prices = new PriceBook();
		let answer: (remaining: number) => void = () => undefined;
		const spend = new RunSpend({ maxTokens: 0, minimumBalance: 10 }, prices, new AccountBalance(), async () => await new Promise<number>((resolve) => (answer = resolve)));
		const reserving = spend.reserve(model, async () => undefined);
		await new Promise((resolve) => setImmediate(resolve));
		prices.learn(model.kind, 4); // another execution of the account taught it meanwhile
		answer(100);
		const reservation = await reserving;
		expect(reservation.learning).toBe(false);
		expect(reservation.estimate).toBe(4);
	});
});
