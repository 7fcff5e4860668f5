import type { ICredentialsDecrypted, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FotorRateLimiter } from '../client/rateLimiter';
import { pause } from '../client/pause';
import { classifyThrownError } from './classifyError';
import { DEFAULT_READ_TIMEOUT_MS, DEFAULT_SUBMIT_TIMEOUT_MS, USER_AGENT } from './constants';
import { resolveBaseUrl, type FotorContext, type FotorCredentials } from './credentials';
import { parseEnvelope } from './envelope';
import { bodyBuffers } from './bodyBuffers';
import { encodeJsonBody, type EncodedBody } from './jsonBody';
import { toNodeApiError } from './errors';
import type { FotorFailure } from './failure';
import { redirectFailure } from './redirect';
import {
	DEFAULT_RETRY_POLICY,
	isRetryable,
	parseRetryAfterMs,
	retryBudget,
	retryDelayMs,
	type RetryPolicy,
} from './retryPolicy';

export type { FotorContext } from './credentials';

/** What a request needs besides its own fields; owned by the per-execution FotorClient. */
export interface FotorConnection {
	context: FotorContext;
	/** Read once per node run and handed to n8n's helper (no database read per request). */
	credential: ICredentialsDecrypted<FotorCredentials>;
	limiter?: FotorRateLimiter;
	signal?: AbortSignal;
	/** The node's Request Timeout option; undefined = per-call defaults. */
	timeoutMs?: number;
}

export interface FotorRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, e.g. "/v1/credits". */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** A task submit: Fotor may charge tokens for it, so it is never repeated once it may have arrived. */
	billable?: boolean;
	/** The caller holds a task slot of the limiter (a submit): a 429 then waits for another task to end. */
	holdsTaskSlot?: boolean;
	itemIndex?: number;
	retry?: Partial<RetryPolicy>;
}

const isDataObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one way both nodes talk to Fotor's API: Bearer auth from the `fotorApi` credential (applied
 * by n8n), the `{code,msg,data}` envelope, a timeout on every call, bounded retries where repeating
 * is safe, and errors that say what to do. Redirects are not followed, so the key never reaches
 * another origin. Returns the envelope's `data` object ({} if none or not an object).
 */
export async function fotorApiRequest(connection: FotorConnection, request: FotorRequest): Promise<IDataObject> {
	const data = await fotorApiRequestData(connection, request);
	return isDataObject(data) ? data : {};
}

/** fotorApiRequest for endpoints whose `data` is not an object (e.g. a list): the envelope's `data` as it came. */
export async function fotorApiRequestData(connection: FotorConnection, request: FotorRequest): Promise<unknown> {
	const { context, credential, limiter, signal } = connection;
	const credentials = credential.data ?? { apiKey: '' };
	const policy = { ...DEFAULT_RETRY_POLICY, ...request.retry };
	const billable = request.billable ?? false;
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
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Fotor does not redirect; if a host ever does, the reply is reported instead of followed,
		// and n8n is told never to copy the Authorization header to another origin either way.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: connection.timeoutMs ?? (billable ? DEFAULT_SUBMIT_TIMEOUT_MS : DEFAULT_READ_TIMEOUT_MS),
		abortSignal: signal,
	};

	for (let attempt = 1; ; attempt++) {
		await limiter?.whenOpen(signal);
		// Encoded per attempt, so a submit waiting to be retried holds no copy of its images.
		const body = request.body ? await encodeBody(connection, request) : undefined;
		let failure: FotorFailure;
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'fotorApi', withBody(options, body), {
				credentialsDecrypted: { ...credential, data: { ...credentials } },
			})) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
			const headers = response.headers ?? {};
			const parsed = redirectFailure(response.statusCode, headers) ?? parseEnvelope(response.statusCode, headers, response.body);
			if (parsed.ok) return parsed.data;
			failure = parsed.failure;
		} catch (error) {
			failure = classifyThrownError(error, signal);
		} finally {
			if (body?.kind === 'bytes') body.release();
		}

		const retriesLeft = retryBudget(failure, policy) - (attempt - 1);
		const retryAfterMs = parseRetryAfterMs(failure.retryAfter);
		const waitTooLong = retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs;
		if (!isRetryable(failure, billable) || retriesLeft <= 0 || waitTooLong || signal?.aborted) {
			throw toNodeApiError(context.getNode(), failure, {
				itemIndex: request.itemIndex,
				operation,
				billable,
				attempts: attempt,
				secrets: [credentials.apiKey],
			});
		}
		const delay = retryDelayMs(attempt - 1, policy, retryAfterMs);
		context.logger?.debug(`Fotor ${operation}: ${failure.kind}, retry ${attempt} in ${delay} ms`);
		try {
			if (failure.kind === 'rateLimited' && limiter) await limiter.rateLimited(delay, request.holdsTaskSlot === true, signal);
			else await pause(delay, signal);
		} catch {
			// Stopped while waiting to retry: say so in the transport's words, not the timer's.
			throw toNodeApiError(context.getNode(), { kind: 'cancelled' }, { itemIndex: request.itemIndex, operation, billable, attempts: attempt, secrets: [] });
		}
	}
}

/** The body, encoded (see encodeJsonBody); a failure here means nothing was sent. */
async function encodeBody(connection: FotorConnection, request: FotorRequest): Promise<EncodedBody> {
	try {
		return await encodeJsonBody(request.body as IDataObject, bodyBuffers, connection.signal);
	} catch (error) {
		throw new NodeOperationError(connection.context.getNode(), `Could not prepare the request to Fotor (${request.method} ${request.path}): ${(error as Error).message}`, {
			itemIndex: request.itemIndex,
			description: 'Nothing was sent to Fotor for this item; it is safe to run it again.',
		});
	}
}

function withBody(options: IHttpRequestOptions, body: EncodedBody | undefined): IHttpRequestOptions {
	if (!body) return { ...options };
	return { ...options, body: body.kind === 'text' ? body.text : body.bytes };
}
