import { sleep } from 'n8n-workflow';

/**
 * One gate per node execution, shared by every item running in parallel.
 * When any request is answered 429, the whole batch pauses until the server's
 * Retry-After has passed, instead of every item hammering the API on its own.
 */
export class RateLimitGate {
	private pausedUntil = 0;

	/** Called after a 429: hold every request of this execution for `delayMs`. */
	pause(delayMs: number, now = Date.now()): void {
		this.pausedUntil = Math.max(this.pausedUntil, now + delayMs);
	}

	/** Waits while the gate is paused (it may be extended while waiting). */
	async wait(signal?: AbortSignal): Promise<void> {
		for (let remaining = this.remainingMs(); remaining > 0; remaining = this.remainingMs()) {
			await sleep(remaining, signal);
		}
	}

	remainingMs(now = Date.now()): number {
		return Math.max(0, this.pausedUntil - now);
	}
}
