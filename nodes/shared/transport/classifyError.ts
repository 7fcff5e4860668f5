import type { FotorFailure } from './failure';

/** Error codes meaning the connection was never made, so nothing reached Fotor. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const CANCEL_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);

interface ErrorLike {
	code?: unknown;
	name?: unknown;
	message?: unknown;
	cause?: unknown;
}

const asErrorLike = (value: unknown): ErrorLike | undefined =>
	typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined;

/** Walks `cause` links (n8n wraps axios errors in NodeApiError) to find a low-level error code. */
function findCode(error: unknown): { code?: string; text: string } {
	let current = asErrorLike(error);
	const texts: string[] = [];
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.message === 'string') texts.push(current.message);
		if (typeof current.name === 'string') texts.push(current.name);
		if (typeof current.code === 'string') return { code: current.code, text: texts.join(' ') };
		current = asErrorLike(current.cause);
	}
	return { text: texts.join(' ') };
}

/** Classifies an error thrown by the HTTP helper (no HTTP reply was received). */
export function classifyThrownError(error: unknown, signal?: AbortSignal): FotorFailure {
	const { code, text } = findCode(error);
	if (signal?.aborted) return { kind: 'cancelled', networkCode: code, inFlight: true };
	if (code) {
		if (CANCEL_CODES.has(code)) return { kind: 'cancelled', networkCode: code, inFlight: true };
		if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', networkCode: code };
		if (NOT_SENT_CODES.has(code)) return { kind: 'connectionRefused', networkCode: code };
		return { kind: 'network', networkCode: code };
	}
	// No error code: fall back to the wording (wrappers may translate the original message).
	if (/timeout|timed out/i.test(text)) return { kind: 'timeout', networkCode: 'ETIMEDOUT' };
	if (/\b(aborted|canceled|cancelled)\b/i.test(text)) return { kind: 'cancelled', inFlight: true };
	// No code and no telling words: say what n8n reported instead of guessing a network error.
	return { kind: 'network', detail: text.slice(0, 200) || undefined };
}
