import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

/** Parallel Tasks and Request Timeout shape the whole run, so they must not vary per item. */
describe('node-wide options set by an expression', () => {
	const sim = useSimulator();
	const upscale = (options: Record<string, unknown>) =>
		imageParameters('upscale', { upscaleFactor: 2, imageSource: 'base64', imageBase64: base64Image(8, 8) }, { returnMode: 'url', ...options });

	it('Parallel Tasks that differs per item: an error naming the item and the field, before any request', async () => {
		const result = await runNode({
			parameters: upscale({ parallelTasks: '={{ $json.p }}' }),
			items: [2, 2, 3].map((p) => ({ json: { p } })),
			credentials: simulatorCredentials(sim()),
		});

		expect(result.error?.message).toBe('Invalid "Parallel Tasks" in item 2: it is 3 here but 2 in item 0');
		expect(result.error?.description).toMatch(/applies to the whole run/);
		expect(result.error?.context?.itemIndex).toBe(2);
		expect(sim().requests).toEqual([]);
	});

	it('Request Timeout that differs per item: the same', async () => {
		const result = await runNode({
			parameters: upscale({ requestTimeout: '={{ $json.t }}' }),
			items: [30, 60].map((t) => ({ json: { t } })),
			credentials: simulatorCredentials(sim()),
		});

		expect(result.error?.message).toBe('Invalid "Request Timeout (Seconds)" in item 1: it differs from item 0');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(sim().requests).toEqual([]);
	});

	it('the same value from an expression for every item runs normally', async () => {
		const result = await runNode({
			parameters: upscale({ parallelTasks: '={{ $json.p }}', requestTimeout: '={{ 20 }}' }),
			items: [3, 3, 3].map((p) => ({ json: { p } })),
			credentials: simulatorCredentials(sim()),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed']);
	});
});
