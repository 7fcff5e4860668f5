/**
 * What one task is expected to cost, for Max Tokens per Run and the credential's Minimum Balance.
 * `kind` groups tasks Fotor prices alike (an endpoint; for model-based tasks the model and the
 * size, duration or resolution). `tokens` is set where Fotor documents the price (the classic
 * tools: 1 token per result image); otherwise the price is learned per kind from the
 * `creditsIncrement` of finished tasks (see PriceBook).
 */
export interface TaskCost {
	kind: string;
	tokens?: number;
}
