import { runAsTool } from '../../harness/runAsTool';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

describe('the Fotor node as an AI-agent tool, through n8n-core\'s tool machinery', () => {
	const sim = useSimulator();

	it('fills $fromAI() from the agent and answers with the result URL instead of binary data', async () => {
		const answer = await runAsTool({
			parameters: imageParameters('textToImage', { content: "={{ $fromAI('prompt', 'What the image shows', 'string') }}", sizeId: '1:1' }, { returnMode: 'binary' }),
			toolArguments: { prompt: 'a lighthouse at dawn' },
			credentials: simulatorCredentials(sim()),
		});
		expect(sim().submits).toHaveLength(1);
		expect(sim().submits[0].body).toMatchObject({ content: 'a lighthouse at dawn', sizeId: '1:1' });
		expect(answer.answer).toEqual([
			expect.objectContaining({ taskId: sim().submits[0].taskId, status: 'completed', resultUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/cdn\//) }),
		]);
		// No result was downloaded: the agent gets the URL, not bytes it would drop.
		expect(sim().requests.filter((request) => request.path.startsWith('/cdn/'))).toEqual([]);
	});

	it('reports a bad input to the agent as a tool error naming the field, before any call', async () => {
		const answer = await runAsTool({
			parameters: imageParameters('upscale', { imageSource: 'url', imageUrl: "={{ $fromAI('imageUrl', 'Link to the photo', 'string') }}" }),
			toolArguments: { imageUrl: 'not a link' },
			credentials: simulatorCredentials(sim()),
		});
		expect(answer.toolError).toContain('Invalid "Image URL" in item 0');
		expect(sim().requests).toEqual([]);
	});
});
