import { createHash } from 'node:crypto';

import { AccountBalance } from '../spend/accountBalance';
import { PriceBook } from '../spend/priceBook';
import { TaskTimingModel } from '../task/pollSchedule';
import { FotorRateLimiter } from './rateLimiter';

/** What executions of one Fotor account in this process learn together. */
export interface SharedAccountState {
	/** Fotor's rate and task limits for the account (see FotorRateLimiter). */
	limiter: FotorRateLimiter;
	/** How long Fotor takes per task type, so polls land near the expected finish. */
	timing: TaskTimingModel;
	/** Token prices learned from Fotor's creditsIncrement per kind of task (Max Tokens, Minimum Balance). */
	prices: PriceBook;
	/** The balance as this process knows it, for the credential's Minimum Balance. */
	balance: AccountBalance;
}

/**
 * Module-level on purpose: n8n runs many executions in one process (and a worker runs up to its
 * concurrency at once), and Fotor's limits are per account, so every execution using the same
 * account shares one limiter, one timing model, one price book and one balance. Keys are a one-way hash of base URL + API key
 * (the key itself is never stored); the map is bounded and idle accounts are dropped first. No
 * timers run here. Across processes (queue-mode workers) coordination is only through Fotor's
 * own 429 answers.
 */
const MAX_ACCOUNTS = 100;
const accounts = new Map<string, SharedAccountState>();

export function accountKey(baseUrl: string, apiKey: string): string {
	return createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
}

export function sharedAccountState(baseUrl: string, apiKey: string): SharedAccountState {
	const key = accountKey(baseUrl, apiKey);
	let state = accounts.get(key);
	if (state) {
		accounts.delete(key); // re-insert: the map's order is least recently used first
	} else {
		state = { limiter: new FotorRateLimiter(), timing: new TaskTimingModel(), prices: new PriceBook(), balance: new AccountBalance() };
		if (accounts.size >= MAX_ACCOUNTS) evictIdle();
	}
	accounts.set(key, state);
	return state;
}

/** Drops idle accounts first; if every account is busy, the least recently used one (its runs keep it). */
function evictIdle(): void {
	for (const [key, state] of accounts) {
		if (accounts.size < MAX_ACCOUNTS) return;
		if (state.limiter.idle) accounts.delete(key);
	}
	while (accounts.size >= MAX_ACCOUNTS) accounts.delete(accounts.keys().next().value as string);
}

/** For tests: how many accounts are known now. */
export const accountCount = (): number => accounts.size;
