import { pause } from './pause';
import { waitToBeWoken } from './wakeUp';

/**
 * Until Fotor's limit is known, at most this many submits are on their way at once, plus one per
 * submit Fotor accepted (a slow start). Forty executions starting together then find the limit
 * with a handful of refusals instead of forty, while a batch under the limit still starts in a
 * few round trips.
 */
export const INITIAL_SUBMIT_WINDOW = 4;
/**
 * The learned limit grows by one after this many full windows of accepted submits (each probe may
 * cost one 429). One window keeps queue-mode workers, which share nothing, near their fair share.
 */
export const GROWTH_WINDOWS = 1;
/** A learned limit also grows by one after this long without a refused submit, even when not fully used. */
export const RECOVERY_MS = 30_000;
/**
 * How long a task this process stopped holding while it was unfinished (Wait off, Max Wait, a
 * stopped run) may still run at Fotor, when the caller cannot say (see acquireTaskSlot's release).
 * Refusals while such tasks may run do not teach a limit: this process cannot count them, so
 * `active - 1` would be far too low.
 */
export const UNHELD_TASK_HORIZON_MS = 2 * 60_000;

/** How a task slot is given back. */
export interface SlotRelease {
	/** The task still runs at Fotor though this process no longer holds it (Wait off, Max Wait, a stopped run). */
	unfinished?: boolean;
	/** With `unfinished`: how much longer it is expected to run (default UNHELD_TASK_HORIZON_MS). */
	expectedRemainingMs?: number;
	/** Fotor accepted this slot's submit (it was counted by `submitAccepted`). */
	accepted?: boolean;
}

/** No task slot became free within the allowed wait (the item was not sent). */
export class SlotWaitTimeoutError extends Error {
	constructor(readonly waitedMs: number) {
		super(`No task slot became free within ${waitedMs} ms`);
	}
}

/**
 * Fotor's rate limiting for one account, in one place. Fotor answers 429 both when too many
 * requests arrive and when too many tasks are unfinished; the limiter handles both:
 * - every call waits while Fotor has asked to pause (`whenOpen`);
 * - a task submit holds a task slot until its task ends (`acquireTaskSlot`); slots open in a slow
 *   start (`submitAccepted` widens it), and the number of slots is learned from Fotor's refusals
 *   (the tasks then in flight). Like TCP's congestion window it grows by one for every full
 *   window of submits Fotor accepts, and by one per accepted submit while such a probe keeps
 *   being accepted, so it recovers when Fotor allows more again and settles on a fair share
 *   when other processes (queue-mode workers) use the same account;
 * - `rateLimited` is the one entry point after a 429: it says how long to wait and waits.
 * One limiter is shared by every execution of the same account in this n8n process (see
 * accountRegistry), so concurrent executions queue behind each other instead of racing Fotor.
 */
export class FotorRateLimiter {
	private active = 0;
	private limit = Number.POSITIVE_INFINITY;
	private pausedUntil = 0;
	private window = INITIAL_SUBMIT_WINDOW;
	/** Accepted submits at full use of the learned limit, in units of GROWTH_WINDOWS limits. */
	private growth = 0;
	/**
	 * The limit was just raised and not refused since: while Fotor keeps accepting with the whole
	 * limit's worth of tasks running, it grows by one per accepted submit (capacity other processes
	 * stopped using is taken up within one round of submits instead of one slot per window).
	 */
	private probing = false;
	/** Slots whose submit Fotor accepted and that are still held: tasks known to run at Fotor. */
	private confirmed = 0;
	private readonly waiting = new Set<() => void>();
	/** When the limit was last learned or grown by time (see RECOVERY_MS). */
	private learnedAt = 0;
	/** When each task this process gave back unfinished is expected to have ended (see SlotRelease). */
	private unheldEnds: number[] = [];

	constructor(private readonly now: () => number = Date.now) {}

	/** Waits while Fotor has asked every caller to pause. */
	async whenOpen(signal?: AbortSignal): Promise<void> {
		for (let remaining = this.pauseRemainingMs(); remaining > 0; remaining = this.pauseRemainingMs()) {
			await pause(remaining, signal);
		}
	}

	/** Waits for a free task slot, then holds it; the returned function gives it back (once). */
	async acquireTaskSlot(signal?: AbortSignal, maxWaitMs?: number): Promise<(release?: SlotRelease) => void> {
		const timeout = maxWaitMs === undefined ? undefined : AbortSignal.timeout(maxWaitMs);
		// A rejection, not a throw: the caller (FotorClient) turns both reasons into the item's node error.
		const taken = await this.takeSlot(timeout ? AbortSignal.any([timeout, ...(signal ? [signal] : [])]) : signal).then(
			() => undefined,
			(error: unknown) => (timeout?.aborted && !signal?.aborted ? new SlotWaitTimeoutError(maxWaitMs ?? 0) : error),
		);
		if (taken !== undefined) return await Promise.reject(taken);
		let held = true;
		return (release) => {
			if (!held) return;
			held = false;
			if (release?.accepted) this.confirmed = Math.max(0, this.confirmed - 1);
			if (release?.unfinished) this.unheldEnds.push(this.now() + Math.max(0, release.expectedRemainingMs ?? UNHELD_TASK_HORIZON_MS));
			this.giveBackSlot();
		};
	}

