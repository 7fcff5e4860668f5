import { createHash, timingSafeEqual } from 'node:crypto';

/** The addresses Fotor's docs say webhooks come from. */
export const FOTOR_SENDER_IPS = ['54.212.95.175', '44.236.127.35'];

const normalizeIp = (ip: string) => ip.trim().replace(/^::ffff:/i, '');

/**
 * The sender's address. Without proxy trust it is the address n8n saw (express's req.ip,
 * which already follows n8n's own N8N_PROXY_HOPS setting). With trust, the right-most
 * X-Forwarded-For entry: the one the nearest proxy added, which a sender cannot forge.
 */
export function senderIp(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
	if (trustProxy && forwardedFor) {
		const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((e) => e.trim()).filter(Boolean);
		if (entries.length) return normalizeIp(entries[entries.length - 1]);
	}
	return normalizeIp(remoteAddress ?? '');
}

/** Whether `ip` is on the list; an empty list allows every sender. */
export function ipAllowed(ip: string, allowed: string[]): boolean {
	return allowed.length === 0 || allowed.map(normalizeIp).includes(normalizeIp(ip));
}

/** Constant-time comparison of the configured secret with the one received. */
export function tokenMatches(expected: string, received: unknown): boolean {
	if (typeof received !== 'string') return false;
	const digest = (text: string) => createHash('sha256').update(text).digest();
	return timingSafeEqual(digest(expected), digest(received));
}
