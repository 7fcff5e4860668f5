import { sleep } from 'n8n-workflow';

/**
 * Fotor limits unfinished tasks per API key and answers 429 beyond the limit. One TaskSlots
 * per execution learns that limit from the first refusal (the number of this execution's tasks
 * then in flight) and makes further items wait for a finishing task instead of being refused
 * again, so a batch larger than the limit slows down instead of failing.
 */
export class TaskSlots {
	private active = 0;
	private limit = Number.POSITIVE_INFINITY;
	private readonly waiting: Array<() => void> = [];

	/** Waits until this execution may have one more task in flight at Fotor. */
	async acquire(signal?: AbortSignal): Promise<void> {
		while (this.active >= this.limit) {
			if (signal?.aborted) throw new Error('The execution was cancelled');
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		this.active++;
	}

	release(): void {
		this.active = Math.max(0, this.active - 1);
		this.waiting.shift()?.();
	}

	/**
	 * Called when Fotor refused a submit of a slot holder with 429. Learns the limit; then, if
	 * other tasks of this execution are running, gives the slot back and waits for one to end;
	 * otherwise (the limit is taken by tasks outside this execution) waits `retryAfterMs`.
	 */
	async refused(retryAfterMs: number, signal?: AbortSignal): Promise<void> {
		const others = this.active - 1;
		this.limit = Math.max(1, Math.min(this.limit, others));
		if (others > 0) {
			this.release();
			await this.acquire(signal);
		} else {
			await sleep(retryAfterMs, signal);
		}
	}

	/** Current learned limit (Infinity until Fotor first refuses). */
	get learnedLimit(): number {
		return this.limit;
	}
}
