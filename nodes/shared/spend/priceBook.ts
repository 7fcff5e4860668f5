/** Kinds remembered per account; the oldest is forgotten first (By ID models could add without end). */
const MAX_KINDS = 500;

/**
 * Token prices learned from Fotor's `creditsIncrement` per kind of task (see TaskCost), shared by
 * every execution of one account in this process like the rate limiter. The highest price seen
 * counts, so an estimate never drops below what Fotor has charged for the kind.
 */
export class PriceBook {
	private readonly prices = new Map<string, number>();
	/**
	 * Kinds a task of some execution of the account is out to price now; each settles when its task
	 * ends. Shared, so concurrent executions send one task of an unpriced kind, not one each: the
	 * Minimum Balance is per account.
	 */
	private readonly learning = new Map<string, Promise<void>>();

	price(kind: string): number | undefined {
		return this.prices.get(kind);
	}

	/** The task out to price `kind` now, if any: resolves when it ends. */
	learningTask(kind: string): Promise<void> | undefined {
		return this.learning.get(kind);
	}

	/** A task of an unpriced kind is sent; `ended` resolves when it ends (see endLearning). */
	startLearning(kind: string, ended: Promise<void>): void {
		this.learning.set(kind, ended);
	}

	endLearning(kind: string, ended: Promise<void>): void {
		if (this.learning.get(kind) === ended) this.learning.delete(kind);
	}

	learn(kind: string, tokens: number): void {
		if (!Number.isFinite(tokens) || tokens < 0) return;
		const known = this.prices.get(kind);
		this.prices.delete(kind);
		this.prices.set(kind, Math.max(known ?? 0, tokens));
		if (this.prices.size > MAX_KINDS) this.prices.delete(this.prices.keys().next().value as string);
	}
}
