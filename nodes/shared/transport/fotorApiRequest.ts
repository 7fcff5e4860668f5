import { sleep, type IDataObject, type IHttpRequestMethods, type IHttpRequestOptions } from 'n8n-workflow';

import { executionCancelSignal } from './cancelSignal';
import { classifyThrownError } from './classifyError';
import { DEFAULT_READ_TIMEOUT_MS, DEFAULT_SUBMIT_TIMEOUT_MS, USER_AGENT } from './constants';
import { readFotorCredentials, resolveBaseUrl, type FotorContext } from './credentials';
import { parseEnvelope } from './envelope';
import { toNodeApiError } from './errors';
import type { FotorFailure } from './failure';
import type { RateLimitGate } from './rateLimitGate';
import {
	DEFAULT_RETRY_POLICY,
	isRetryable,
	parseRetryAfterMs,
	retryBudget,
	retryDelayMs,
	type RetryPolicy,
} from './retryPolicy';

export type { FotorContext } from './credentials';

export interface FotorRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, e.g. "/v1/credits". */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** A task submit: Fotor may charge tokens for it, so it is never repeated once it may have arrived. */
	billable?: boolean;
	itemIndex?: number;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Shared by all items of one execution so a 429 slows the whole batch down. */
	gate?: RateLimitGate;
	/** Replaces the plain wait after a 429 (e.g. wait for one of the batch's tasks to finish). */
	onRateLimited?: (retryAfterMs: number) => Promise<void>;
}

const isDataObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one way both nodes talk to Fotor: Bearer auth from the `fotorApi` credential, the
 * `{code,msg,data}` envelope, a timeout on every call, bounded retries where repeating is
 * safe, and errors that say what to do. Returns the envelope's `data` object ({} if none).
 */
export async function fotorApiRequest(this: FotorContext, request: FotorRequest): Promise<IDataObject> {
	const credential = await readFotorCredentials(this);
	const credentials = credential.data ?? { apiKey: '' };
	const policy = { ...DEFAULT_RETRY_POLICY, ...request.retry };
	const billable = request.billable ?? false;
	const signal = executionCancelSignal(this);
	const operation = `${request.method} ${request.path}`;
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: resolveBaseUrl(credentials),
		url: request.path,
		qs: request.qs,
		headers: {
			Accept: 'application/json',
			'User-Agent': USER_AGENT,
			...(request.body && { 'Content-Type': 'application/json' }),
		},
		body: request.body ? JSON.stringify(request.body) : undefined,
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? (billable ? DEFAULT_SUBMIT_TIMEOUT_MS : DEFAULT_READ_TIMEOUT_MS),
	};

	for (let attempt = 1; ; attempt++) {
		await request.gate?.wait(signal);
		let failure: FotorFailure;
		try {
			// n8n applies the key (the credential's `authenticate`); handing it the credential read once
			// for this run spares a database read and a decryption per request.
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'fotorApi', { ...options }, {
				credentialsDecrypted: { ...credential, data: { ...credentials } },
			})) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
			const parsed = parseEnvelope(response.statusCode, response.headers ?? {}, response.body);
			if (parsed.ok) return isDataObject(parsed.data) ? parsed.data : {};
			failure = parsed.failure;
		} catch (error) {
			failure = classifyThrownError(error, signal);
		}

		const retriesLeft = retryBudget(failure, policy) - (attempt - 1);
		const retryAfterMs = parseRetryAfterMs(failure.retryAfter);
		const waitTooLong = retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs;
		if (!isRetryable(failure, billable) || retriesLeft <= 0 || waitTooLong || signal?.aborted) {
			throw toNodeApiError(this.getNode(), failure, {
				itemIndex: request.itemIndex,
				operation,
				billable,
				attempts: attempt,
				secrets: [credentials.apiKey],
			});
		}
		const delay = retryDelayMs(attempt - 1, policy, retryAfterMs);
		this.logger?.debug(`Fotor ${operation}: ${failure.kind}, retry ${attempt} in ${delay} ms`);
		if (failure.kind === 'rateLimited' && request.onRateLimited) {
			await request.onRateLimited(delay);
			continue;
		}
		if (failure.kind === 'rateLimited') request.gate?.pause(delay);
		await sleep(delay, signal);
	}
}
