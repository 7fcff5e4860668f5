import { runNode } from '../../harness/runNode';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

/** Image URLs are sent to Fotor as they are; only the result's file name is derived from them. */
describe('image URL input', () => {
	const sim = useSimulator();

	it('accepts a URL whose path holds a literal "%" (not percent-encoding)', async () => {
		// A public URL: the simulator stands in for it and never contacts it.
		const url = 'https://cdn.example.com/summer/50%off.jpg';
		const result = await runNode({
			parameters: imageParameters('upscale', { upscaleFactor: 2, imageSource: 'url', imageUrl: url }, { returnMode: 'url' }),
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		expect(sim().submits[0].body).toMatchObject({ userImageUrl: url });
	});
});
