/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { FotorRateLimiter, GROWTH_WINDOWS, INITIAL_SUBMIT_WINDOW, RECOVERY_MS, SlotWaitTimeoutError } from '../../../nodes/shared/client/rateLimiter';

/** Whether a promise has settled after the queued callbacks ran. */
async function state(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
	let result: 'pending' | 'resolved' | 'rejected' = 'pending';
	promise.then(
		() => (result = 'resolved'),
		() => (result = 'rejected'),
	);
	await new Promise((resolve) => setImmediate(resolve));
	return result;
}

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('FotorRateLimiter', () => {
	describe('issue 19: time recovery, tasks no longer held, bounded slot waits', () => {
		it('a learned limit grows by one after RECOVERY_MS without a refusal, even when not fully used', async () => {
			const clock = manualClock();
			const limiter = new FotorRateLimiter(clock.now);
			const releases = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			const retry = limiter.rateLimited(0, true);
			expect(limiter.learnedLimit).toBe(2);
			releases[0]();
			await retry;
			releases.forEach((release) => release());
			clock.advance(RECOVERY_MS);
			const more = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			expect(limiter.learnedLimit).toBe(3);
			more.forEach((release) => release());
		});

		it('learns nothing from a refusal while tasks it gave back unfinished may still run at Fotor', async () => {
			const clock = manualClock();
			const limiter = new FotorRateLimiter(clock.now);
			(await limiter.acquireTaskSlot())({ unfinished: true, expectedRemainingMs: 5_000 });
			const holders = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			// The refused submit backs off (the window shrinks to what is held) but learns no limit.
			const backedOff = limiter.rateLimited(0, true);
			expect(limiter.learnedLimit).toBe(Number.POSITIVE_INFINITY);
			holders[0]();
			await backedOff;
			limiter.submitAccepted(); // the retry went through: the window grows again
			holders[0] = await limiter.acquireTaskSlot();
			clock.advance(5_000);
			const retry = limiter.rateLimited(0, true);
			expect(limiter.learnedLimit).toBe(1);
			holders[0]();
			await retry;
			holders.forEach((release) => release());
		});

		it('gives up waiting for a slot after maxWaitMs with SlotWaitTimeoutError', async () => {
			const limiter = new FotorRateLimiter();
			const holders = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			const retry = limiter.rateLimited(0, true);
			await expect(limiter.acquireTaskSlot(undefined, 50)).rejects.toBeInstanceOf(SlotWaitTimeoutError);
			holders[0]();
			await retry;
			holders.forEach((release) => release());
		});
	});

	describe('task slots and the learned limit', () => {
		it('has no limit until Fotor refuses; a refused slot holder learns "the others in flight" and waits for one of them to end', async () => {
			const limiter = new FotorRateLimiter();
			const releases = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			expect(limiter.learnedLimit).toBe(Number.POSITIVE_INFINITY);
			expect(limiter.tasksInFlight).toBe(3);

			// The third holder's submit got 429 (no Retry-After): two others run, so the limit is 2.
			const retry = limiter.rateLimited(0, true);
			expect(limiter.learnedLimit).toBe(2);
			expect(await state(retry)).toBe('pending');
			expect(limiter.tasksInFlight).toBe(2);
			const another = limiter.acquireTaskSlot();
			expect(await state(another)).toBe('pending');

			releases[0](); // one task ends: the refused submit goes first
			expect(await state(retry)).toBe('resolved');
			expect(await state(another)).toBe('pending');
			releases[0](); // releasing twice gives back nothing more
			expect(await state(another)).toBe('pending');
			expect(limiter.tasksInFlight).toBe(2);

			releases[1]();
			expect(await state(another)).toBe('resolved');
		});

		it('a refused submit also waits out Retry-After when a slot frees sooner', async () => {
			const limiter = new FotorRateLimiter();
			const releases = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			const started = Date.now();
			const retry = limiter.rateLimited(200, true);
			releases[0](); // a slot frees at once
			expect(await state(retry)).toBe('pending');
			await retry;
			expect(Date.now() - started).toBeGreaterThanOrEqual(190);
			releases[1]();
		});

		it(`slow start: until the limit is known, ${INITIAL_SUBMIT_WINDOW} submits at once, one more per submit Fotor accepted`, async () => {
			const limiter = new FotorRateLimiter();
			const first = await Promise.all(Array.from({ length: INITIAL_SUBMIT_WINDOW }, () => limiter.acquireTaskSlot()));
			const [fifth, sixth] = [limiter.acquireTaskSlot(), limiter.acquireTaskSlot()];
			expect(await state(fifth)).toBe('pending');
			limiter.submitAccepted();
			expect(await state(fifth)).toBe('resolved');
			expect(await state(sixth)).toBe('pending');
			limiter.submitAccepted();
			expect(await state(sixth)).toBe('resolved');
			expect(limiter.tasksInFlight).toBe(INITIAL_SUBMIT_WINDOW + 2);
			for (const release of first) release();
		});

		it('a slot holder refused with nothing else in flight learns 1 and pauses for Retry-After instead', async () => {
			const limiter = new FotorRateLimiter();
			const release = await limiter.acquireTaskSlot();
			const started = Date.now();
			await limiter.rateLimited(120, true);
			expect(Date.now() - started).toBeGreaterThanOrEqual(110);
			expect(limiter.learnedLimit).toBe(1);
			expect(limiter.tasksInFlight).toBe(1);
			release();
			expect(limiter.idle).toBe(true);
		});

		it(`grows the learned limit by one after ${GROWTH_WINDOWS} full window(s) of submits accepted at full use, then by one per accepted submit until refused`, async () => {
			const limiter = new FotorRateLimiter();
			const held = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			const retry = limiter.rateLimited(1_000, true); // learns 2
			held[0]();
			await retry;
			expect(limiter.learnedLimit).toBe(2);
			const waiting = limiter.acquireTaskSlot();

			const toGrow = GROWTH_WINDOWS * 2;
			for (let n = 1; n < toGrow; n++) limiter.submitAccepted();
			expect(limiter.learnedLimit).toBe(2);
			expect(await state(waiting)).toBe('pending');
			limiter.submitAccepted(); // the last one of the window: one more slot (a probe)
			expect(limiter.learnedLimit).toBe(3);
			expect(await state(waiting)).toBe('resolved');

			// The probe was accepted at full use (3 in flight): Fotor has room, one more at once.
			const next = limiter.acquireTaskSlot();
			limiter.submitAccepted();
			expect(limiter.learnedLimit).toBe(4);
			expect(await state(next)).toBe('resolved');

			// Refused at 4: back to the others in flight, and growth needs a full window again.
			const refused = limiter.rateLimited(1_000, true); // others = 3
			expect(limiter.learnedLimit).toBe(3);
			held[1]();
			await refused;
			for (let n = 1; n < GROWTH_WINDOWS * 3; n++) limiter.submitAccepted();
			expect(limiter.learnedLimit).toBe(3);
			limiter.submitAccepted();
			expect(limiter.learnedLimit).toBe(4);
		});

		it('a probe streak needs the whole limit accepted: a submit still on its way does not count', async () => {
			const limiter = new FotorRateLimiter();
			const first = await limiter.acquireTaskSlot();
			const second = await limiter.acquireTaskSlot();
			const refused = limiter.rateLimited(1_000, true); // learns 1
			await Promise.resolve();
			expect(limiter.learnedLimit).toBe(1);
			limiter.submitAccepted(); // the first slot's task runs; one window at full use: probe at 2
			expect(limiter.learnedLimit).toBe(2);
			first({ accepted: true });
			const probe = await limiter.acquireTaskSlot(); // a new submit, not yet answered
			const other = await limiter.acquireTaskSlot();
			limiter.submitAccepted(); // one accepted while the other is on its way: no streak step
			expect(limiter.learnedLimit).toBe(2);
			limiter.submitAccepted(); // both accepted: the limit's worth runs, one more at once
			expect(limiter.learnedLimit).toBe(3);
			probe({ accepted: true });
			other({ accepted: true });
			second();
			await refused.catch(() => undefined);
		});

		it('accepted submits below the learned limit do not grow it', async () => {
			const limiter = new FotorRateLimiter();
			const held = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			const retry = limiter.rateLimited(1_000, true); // learns 2
			held[0]();
			await retry;
			held[1](); // one task ends: 1 of 2 in use
			for (let n = 0; n < 5; n++) limiter.submitAccepted();
			expect(limiter.learnedLimit).toBe(2);
		});

		it('a slot wait ends as soon as its signal aborts, and leaves nothing behind', async () => {
			const limiter = new FotorRateLimiter();
			const held = [await limiter.acquireTaskSlot(), await limiter.acquireTaskSlot()];
			const retry = limiter.rateLimited(1_000, true); // learns 1, waits
			const controller = new AbortController();
			const waiting = limiter.acquireTaskSlot(controller.signal);
			expect(await state(waiting)).toBe('pending');

			const abortedAt = Date.now();
			controller.abort();
			await expect(waiting).rejects.toThrow(/cancelled/);
			expect(Date.now() - abortedAt).toBeLessThan(50);

			held[0]();
			await retry;
			held[1]();
			expect(limiter.tasksInFlight).toBe(0);
			expect(limiter.idle).toBe(true);
		});

		it('a refused submit whose wait for a slot is stopped does not give its slot back twice', async () => {
			const limiter = new FotorRateLimiter();
			const other = await limiter.acquireTaskSlot(); // another execution's running task
			const own = await limiter.acquireTaskSlot();
			const controller = new AbortController();
			const retry = limiter.rateLimited(1_000, true, controller.signal); // learns 1, waits for `other`
			expect(await state(retry)).toBe('pending');
			controller.abort();
			await expect(retry).rejects.toThrow();
			own(); // the submit's finally gives its slot back, as FotorClient.runTask does

			// `other` still runs: the learned limit of 1 is taken.
			expect(limiter.tasksInFlight).toBe(1);
			const next = limiter.acquireTaskSlot();
			expect(await state(next)).toBe('pending');
			other();
			expect(await state(next)).toBe('resolved');
		});
	});

	describe('pauses every caller after a plain 429 (whenOpen)', () => {
		it('a non-slot 429 makes the caller and every other caller wait out Retry-After', async () => {
			const limiter = new FotorRateLimiter();
			const started = Date.now();
			const refused = limiter.rateLimited(150, false);
			expect(limiter.idle).toBe(false);
			const bystander = limiter.whenOpen();
			await Promise.all([refused, bystander]);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			expect(limiter.idle).toBe(true);
			expect(limiter.learnedLimit).toBe(Number.POSITIVE_INFINITY); // a plain 429 teaches no task limit
		});

		it('a shorter Retry-After does not shorten a pause already asked for', async () => {
			const clock = manualClock();
			const limiter = new FotorRateLimiter(clock.now);
			const controller = new AbortController();
			const first = limiter.rateLimited(60_000, false, controller.signal);
			const second = limiter.rateLimited(10, false, controller.signal);
			expect(await state(second)).toBe('pending');
			controller.abort();
			await expect(first).rejects.toBeDefined();
			await expect(second).rejects.toBeDefined();
		});

		it('whenOpen ends at once when its signal aborts', async () => {
			const limiter = new FotorRateLimiter();
			const controller = new AbortController();
			void limiter.rateLimited(60_000, false, controller.signal).catch(() => undefined);
			const waiting = limiter.whenOpen(controller.signal);
			const abortedAt = Date.now();
			controller.abort();
			await expect(waiting).rejects.toBeDefined();
			expect(Date.now() - abortedAt).toBeLessThan(50);
		});

		it('is open when no pause was asked for', async () => {
			const limiter = new FotorRateLimiter();
			expect(await state(limiter.whenOpen())).toBe('resolved');
		});
	});
});
