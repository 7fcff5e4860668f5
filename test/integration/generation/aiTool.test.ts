import { runAsTool } from '../../harness/runAsTool';
import { simulatorCredentials, useSimulator } from '../support';
import { imageGenerate, single, videoGenerate } from './support';

describe('Image → Generate and Video → Generate as AI-agent tools', () => {
	const sim = useSimulator();
	const cdnRequests = () => sim().requests.filter((request) => request.path.startsWith('/cdn/'));

	it('answers an image generation with the result URL and the size, not binary data', async () => {
		const answer = await runAsTool({
			parameters: imageGenerate(
				{ prompt: "={{ $fromAI('prompt', 'What the image shows', 'string') }}", model: 'flux-2-pro', aspectRatio: '4:3', resolution: '1k' },
				{ returnMode: 'binary' },
			),
			toolArguments: { prompt: 'a tea house in the rain' },
			credentials: simulatorCredentials(sim()),
		});
		expect(sim().submits[0].body).toMatchObject({ content: [{ type: 'text', text: 'a tea house in the rain' }] });
		expect(answer.answer).toEqual([
			expect.objectContaining({
				status: 'completed',
				model: 'flux-2-pro',
				width: 1184,
				height: 880,
				resultUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/cdn\//),
			}),
		]);
		expect(cdnRequests()).toEqual([]);
	});

	it('answers a video generation with the MP4 URL, not binary data', async () => {
		const answer = await runAsTool({
			parameters: videoGenerate({
				mode: 'img2video',
				img2videoModel: 'kling-v3',
				...single.url('image', "={{ $fromAI('imageUrl', 'Link to the photo to animate', 'string') }}"),
				prompt: "={{ $fromAI('motion', 'How the photo should move', 'string') }}",
				resolution: '720p',
			}),
			toolArguments: { imageUrl: 'https://images.example.com/beach.jpg', motion: 'waves roll in' },
			credentials: simulatorCredentials(sim()),
		});
		expect(sim().submits[0].body).toMatchObject({ prompt: 'waves roll in', imageUrls: ['https://images.example.com/beach.jpg'] });
		expect(answer.answer).toEqual([
			expect.objectContaining({ status: 'completed', mode: 'img2video', model: 'kling-v3', resultUrl: expect.stringMatching(/\.mp4$/) }),
		]);
		expect(cdnRequests()).toEqual([]);
	});

	it('reports a bad reference image to the agent as an error naming the field, before any call', async () => {
		const answer = await runAsTool({
			parameters: imageGenerate({
				prompt: 'a cat',
				referenceImages: { image: [{ imageSource: 'url', imageUrl: "={{ $fromAI('reference', 'Link to a reference image', 'string') }}" }] },
			}),
			toolArguments: { reference: 'ftp://example.com/cat.png' },
			credentials: simulatorCredentials(sim()),
		});
		expect(answer.toolError).toContain('Invalid "Reference Images → Image URL (#1)" in item 0');
		expect(sim().requests).toEqual([]);
	});
});
