/**
 * What went wrong with one Fotor call, in terms the retry policy and the error messages share.
 * `kind` decides whether repeating the call is safe; the rest is for the user.
 */
export type FailureKind =
	| 'auth' // 401
	| 'forbidden' // 403 (Cloudflare 1010 or otherwise)
	| 'rateLimited' // 429: refused before acceptance, safe to repeat after waiting
	| 'noCredits' // code 510
	| 'badRequest' // 400 or other 4xx
	| 'notFound' // 404
	| 'server' // 5xx
	| 'apiError' // HTTP 2xx with code != "000"
	| 'malformed' // body is not the JSON envelope (HTML page, truncated JSON)
	| 'timeout' // no reply within the timeout
	| 'connectionRefused' // nothing was sent
	| 'network' // connection broke; the request may or may not have been received
	| 'redirect' // 3xx: not followed, so the API key never leaves Fotor's origin
	| 'cancelled'; // the execution was cancelled

export interface FotorFailure {
	kind: FailureKind;
	httpStatus?: number;
	fotorCode?: string;
	fotorMsg?: string;
	/** Low-level error code such as ECONNRESET. */
	networkCode?: string;
	/** Seconds or an HTTP date, as sent by the server. */
	retryAfter?: string;
	cloudflare1010?: boolean;
	/** What the HTTP client reported when it gave no error code. */
	detail?: string;
	/** Origin a 3xx reply pointed to. */
	redirectTarget?: string;
	/** Cancelled while the request was on its way (not while waiting to send it). */
	inFlight?: boolean;
}

/**
 * Failures after which the server may have acted on the request: no reply or a broken one, a
 * request stopped on its way (n8n's Stop aborts requests in flight), and an HTTP 2xx reply with a
 * code Fotor does not document (only a 4xx is known to create nothing).
 */
export function outcomeUncertain(failure: FotorFailure): boolean {
	return (
		failure.kind === 'server' ||
		failure.kind === 'malformed' ||
		failure.kind === 'timeout' ||
		failure.kind === 'network' ||
		failure.kind === 'apiError' ||
		(failure.kind === 'cancelled' && failure.inFlight === true)
	);
}
