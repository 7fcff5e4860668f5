import { createHash } from 'node:crypto';

import { FotorRateLimiter } from './rateLimiter';

/**
 * Module-level on purpose: n8n runs many executions in one process (and a worker runs up to its
 * concurrency at once), and Fotor's limits are per account, so every execution using the same
 * account shares one limiter. Keys are a one-way hash of base URL + API key (the key itself is
 * never stored); the map is bounded and only idle limiters are dropped. No timers run here.
 * Across processes (queue-mode workers) coordination is only through Fotor's own 429 answers.
 */
const MAX_ACCOUNTS = 100;
const limiters = new Map<string, FotorRateLimiter>();

export function accountKey(baseUrl: string, apiKey: string): string {
	return createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
}

export function rateLimiterFor(baseUrl: string, apiKey: string): FotorRateLimiter {
	const key = accountKey(baseUrl, apiKey);
	let limiter = limiters.get(key);
	if (limiter) {
		limiters.delete(key); // re-insert: the map's order is least recently used first
	} else {
		limiter = new FotorRateLimiter();
		if (limiters.size >= MAX_ACCOUNTS) evictIdle();
	}
	limiters.set(key, limiter);
	return limiter;
}

/** Drops idle limiters first; if every account is busy, the least recently used one (its runs keep it). */
function evictIdle(): void {
	for (const [key, limiter] of limiters) {
		if (limiters.size < MAX_ACCOUNTS) return;
		if (limiter.idle) limiters.delete(key);
	}
	while (limiters.size >= MAX_ACCOUNTS) limiters.delete(limiters.keys().next().value as string);
}

/** For tests: how many accounts have a limiter now. */
export const limiterCount = (): number => limiters.size;