	/** Fotor accepted a submit: one more may be on its way while the limit is still unknown. */
	submitAccepted(): void {
		this.window++;
		this.confirmed++;
		if (Number.isFinite(this.limit) && this.active >= this.limit) {
			// A streak step needs the limit's worth of tasks accepted, not just slots taken: a
			// submit still on its way may yet be refused.
			this.growth += this.probing && this.confirmed >= this.limit ? 1 : 1 / (GROWTH_WINDOWS * this.limit);
			if (this.growth >= 1) {
				this.growth = 0;
				this.limit++;
				this.learnedAt = this.now();
				this.probing = true;
			}
		}
		this.wakeWhileRoom();
	}

	/**
	 * After a 429. A submit holding a slot learns the limit, waits `retryAfterMs` without its slot,
	 * then for a free slot (when no other task of the account runs here, it keeps its slot and only
	 * waits `retryAfterMs`); a refused read pauses every caller of the account for `retryAfterMs`.
	 */
	async rateLimited(retryAfterMs: number, holdsTaskSlot: boolean, signal?: AbortSignal): Promise<void> {
		const retryAt = this.now() + retryAfterMs;
		if (holdsTaskSlot) {
			const others = this.active - 1;
			this.probing = false;
			// Only tasks this process holds are counted; while others of its tasks may still run at
			// Fotor unseen, or reads are being refused (a request-rate limit, not a task limit),
			// the refusal says nothing about how many tasks Fotor allows.
			if (this.unheldRunning() === 0 && this.pauseRemainingMs() === 0) {
				this.limit = Math.max(1, Math.min(this.limit, others));
				this.growth = 0;
				this.learnedAt = this.now();
			} else {
				// Nothing is learned, but the submits here back off: the slow-start window shrinks to
				// what is held and grows again by one per accepted submit (so no storm of retries).
				this.window = Math.max(1, Math.min(this.window, others));
			}
			if (others > 0) {
				this.giveBackSlot();
				let retaken = false;
				try {
					// Fotor's Retry-After first, without a slot: a slot freed meanwhile (a task of this
					// account ended) goes at once to another waiting submit instead of idling here.
					const rest = retryAt - this.now();
					if (rest > 0) await pause(rest, signal);
					await this.takeSlot(signal);
					retaken = true;
				} finally {
					// Stopped while waiting: the caller still gives "its" slot back when it ends, so
					// count it as held again rather than freeing a slot another task holds.
					if (!retaken) this.active++;
				}
				return;
			}
			// No other task of this account runs here: the limit is taken elsewhere (another n8n
			// process). Only this submit waits; status polls and downloads go on, so running tasks
			// still finish on time. It keeps its slot, so the other submits here wait behind it.
			await pause(retryAfterMs, signal);
			return;
		}
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
		await this.whenOpen(signal);
	}

	/** True when nothing runs or waits: the registry may drop this limiter. */
	get idle(): boolean {
		return this.active === 0 && this.waiting.size === 0 && this.pauseRemainingMs() === 0;
	}

	/** Learned limit of unfinished tasks (Infinity until Fotor first refuses). */
	get learnedLimit(): number {
		return this.limit;
	}

	get tasksInFlight(): number {
		return this.active;
	}

	/** Tasks given back unfinished that may still run at Fotor (the list is pruned as they expire). */
	private unheldRunning(): number {
		const now = this.now();
		this.unheldEnds = this.unheldEnds.filter((end) => end > now);
		return this.unheldEnds.length;
	}

	private pauseRemainingMs(): number {
		return Math.max(0, this.pausedUntil - this.now());
	}

	private async takeSlot(signal?: AbortSignal): Promise<void> {
		while (this.active >= this.currentLimit()) await waitToBeWoken(this.waiting, signal);
		this.active++;
	}

	private giveBackSlot(): void {
		this.active = Math.max(0, this.active - 1);
		this.wakeWhileRoom();
	}

	/** Wakes as many waiters as there are free slots (each re-checks when it runs). */
	private wakeWhileRoom(): void {
		const room = this.currentLimit() - this.active;
		for (const wake of [...this.waiting].slice(0, Math.max(0, room))) wake();
	}

	/** Slots open now: the learned limit, within the slow-start window. */
	private currentLimit(): number {
		// Fotor may allow more again (other processes finished, the plan changed): the limit
		// recovers over time as well as through fully used windows.
		if (Number.isFinite(this.limit) && this.now() - this.learnedAt >= RECOVERY_MS) {
			this.limit++;
			this.learnedAt = this.now();
			this.probing = true;
		}
		return Math.min(this.limit, this.window);
	}
}
