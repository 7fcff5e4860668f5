/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { mapWithConcurrency } from '../../../nodes/Fotor/actions/concurrency';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('mapWithConcurrency', () => {
	it('keeps index order and never exceeds the limit', async () => {
		let running = 0;
		let peak = 0;
		const result = await mapWithConcurrency(10, 3, async (index) => {
			running++;
			peak = Math.max(peak, running);
			for (let i = 0; i < 10 - index; i++) await tick();
			running--;
			return index * 2;
		});
		expect(result).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
		expect(peak).toBe(3);
	});

	it('starts nothing new after a failure, lets running work finish, then throws it', async () => {
		const started: number[] = [];
		const finished: number[] = [];
		await expect(
			mapWithConcurrency(6, 2, async (index) => {
				started.push(index);
				if (index === 1) throw new Error('item 1 failed');
				await tick();
				finished.push(index);
				return index;
			}),
		).rejects.toThrow('item 1 failed');
		expect(started).toEqual([0, 1]);
		expect(finished).toEqual([0]);
	});

	it('runs one at a time with limit 1 and handles zero items', async () => {
		const order: string[] = [];
		await mapWithConcurrency(3, 1, async (index) => {
			order.push(`start ${index}`);
			await tick();
			order.push(`end ${index}`);
		});
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
		expect(await mapWithConcurrency(0, 5, async () => 1)).toEqual([]);
	});
});
