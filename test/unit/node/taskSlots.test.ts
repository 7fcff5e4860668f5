import { TaskSlots } from '../../../nodes/shared/taskSlots';

describe('TaskSlots', () => {
	it('has no limit until Fotor refuses, then learns the number of tasks in flight', async () => {
		const slots = new TaskSlots();
		for (let i = 0; i < 4; i++) await slots.acquire();
		expect(slots.learnedLimit).toBe(Number.POSITIVE_INFINITY);

		// The 4th holder is refused: 3 others are running, so the limit is 3 and it waits for one to end.
		let resumed = false;
		const waiting = slots.refused(10).then(() => (resumed = true));
		await Promise.resolve();
		expect(slots.learnedLimit).toBe(3);
		expect(resumed).toBe(false);
		slots.release();
		await waiting;
		expect(resumed).toBe(true);
	});

	it('makes new items wait while the learned limit is reached', async () => {
		const slots = new TaskSlots();
		await slots.acquire();
		await slots.acquire();
		const refusal = slots.refused(10);
		slots.release();
		await refusal;
		expect(slots.learnedLimit).toBe(1);
		let started = false;
		const next = slots.acquire().then(() => (started = true));
		await Promise.resolve();
		expect(started).toBe(false);
		slots.release();
		await next;
		expect(started).toBe(true);
	});

	it('backs off by time when none of its own tasks is running', async () => {
		const slots = new TaskSlots();
		await slots.acquire();
		const before = Date.now();
		await slots.refused(50);
		expect(Date.now() - before).toBeGreaterThanOrEqual(45);
		expect(slots.learnedLimit).toBe(1);
	});
});
