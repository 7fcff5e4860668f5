import type { NodeApiError } from 'n8n-workflow';

import { pause } from '../client/pause';
import { classifyThrownError } from './classifyError';
import type { FotorContext } from './credentials';
import { toNodeApiError } from './errors';
import type { FotorFailure } from './failure';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from './retryPolicy';

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; failure: FotorFailure };

export interface PlainRequestOptions<T> {
	/** For error messages, e.g. "download result". */
	operation: string;
	itemIndex?: number;
	signal?: AbortSignal;
	/** Attempts in all (default: 1 + the transport's retries). */
	maxAttempts?: number;
	/** One attempt; must be safe to repeat (a fresh request each time). */
	attempt: () => Promise<AttemptResult<T>>;
	/** A failure that must not be retried and needs its own message (e.g. an expired link). */
	finalError?: (failure: FotorFailure) => NodeApiError | undefined;
}

export const statusFailure = (status: number): FotorFailure => ({
	kind: status >= 500 ? 'server' : status === 404 ? 'notFound' : status === 429 ? 'rateLimited' : 'badRequest',
	httpStatus: status,
});

/**
 * A credential-free request that is safe to repeat (a CDN download, a PUT to a signed upload
 * URL): retried on server errors, broken connections and timeouts with backoff, stopped by the
 * execution's cancel signal, and failing with the transport's clear errors.
 */
export async function plainRequestWithRetries<T>(context: FotorContext, options: PlainRequestOptions<T>): Promise<T> {
	const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxRetries + 1;
	for (let attempt = 1; ; attempt++) {
		let failure: FotorFailure;
		try {
			const result = await options.attempt();
			if (result.ok) return result.value;
			failure = result.failure;
		} catch (error) {
			failure = classifyThrownError(error, options.signal);
		}
		const final = options.finalError?.(failure);
		if (final) throw final;
		if (!isRetryable(failure, false) || attempt >= maxAttempts || options.signal?.aborted) {
			throw toNodeApiError(context.getNode(), failure, {
				itemIndex: options.itemIndex,
				operation: options.operation,
				billable: false,
				attempts: attempt,
				secrets: [],
			});
		}
		await pause(retryDelayMs(attempt - 1, DEFAULT_RETRY_POLICY), options.signal);
	}
}
