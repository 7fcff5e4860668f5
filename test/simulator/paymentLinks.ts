import { randomBytes } from 'node:crypto';

/** Recharge plans, as in Fotor's agent-skill docs (credits-and-recharge.md); links valid about 30 minutes. */
const PLANS = [
	{ planName: '500 Tokens (for 2 years)', credits: 500, currency: 'USD', amount: 39.99 },
	{ planName: '2000 Tokens (for 2 years)', credits: 2000, currency: 'USD', amount: 139.99 },
	{ planName: '10000 Tokens (for 2 years)', credits: 10000, currency: 'USD', amount: 599.99 },
];

/** The `data` of GET /v1/payment/links: a fresh link per plan, expiring 30 minutes from now (ISO-8601 UTC). */
export function paymentLinks(baseUrl: string, now = Date.now()): Array<Record<string, unknown>> {
	const urlExpireTime = new Date(now + 30 * 60 * 1000).toISOString();
	return PLANS.map((plan) => ({ url: `${baseUrl}/pay/${randomBytes(8).toString('hex')}?credits=${plan.credits}`, ...plan, urlExpireTime }));
}
