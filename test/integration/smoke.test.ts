import { runNode } from '../harness/runNode';
import { startSimulator, type FotorSimulator } from '../simulator';

describe('smoke', () => {
	let sim: FotorSimulator;
	beforeAll(async () => {
		sim = await startSimulator({ quiet: true });
	});
	afterAll(async () => await sim.close());

	it('gets credits', async () => {
		const result = await runNode({
			parameters: { resource: 'account', operation: 'getCredits' },
			credentials: { apiKey: 'sim-test-key', environment: 'custom', customBaseUrl: sim.url },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ total: 1000, remaining: 1000 });
	});
});
