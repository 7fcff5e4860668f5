import type { EnvelopeResult } from './envelope';

/**
 * A 3xx reply. Redirects are never followed (they could carry the API key to another origin),
 * so one is reported with where it pointed; Fotor's API is not known to redirect.
 */
export function redirectFailure(status: number, headers: Record<string, unknown>): EnvelopeResult | undefined {
	if (status < 300 || status >= 400) return undefined;
	const location = typeof headers.location === 'string' ? headers.location : undefined;
	let target: string | undefined;
	try {
		target = location ? new URL(location).origin : undefined;
	} catch {
		target = undefined; // a relative Location: same origin
	}
	return { ok: false, failure: { kind: 'redirect', httpStatus: status, redirectTarget: target ?? 'the same host' } };
}
