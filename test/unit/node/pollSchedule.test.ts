import { DEFAULT_POLL_SCHEDULE, nextPollDelayMs, TaskTimingModel } from '../../../nodes/shared/task/pollSchedule';

describe('TaskTimingModel', () => {
	it('returns the median duration per task type', () => {
		const model = new TaskTimingModel();
		expect(model.expectedMs('imgupscale')).toBeUndefined();
		[3000, 1000, 2000].forEach((ms) => model.record('imgupscale', ms));
		model.record('imgupscale', -5); // ignored
		expect(model.expectedMs('imgupscale')).toBe(2000);
		expect(model.expectedMs('avatar')).toBeUndefined();
	});
});

describe('nextPollDelayMs', () => {
	const options = DEFAULT_POLL_SCHEDULE;

	it('starts fast and backs off to the max interval when nothing is known', () => {
		const delays = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((polls) => nextPollDelayMs(0, polls, undefined, options));
		expect(delays[0]).toBe(500);
		for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
		expect(delays[8]).toBe(options.maxIntervalMs);
	});

	it('sleeps until just before the expected finish, then polls densely but bounded', () => {
		expect(nextPollDelayMs(0, 0, 2000, options)).toBe(1800);
		expect(nextPollDelayMs(1900, 1, 2000, options)).toBe(100); // 2% of 2 s = 40 ms, bounded to 100 ms
		expect(nextPollDelayMs(2500, 5, 20000, { ...options, maxIntervalMs: 5000 })).toBe(5000);
		expect(nextPollDelayMs(19000, 5, 20000, options)).toBe(400);
	});

	it('backs off again after the expected window has passed', () => {
		expect(nextPollDelayMs(3100, 9, 2000, options)).toBeGreaterThan(500);
		expect(nextPollDelayMs(60_000, 30, 2000, options)).toBe(options.maxIntervalMs);
	});
});
