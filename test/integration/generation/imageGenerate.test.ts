/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { runNode } from '../../harness/runNode';
import { base64Image, imageInfo, testImage } from '../images';
import { simulatorCredentials, useSimulator } from '../support';
import { entry, imageGenerate, imageList, REMOTE_IMAGE, withFiles, type ImageBody } from './support';

const PROMPT = 'a sneaker on a marble plinth, soft daylight';

describe('Image → Generate (POST /v1/aiart/imagegeneration/{modelId})', () => {
	const sim = useSimulator();
	const run = async (...args: Parameters<typeof imageGenerate>) =>
		await runNode({ parameters: imageGenerate(...args), credentials: simulatorCredentials(sim()) });
	/** Every submit that reached the simulator, faulted ones included: [model path, HTTP status]. */
	const submitted = () =>
		sim()
			.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/v1/aiart/imagegeneration/'))
			.map((request) => [request.path.split('/').pop(), request.status]);

	it('generates from text only: the SDK body, the size of the model table, a PNG of that size', async () => {
		const result = await run({ prompt: PROMPT, model: 'gpt-image-2', aspectRatio: '16:9', resolution: '1k' });
		expect(result.error).toBeUndefined();
		expect(sim().submits).toHaveLength(1);
		expect(sim().submits[0]).toMatchObject({
			path: '/v1/aiart/imagegeneration/gpt-image-2',
			mode: 'text2image',
			accepted: true,
			body: { width: 1392, height: 752, content: [{ type: 'text', text: PROMPT }], quality: 'medium' },
		});
		const [item] = result.items;
		expect(item.json).toMatchObject({
			operation: 'image.generate',
			status: 'completed',
			type: 'imagegeneration',
			model: 'gpt-image-2',
			width: 1392,
			height: 752,
			aspectRatio: '16:9',
			resolution: '1k',
			sizeAdjustments: [],
			creditsIncrement: expect.any(Number),
			mimeType: 'image/png',
			fileName: expect.stringMatching(/^fotor-[0-9a-f]{8}-generated\.png$/),
		});
		expect(item.json).not.toHaveProperty('fallbackUsed');
		expect(imageInfo(await result.binary(item))).toMatchObject({ format: 'png', width: 1392, height: 752 });
	});

	it('uses the defaults of Fotor\'s CLI: GPT Image 2, 1:1, 2K', async () => {
		const result = await run({ prompt: PROMPT });
		expect(result.error).toBeUndefined();
		expect(sim().submits[0]).toMatchObject({ model: 'gpt-image-2', body: { width: 2048, height: 2048 } });
		expect(result.items[0].json).toMatchObject({ aspectRatio: '1:1', resolution: '2k', sizeAdjustments: [] });
	});

	it('sends reference images from a URL, a binary file and base64, in order, as image_url parts', async () => {
		const result = await runNode({
			parameters: imageGenerate({
				prompt: PROMPT,
				model: 'gemini-3.1-flash-image-preview',
				resolution: '1k',
				referenceImages: imageList(entry.url(REMOTE_IMAGE), entry.binary('photo'), entry.base64(base64Image(24, 16, 'jpeg'))),
			}),
			items: [withFiles({ photo: { data: testImage(40, 30), fileName: 'studio-shot.png' } })],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		const { content } = sim().submits[0].body as ImageBody;
		expect(sim().submits[0]).toMatchObject({ mode: 'image2image', accepted: true });
		expect(content).toEqual([
			{ type: 'text', text: PROMPT },
			{ type: 'image_url', url: REMOTE_IMAGE },
			{ type: 'image_url', url: expect.stringMatching(/^data:image\/png;base64,/) },
			{ type: 'image_url', url: expect.stringMatching(/^data:image\/jpeg;base64,/) },
		]);
		expect(imageInfo(Buffer.from(content[2].url!.split(',')[1], 'base64'))).toMatchObject({ width: 40, height: 30 });
		// Named after the first reference image.
		expect(result.items[0].json).toMatchObject({ status: 'completed', fileName: 'sneaker-generated.png' });
	});

	it('uploads binary and base64 reference images with signed upload type img2img', async () => {
		const result = await runNode({
			parameters: imageGenerate(
				{ prompt: PROMPT, model: 'flux-2-pro', resolution: '1k', referenceImages: imageList(entry.binary(), entry.base64(base64Image(16, 16))) },
				{ imageUpload: 'signedUpload' },
			),
			items: [withFiles({ data: { data: testImage(32, 32), fileName: 'a.png' } })],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		const signs = sim().requests.filter((request) => request.path === '/v1/upload/sign');
		expect(signs.map((request) => request.query.type)).toEqual(['img2img', 'img2img']);
		const urls = (sim().submits[0].body as ImageBody).content.slice(1).map((part) => part.url);
		expect(urls).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//), expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//)]);
	});

	it('sends a model By ID with the width and height given', async () => {
		const result = await run({ prompt: PROMPT, model: 'byId', modelId: 'kontextdev', width: 640, height: 480 });
		expect(result.error).toBeUndefined();
		expect(sim().submits[0]).toMatchObject({ path: '/v1/aiart/imagegeneration/kontextdev', body: { width: 640, height: 480 } });
		expect(result.items[0].json).toMatchObject({ model: 'kontextdev', width: 640, height: 480, sizeAdjustments: [] });
		expect(result.items[0].json).not.toHaveProperty('aspectRatio');
		expect(imageInfo(await result.binary(result.items[0]))).toMatchObject({ width: 640, height: 480 });
	});

	it('adjusts a ratio and a resolution the model does not have, as the SDK does, and says so', async () => {
		const result = await run({ prompt: PROMPT, model: 'gpt-image-1-mini', aspectRatio: '16:9', resolution: '4k' });
		expect(result.error).toBeUndefined();
		expect(sim().submits[0].body).toMatchObject({ width: 1024, height: 1024 });
		expect(result.items[0].json).toMatchObject({ width: 1024, height: 1024, aspectRatio: '1:1', resolution: '1k' });
		expect(result.items[0].json.sizeAdjustments).toEqual([
			expect.stringContaining('does not support aspect ratio 16:9; used 1:1'),
			expect.stringContaining('does not support resolution 4k; used 1k'),
		]);
	});

	it('grows a size below the model\'s pixel minimum (Seedream) and reports it', async () => {
		const result = await run({ prompt: PROMPT, model: 'seedream-4-5-251128', aspectRatio: '1:1', resolution: '1k' });
		expect(result.error).toBeUndefined();
		const { width, height } = sim().submits[0].body as ImageBody;
		expect(width * height).toBeGreaterThanOrEqual(3686400);
		expect(result.items[0].json).toMatchObject({ width, height, resolution: '2k' });
		expect((result.items[0].json.sizeAdjustments as string[]).length).toBeGreaterThan(0);
	});

	it('reports an unknown model refused by Fotor with an error naming it, and sends nothing else', async () => {
		const result = await run({ prompt: PROMPT, model: 'byId', modelId: 'dall-e-9', width: 512, height: 512 });
		expect(result.error?.message).toContain('dall-e-9');
		expect(sim().submits).toHaveLength(1);
		expect(sim().submits[0]).toMatchObject({ model: 'dall-e-9', accepted: false });
	});

	it("submits Fotor's recommended fallback once when the model is refused, with the fallback's size, and says so", async () => {
		sim().injectFault({ route: 'submit', model: 'gpt-image-2', kind: 'http400' });
		const result = await run({ prompt: PROMPT, model: 'gpt-image-2', aspectRatio: '16:9', resolution: '1k', fallbackModel: 'recommended' });
		expect(result.error).toBeUndefined();
		expect(submitted()).toEqual([
			['gpt-image-2', 400],
			['gemini-3.1-flash-image-preview', 200],
		]);
		expect(sim().submits.map((submit) => [submit.model, submit.accepted])).toEqual([['gemini-3.1-flash-image-preview', true]]);
		expect(sim().submits[0].body).toMatchObject({ width: 1376, height: 768, content: [{ type: 'text', text: PROMPT }] });
		expect(result.items[0].json).toMatchObject({
			status: 'completed',
			model: 'gemini-3.1-flash-image-preview',
			requestedModel: 'gpt-image-2',
			width: 1376,
			height: 768,
			fallbackUsed: 'gemini-3.1-flash-image-preview',
			fallbackReason: expect.stringContaining('Fotor rejected the request: Model not available'),
		});
	});

	it('falls back to a model By ID after an unknown model is refused', async () => {
		const result = await run({
			prompt: PROMPT,
			model: 'byId',
			modelId: 'dall-e-9',
			width: 800,
			height: 600,
			fallbackModel: 'byId',
			fallbackModelId: 'flux-2-pro',
		});
		expect(result.error).toBeUndefined();
		expect(sim().submits.map((submit) => [submit.model, submit.accepted])).toEqual([
			['dall-e-9', false],
			['flux-2-pro', true],
		]);
		expect(result.items[0].json).toMatchObject({ model: 'flux-2-pro', width: 800, height: 600, fallbackUsed: 'flux-2-pro', fallbackReason: expect.stringContaining('dall-e-9') });
	});

	it.each([
		['a server error (500)', { kind: 'http500' as const }, {}],
		['a timeout', { kind: 'slow' as const, delayMs: 2000 }, { requestTimeout: 1 }],
	])('never falls back after %s on submit: the first task may exist', async (_name, fault, options) => {
		sim().injectFault({ route: 'submit', model: 'gpt-image-2', ...fault });
		const result = await run({ prompt: PROMPT, model: 'gpt-image-2', resolution: '1k', fallbackModel: 'recommended' }, options);
		expect(result.error?.message).toMatch(/may or may not have been created/);
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(submitted().map(([model]) => model)).toEqual(['gpt-image-2']);
	});

	it('never falls back when tokens run out (code 510)', async () => {
		sim().injectFault({ route: 'submit', model: 'gpt-image-2', kind: 'code510' });
		const result = await run({ prompt: PROMPT, model: 'gpt-image-2', fallbackModel: 'recommended' });
		expect(result.error?.message).toMatch(/Not enough Fotor tokens/);
		expect(submitted()).toEqual([['gpt-image-2', 200]]);
	});

	it('returns the task ID at once with Wait for Completion off, with the model and size', async () => {
		const result = await run({ prompt: PROMPT, model: 'midjourney-v7', aspectRatio: '3:2', resolution: '1k', waitForCompletion: false });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			taskId: sim().submits[0].taskId,
			status: 'processing',
			statusCode: 0,
			operation: 'image.generate',
			model: 'midjourney-v7',
			width: 1344,
			height: 896,
			aspectRatio: '3:2',
			resolution: '1k',
			sizeAdjustments: [],
		});
		expect(sim().requests.filter((request) => request.path.startsWith('/v1/aiart/tasks/'))).toEqual([]);
	});

	it('runs items in parallel, each with its own prompt and model, output paired and in order', async () => {
		const result = await runNode({
			parameters: imageGenerate({ prompt: '={{ $json.prompt }}', model: '={{ $json.model }}', resolution: '1k' }, { parallelTasks: 3 }),
			items: [
				{ json: { prompt: 'a red kite', model: 'flux-2-pro' } },
				{ json: { prompt: 'a lighthouse', model: 'kling-image-o1' } },
				{ json: { prompt: 'a bowl of ramen', model: 'gpt-image-2' } },
			],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.model, item.pairedItem])).toEqual([
			['flux-2-pro', { item: 0 }],
			['kling-image-o1', { item: 1 }],
			['gpt-image-2', { item: 2 }],
		]);
		expect(result.items[1].json).toMatchObject({ width: 1280, height: 1280 });
	});
});
