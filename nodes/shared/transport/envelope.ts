import type { IDataObject } from 'n8n-workflow';

import { SUCCESS_CODE, NO_CREDITS_CODE } from './constants';
import type { FotorFailure } from './failure';

export type EnvelopeResult = { ok: true; data: unknown } | { ok: false; failure: FotorFailure };

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function failureForStatus(status: number): FotorFailure['kind'] {
	if (status === 401) return 'auth';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'notFound';
	if (status === 429) return 'rateLimited';
	if (status >= 500) return 'server';
	return 'badRequest';
}

/**
 * Turns one HTTP reply into Fotor's data or a typed failure. Never throws, whatever the body.
 * Accepts `code` as "000", 0 or absent, and the message in `msg` or `message`, as Fotor's own clients do.
 */
export function parseEnvelope(
	status: number,
	headers: Record<string, unknown>,
	rawBody: unknown,
): EnvelopeResult {
	const text = typeof rawBody === 'string' ? rawBody : rawBody === undefined ? '' : String(rawBody);
	const json = parseJson(text);
	const body = isObject(json) ? json : undefined;
	const codeValue = body?.code;
	const fotorCode =
		codeValue === undefined || codeValue === null ? undefined : String(codeValue).trim();
	const msgValue = body?.msg ?? body?.message;
	const fotorMsg = typeof msgValue === 'string' ? msgValue : undefined;
	const retryAfterHeader = headers['retry-after'];
	const retryAfter =
		typeof retryAfterHeader === 'string' || typeof retryAfterHeader === 'number'
			? String(retryAfterHeader)
			: undefined;

	// "No enough credits" means no task was created whatever the status: never "refused" (no fallback).
	if (fotorCode === NO_CREDITS_CODE && status < 500) {
		return { ok: false, failure: { kind: 'noCredits', httpStatus: status, fotorCode, fotorMsg } };
	}
	if (status < 200 || status >= 300) {
		return {
			ok: false,
			failure: {
				kind: failureForStatus(status),
				httpStatus: status,
				fotorCode,
				fotorMsg,
				retryAfter,
				cloudflare1010: status === 403 && /\b1010\b/.test(text),
			},
		};
	}
	if (!body) {
		return { ok: false, failure: { kind: 'malformed', httpStatus: status } };
	}
	if (fotorCode === NO_CREDITS_CODE) {
		return { ok: false, failure: { kind: 'noCredits', httpStatus: status, fotorCode, fotorMsg } };
	}
	if (fotorCode !== undefined && fotorCode !== SUCCESS_CODE && fotorCode !== '0') {
		return { ok: false, failure: { kind: 'apiError', httpStatus: status, fotorCode, fotorMsg } };
	}
	return { ok: true, data: body.data };
}
