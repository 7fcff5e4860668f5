import { runAsTool } from '../../harness/runAsTool';
import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

describe('Account → Get Recharge Links (GET /v1/payment/links)', () => {
	const sim = useSimulator();
	const parameters = { resource: 'account', operation: 'getRechargeLinks' };

	it('returns one item per plan with its payment link, at no cost', async () => {
		const result = await runNode({ parameters, credentials: simulatorCredentials(sim()) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['amount', 'credits', 'currency', 'planName', 'url', 'urlExpireTime']);
		expect(result.items[0].json).toMatchObject({ planName: '500 Tokens (for 2 years)', credits: 500, currency: 'USD', amount: 39.99, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/pay\//) });
		expect(Date.parse(String(result.items[0].json.urlExpireTime)) - Date.now()).toBeGreaterThan(25 * 60 * 1000);
		expect(result.items.every((item) => item.pairedItem !== undefined)).toBe(true);
		expect(sim().credits.remaining).toBe(1000);
	});

	it('gives an AI agent the plans', async () => {
		const answer = await runAsTool({ parameters, toolArguments: {}, credentials: simulatorCredentials(sim()) });
		expect(answer.answer).toEqual(expect.arrayContaining([expect.objectContaining({ credits: 2000, url: expect.any(String) })]));
	});

	it('a reply without a list of plans is a clear error', async () => {
		sim().injectFault({ route: 'paymentLinks', kind: 'code999' });
		const result = await runNode({ parameters, credentials: simulatorCredentials(sim()) });
		expect(result.error?.message).toMatch(/Unknown error/);
	});

	it('says how to recharge when Fotor answers "No enough credits"', async () => {
		sim().configure({ credits: { total: 100, remaining: 0 } });
		const result = await runNode({
			parameters: imageParameters('upscale', { imageSource: 'base64', imageBase64: base64Image(8, 8), upscaleFactor: 2 }),
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error?.message).toBe('Not enough Fotor tokens to run this task');
		expect(result.error?.description).toMatch(/Nothing was charged for this request\. Recharge with a link from Account → Get Recharge Links/);
	});
});
