import { accountCount, accountKey, sharedAccountState } from '../../../nodes/shared/client/accountRegistry';

/** One rate limiter (and one timing model) per account (base URL + API key) in this process, shared by every execution. */
describe('accountRegistry', () => {
	const BASE = 'https://api-b.fotor.com';
	const KEY = ['fotor', 'registry', 'secret', 'key'].join('-');

	it('gives the same limiter and timings for the same base URL and key, others for another key or host', () => {
		const account = sharedAccountState(BASE, KEY);
		expect(sharedAccountState(BASE, KEY).limiter).toBe(account.limiter);
		expect(sharedAccountState(BASE, KEY).timing).toBe(account.timing);
		expect(sharedAccountState(BASE, `${KEY}-2`).limiter).not.toBe(account.limiter);
		expect(sharedAccountState('https://api-b-sandbox.fotor.com', KEY).limiter).not.toBe(account.limiter);
	});

	it('keys accounts by a one-way hash that does not contain the API key', () => {
		const key = accountKey(BASE, KEY);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain(KEY);
		expect(key).toBe(accountKey(BASE, KEY));
		expect(key).not.toBe(accountKey(BASE, `${KEY}x`));
		// base URL and key are kept apart: moving text from one to the other is another account
		expect(accountKey('https://a.example', 'bkey')).not.toBe(accountKey('https://a.exampleb', 'key'));
	});

	it('stays bounded, dropping idle accounts and keeping busy ones', async () => {
		const busy = sharedAccountState(BASE, 'busy-account-key').limiter;
		const release = await busy.acquireTaskSlot();
		const idleAtStart = sharedAccountState(BASE, 'idle-account-key').limiter;

		for (let n = 0; n < 250; n++) sharedAccountState(BASE, `account-${n}`);

		expect(accountCount()).toBeLessThanOrEqual(100);
		expect(sharedAccountState(BASE, 'busy-account-key').limiter).toBe(busy); // a running execution keeps its limiter
		expect(sharedAccountState(BASE, 'idle-account-key').limiter).not.toBe(idleAtStart); // an idle one was dropped and made anew
		release();
	});

	it('when every account is busy, the least recently used one goes first', async () => {
		const limiters = [];
		const held: Array<() => void> = [];
		for (let n = 0; n < 100; n++) {
			const { limiter } = sharedAccountState(BASE, `busy-${n}`);
			limiters.push(limiter);
			held.push(await limiter.acquireTaskSlot());
		}
		sharedAccountState(BASE, 'busy-0'); // used again: busy-1 is now the least recently used
		sharedAccountState(BASE, 'newcomer');

		expect(accountCount()).toBeLessThanOrEqual(100);
		expect(sharedAccountState(BASE, 'busy-0').limiter).toBe(limiters[0]);
		expect(sharedAccountState(BASE, 'busy-2').limiter).toBe(limiters[2]);
		expect(sharedAccountState(BASE, 'busy-1').limiter).not.toBe(limiters[1]);
		for (const release of held) release();
	});
});
