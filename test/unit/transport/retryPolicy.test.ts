import type { FailureKind } from '../../../nodes/shared/transport/failure';
import {
	DEFAULT_RETRY_POLICY,
	isRetryable,
	parseRetryAfterMs,
	retryBudget,
	retryDelayMs,
} from '../../../nodes/shared/transport/retryPolicy';

describe('isRetryable', () => {
	// [kind, retried for a read, retried for a billable submit]
	const table: Array<[FailureKind, boolean, boolean]> = [
		['rateLimited', true, true], // refused before acceptance
		['connectionRefused', true, true], // never sent
		['server', true, false], // the submit may have been accepted
		['timeout', true, false],
		['network', true, false],
		['malformed', true, false],
		['auth', false, false],
		['forbidden', false, false],
		['noCredits', false, false],
		['badRequest', false, false],
		['notFound', false, false],
		['apiError', false, false],
		['cancelled', false, false],
	];
	it.each(table)('%s: read %p, submit %p', (kind, read, submit) => {
		expect(isRetryable({ kind }, false)).toBe(read);
		expect(isRetryable({ kind }, true)).toBe(submit);
	});

	it('does not retry 501 Not Implemented', () => {
		expect(isRetryable({ kind: 'server', httpStatus: 501 }, false)).toBe(false);
	});
});

describe('parseRetryAfterMs', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfterMs('2')).toBe(2000);
		expect(parseRetryAfterMs('0.5')).toBe(500);
		const now = Date.parse('2026-11-25T10:00:00Z');
		expect(parseRetryAfterMs('Wed, 25 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfterMs('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(0);
	});

	it('ignores missing or unparseable values', () => {
		expect(parseRetryAfterMs(undefined)).toBeUndefined();
		expect(parseRetryAfterMs(' ')).toBeUndefined();
		expect(parseRetryAfterMs('soon')).toBeUndefined();
	});
});

describe('retryDelayMs', () => {
	it('grows exponentially with jitter between half and the full step, capped', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(retryDelayMs(0, policy, undefined, () => 0)).toBe(50);
		expect(retryDelayMs(0, policy, undefined, () => 1)).toBe(100);
		expect(retryDelayMs(3, policy, undefined, () => 0)).toBe(400);
		expect(retryDelayMs(10, policy, undefined, () => 1)).toBe(1000);
	});

	it('waits at least Retry-After, spreading parallel retries a little', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100 };
		expect(retryDelayMs(0, policy, 3000, () => 0)).toBe(3000);
		expect(retryDelayMs(0, policy, 3000, () => 1)).toBe(3100);
	});
});

describe('retryBudget', () => {
	it('allows more retries for rate limiting than for errors', () => {
		expect(retryBudget({ kind: 'rateLimited' }, DEFAULT_RETRY_POLICY)).toBe(DEFAULT_RETRY_POLICY.maxRateLimitRetries);
		expect(retryBudget({ kind: 'server' }, DEFAULT_RETRY_POLICY)).toBe(DEFAULT_RETRY_POLICY.maxRetries);
	});
});
