import { runNode } from '../../harness/runNode';
import { envelope, startScriptedServer } from '../transport/scriptedServer';

/** Replies the simulator never gives: Fotor documents this endpoint only in its own tools. */
describe('Account → Get Recharge Links: unexpected replies', () => {
	let server: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => (server = await startScriptedServer()));
	afterAll(async () => await server.close());

	async function run(data: unknown) {
		server.script([{ status: 200, body: envelope(data) }]);
		return await runNode({
			parameters: { resource: 'account', operation: 'getRechargeLinks' },
			credentials: { apiKey: 'scripted-key', environment: 'custom', customBaseUrl: server.url },
		});
	}

	it('keeps exactly the six fields, null where Fotor left one out or sent a non-number', async () => {
		const result = await run([
			{ url: 'https://pay.test/a', planName: 'Small', credits: '500', currency: 'USD', amount: 39.99, urlExpireTime: '2026-01-01T00:30:00Z', extra: 'dropped' },
			{ planName: 'Odd', amount: 'n/a' },
			'not a plan',
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ url: 'https://pay.test/a', planName: 'Small', credits: 500, currency: 'USD', amount: 39.99, urlExpireTime: '2026-01-01T00:30:00Z' },
			{ url: null, planName: 'Odd', credits: null, currency: null, amount: null, urlExpireTime: null },
			{ url: null, planName: null, credits: null, currency: null, amount: null, urlExpireTime: null },
		]);
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /v1/payment/links']);
	});

	it('returns no items for an empty list', async () => {
		const result = await run([]);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it.each([[null], [{ url: 'https://pay.test/a' }], ['plans']])('is a clear error when data is %j, not a list', async (data) => {
		const result = await run(data);
		expect(result.error?.message).toBe("Fotor's reply to GET /v1/payment/links has no list of plans");
		expect(result.error?.description).toMatch(/developers\.fotor\.com/);
	});
});
