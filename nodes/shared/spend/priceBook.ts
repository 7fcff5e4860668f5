/** Kinds remembered per account; the oldest is forgotten first (By ID models could add without end). */
const MAX_KINDS = 500;

/**
 * Token prices learned from Fotor's `creditsIncrement` per kind of task (see TaskCost), shared by
 * every execution of one account in this process like the rate limiter. The highest price seen
 * counts, so an estimate never drops below what Fotor has charged for the kind.
 */
export class PriceBook {
	private readonly prices = new Map<string, number>();

	price(kind: string): number | undefined {
		return this.prices.get(kind);
	}

	learn(kind: string, tokens: number): void {
		if (!Number.isFinite(tokens) || tokens < 0) return;
		const known = this.prices.get(kind);
		this.prices.delete(kind);
		this.prices.set(kind, Math.max(known ?? 0, tokens));
		if (this.prices.size > MAX_KINDS) this.prices.delete(this.prices.keys().next().value as string);
	}
}
