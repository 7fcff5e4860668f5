import type { FotorFailure } from './failure';

export interface RetryPolicy {
	/** Retries after server errors, broken connections and timeouts (reads only). */
	maxRetries: number;
	/** Retries after HTTP 429, for reads and for refused submits. */
	maxRateLimitRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the call fails with advice instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	maxRateLimitRetries: 8,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 120_000,
};

/**
 * Whether a failed call may be sent again.
 * A billable submit is repeated only when Fotor provably did not accept it: a 429 refusal
 * or a connection that was never opened. Anything after which Fotor may have created
 * (and may bill) the task is never repeated.
 */
export function isRetryable(failure: FotorFailure, billable: boolean): boolean {
	switch (failure.kind) {
		case 'rateLimited':
		case 'connectionRefused':
			return true;
		case 'server':
			return !billable && failure.httpStatus !== 501;
		case 'timeout':
		case 'network':
		case 'malformed':
			return !billable;
		default:
			return false;
	}
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0-based): exponential backoff with "equal jitter"
 * (half fixed, half random) so parallel items do not retry in lockstep. A server-sent
 * Retry-After replaces the backoff.
 */
export function retryDelayMs(
	attempt: number,
	policy: RetryPolicy,
	retryAfterMs?: number,
	random: () => number = Math.random,
): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	const jittered = exponential / 2 + (random() * exponential) / 2;
	if (retryAfterMs === undefined) return Math.round(jittered);
	// Honour the server's wait, plus a little spread so parallel items do not return at once.
	return Math.round(retryAfterMs + random() * Math.min(policy.baseDelayMs, 1000));
}

/** How many retries this failure kind allows. */
export function retryBudget(failure: FotorFailure, policy: RetryPolicy): number {
	return failure.kind === 'rateLimited' ? policy.maxRateLimitRetries : policy.maxRetries;
}
