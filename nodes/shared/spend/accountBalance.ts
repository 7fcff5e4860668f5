/** How long one GET /v1/credits answer serves every execution of the account in this process. */
export const BALANCE_MAX_AGE_MS = 10_000;

/**
 * The account's token balance as this process knows it, for the credential's Minimum Balance:
 * Fotor's last answer (at most 10 s old, one request shared by concurrent executions), minus what
 * tasks of this process were charged since and what tasks in flight here have reserved. Other
 * processes (queue-mode workers) are only seen through the next answer.
 */
export class AccountBalance {
	private fetched?: { remaining: number; at: number };
	private pending?: Promise<number>;
	private spentSinceFetch = 0;
	private reserved = 0;

	constructor(private readonly now: () => number = Date.now) {}

	/** Tokens left for new tasks: fetches the balance when the last answer is older than 10 s. */
	async available(fetchRemaining: () => Promise<number>): Promise<number> {
		if (!this.fetched || this.now() - this.fetched.at > BALANCE_MAX_AGE_MS) await this.refresh(fetchRemaining);
		return this.left();
	}

	/** What the last answer leaves after charges and reservations seen here since (undefined before any answer). */
	get lastKnown(): number | undefined {
		return this.fetched ? this.left() : undefined;
	}

	reserve(tokens: number): void {
		this.reserved += tokens;
	}

	/** A reservation ends: the task was charged `charged` tokens (0 when it was never sent or not billed). */
	settle(reservedTokens: number, charged: number): void {
		this.reserved = Math.max(0, this.reserved - reservedTokens);
		this.spentSinceFetch += charged;
	}

	private left(): number {
		return (this.fetched?.remaining ?? 0) - this.spentSinceFetch - this.reserved;
	}

	private async refresh(fetchRemaining: () => Promise<number>): Promise<void> {
		this.pending ??= (async () => {
			try {
				const started = this.now();
				const spentBefore = this.spentSinceFetch;
				const remaining = await fetchRemaining();
				// Charges counted before the request are in the answer; one counted while it was on its
				// way may not be, so it stays (counting a charge twice only errs low).
				this.spentSinceFetch -= spentBefore;
				this.fetched = { remaining, at: started };
				return remaining;
			} finally {
				this.pending = undefined;
			}
		})();
		await this.pending;
	}
}
