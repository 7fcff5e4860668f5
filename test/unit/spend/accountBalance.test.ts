import { AccountBalance, BALANCE_MAX_AGE_MS } from '../../../nodes/shared/spend/accountBalance';

/** A GET /v1/credits the test answers when it likes, counting the requests. */
function controlledFetch() {
	const answers: Array<(remaining: number) => void> = [];
	const fetch = jest.fn(async () => await new Promise<number>((resolve) => answers.push(resolve)));
	return { fetch, answer: (remaining: number) => answers.shift()?.(remaining) };
}

describe('AccountBalance', () => {
	it('shares one balance read among concurrent callers and serves it for 10 s', async () => {
		let now = 1_000;
		const balance = new AccountBalance(() => now);
		const { fetch, answer } = controlledFetch();
		const first = balance.available(fetch);
		const second = balance.available(fetch);
		answer(50);
		expect(await Promise.all([first, second])).toEqual([50, 50]);
		now += BALANCE_MAX_AGE_MS;
		expect(await balance.available(fetch)).toBe(50);
		expect(fetch).toHaveBeenCalledTimes(1);
		now += 1;
		const third = balance.available(fetch);
		answer(40);
		expect(await third).toBe(40);
		expect(fetch).toHaveBeenCalledTimes(2);
	});

	it('subtracts reservations in flight and charges seen since the read', async () => {
		const balance = new AccountBalance(() => 0);
		expect(balance.lastKnown).toBeUndefined();
		await balance.available(async () => 100);
		balance.reserve(4);
		balance.reserve(4);
		expect(balance.lastKnown).toBe(92);
		balance.settle(4, 6); // charged more than reserved
		expect(balance.lastKnown).toBe(90);
		balance.settle(4, 0); // never sent, or failed at Fotor
		expect(balance.lastKnown).toBe(94);
	});

	it('drops charges the next read already contains', async () => {
		let now = 0;
		const balance = new AccountBalance(() => now);
		await balance.available(async () => 100);
		balance.reserve(5);
		balance.settle(5, 5);
		expect(balance.lastKnown).toBe(95);
		now += BALANCE_MAX_AGE_MS + 1;
		expect(await balance.available(async () => 95)).toBe(95);
	});

	it('keeps a charge seen while a read is on its way (the answer may not contain it)', async () => {
		let now = 0;
		const balance = new AccountBalance(() => now);
		await balance.available(async () => 100);
		balance.reserve(5);
		now += BALANCE_MAX_AGE_MS + 1;
		const { fetch, answer } = controlledFetch();
		const refreshed = balance.available(fetch);
		await Promise.resolve();
		balance.settle(5, 5); // the task ended after Fotor answered the read
		answer(100);
		expect(await refreshed).toBe(95);
	});

	it('reads again after a failed read', async () => {
		const balance = new AccountBalance(() => 0);
		await expect(balance.available(async () => await Promise.reject(new Error('502')))).rejects.toThrow('502');
		expect(balance.lastKnown).toBeUndefined();
		expect(await balance.available(async () => 30)).toBe(30);
	});
});
