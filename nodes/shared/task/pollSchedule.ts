/** Task types remembered; the least recently recorded is forgotten first (By ID models could add without end). */
const MAX_TASK_TYPES = 200;

/**
 * Learns how long Fotor takes per task type, shared by the executions of one account in this
 * process (see accountRegistry), so later tasks are polled densely around their expected finish
 * and rarely in between.
 */
export class TaskTimingModel {
	private readonly durations = new Map<string, number[]>();

	record(type: string, durationMs: number): void {
		if (!(durationMs > 0)) return;
		const list = this.durations.get(type) ?? [];
		list.push(durationMs);
		if (list.length > 20) list.shift();
		this.durations.delete(type);
		this.durations.set(type, list);
		if (this.durations.size > MAX_TASK_TYPES) this.durations.delete(this.durations.keys().next().value as string);
	}

	/** For tests: how many task types are remembered. */
	get size(): number {
		return this.durations.size;
	}

	/** Median observed duration for this task type, if any task of it has finished. */
	expectedMs(type: string): number | undefined {
		const list = this.durations.get(type);
		if (!list?.length) return undefined;
		const sorted = [...list].sort((a, b) => a - b);
		return sorted[Math.floor(sorted.length / 2)];
	}
}

export interface PollScheduleOptions {
	/** Longest pause between two polls. */
	maxIntervalMs: number;
	/** Shortest pause between two polls: bounds the polls per task per second. */
	minIntervalMs: number;
	/** First pause, when nothing is known about the task type. */
	initialIntervalMs: number;
}

export const DEFAULT_POLL_SCHEDULE: PollScheduleOptions = {
	maxIntervalMs: 5_000,
	minIntervalMs: 100,
	initialIntervalMs: 500,
};

/**
 * Pause before the next poll. Without knowledge it starts fast and backs off (x1.5).
 * With an expected duration it sleeps until shortly before it, polls densely until well
 * after it, then falls back to backing off.
 */
export function nextPollDelayMs(
	elapsedMs: number,
	pollsSoFar: number,
	expectedMs: number | undefined,
	options: PollScheduleOptions,
): number {
	const clamp = (ms: number) => Math.round(Math.min(options.maxIntervalMs, Math.max(options.minIntervalMs, ms)));
	if (expectedMs !== undefined) {
		const windowStart = expectedMs * 0.9;
		const windowEnd = expectedMs * 1.5;
		if (elapsedMs < windowStart) return clamp(windowStart - elapsedMs);
		if (elapsedMs < windowEnd) return clamp(expectedMs * 0.02);
		return clamp((elapsedMs - windowEnd) / 2 + options.initialIntervalMs);
	}
	return clamp(options.initialIntervalMs * 1.5 ** pollsSoFar);
}
