import { simulatorClient, useFileSimulator } from './testClient';

/** GET /v1/payment/links (shared/fotor-api.md §5), checked over real HTTP. */
describe('Fotor simulator: recharge links', () => {
	const sim = useFileSimulator();
	const { call } = simulatorClient(sim);

	it('lists plans with a fresh link each, valid for 30 minutes (ISO-8601 UTC), at no cost', async () => {
		const before = Date.now();
		const response = await call('GET', '/v1/payment/links');
		expect(response.json).toMatchObject({ code: '000', msg: 'success' });
		const plans = response.json?.data as unknown as Array<Record<string, unknown>>;
		expect(plans.length).toBeGreaterThanOrEqual(2);
		for (const plan of plans) {
			expect(Object.keys(plan).sort()).toEqual(['amount', 'credits', 'currency', 'planName', 'url', 'urlExpireTime']);
			expect(plan).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//), planName: expect.any(String), credits: expect.any(Number), currency: 'USD', amount: expect.any(Number) });
			expect(String(plan.urlExpireTime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			const expiresIn = Date.parse(String(plan.urlExpireTime)) - before;
			expect(expiresIn).toBeGreaterThanOrEqual(30 * 60 * 1000);
			expect(expiresIn).toBeLessThan(31 * 60 * 1000);
		}
		const again = (await call('GET', '/v1/payment/links')).json?.data as unknown as Array<Record<string, unknown>>;
		expect(again[0].url).not.toBe(plans[0].url);
		expect(sim().credits.remaining).toBe(1000);
	});

	it('requires the Bearer key and takes faults on its own route', async () => {
		expect((await call('GET', '/v1/payment/links', undefined, 'wrong-key')).status).toBe(401);
		sim().injectFault({ route: 'paymentLinks', kind: 'http503' });
		expect((await call('GET', '/v1/credits')).status).toBe(200);
		expect((await call('GET', '/v1/payment/links')).status).toBe(503);
		expect((await call('GET', '/v1/payment/links')).status).toBe(200);
	});
});
