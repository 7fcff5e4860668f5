/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { probeImage, probeMp4, renderImage } from './index';
import { simulatorClient, useFileSimulator } from './testClient';

const png = renderImage({ format: 'png', width: 20, height: 10 });
const dataUri = `data:image/png;base64,${png.toString('base64')}`;
const REMOTE = 'https://pub-static.fotor.com/assets/example.jpg';
const START_CREDITS = 1000;

const prompt = (text = 'a lighthouse at dusk') => ({ type: 'text', text });
const imagePart = (url: string) => ({ type: 'image_url', url });
const imageBody = (width: number, height: number, ...extra: unknown[]) => ({ width, height, content: [prompt(), ...extra], quality: 'medium' });
const videoBody = (extra: Record<string, unknown> = {}) => ({
	prompt: 'waves at golden hour',
	duration: 5,
	resolution: '720p',
	aspect_ratio: '16:9',
	scenes: 'normal',
	enableAudio: false,
	...extra,
});

/** The model-based endpoints (shared/fotor-api.md §8.1), checked over real HTTP. */
describe('Fotor simulator: model-based image generation and video', () => {
	const sim = useFileSimulator(30);
	const { call, download, downloadHead, submit, runTask } = simulatorClient(sim);

	describe('imagegeneration/{model}', () => {
		it('generates a PNG of exactly the requested size, logs model and mode, charges on success', async () => {
			const task = await runTask('imagegeneration/gpt-image-2', imageBody(1184, 880));
			expect(task).toMatchObject({ status: 1, type: 'imagegeneration', creditsIncrement: 4, hasHsfw: false });
			const file = await download(String(task.resultUrl));
			expect(file).toMatchObject({ status: 200, type: 'image/png', length: file.bytes.length });
			expect(probeImage(file.bytes)).toMatchObject({ format: 'png', width: 1184, height: 880 });
			expect(sim().credits.remaining).toBe(START_CREDITS - 4);
			expect(sim().submits[0]).toMatchObject({
				endpoint: 'imagegeneration',
				path: '/v1/aiart/imagegeneration/gpt-image-2',
				model: 'gpt-image-2',
				mode: 'text2image',
				accepted: true,
				body: imageBody(1184, 880),
			});
			expect(sim().requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/v1/aiart/imagegeneration/gpt-image-2']);
		});

		it('takes reference images as URLs, data URIs and its own results (image2image)', async () => {
			const first = await runTask('imagegeneration/seedream-4-5-251128', imageBody(64, 48));
			const task = await runTask('imagegeneration/wan2.5-i2i-preview', imageBody(300, 200, imagePart(REMOTE), imagePart(dataUri), imagePart(String(first.resultUrl))));
			expect(task).toMatchObject({ status: 1 });
			expect(sim().submits[1]).toMatchObject({ model: 'wan2.5-i2i-preview', mode: 'image2image' });
			expect(probeImage((await download(String(task.resultUrl))).bytes)).toMatchObject({ width: 300, height: 200 });
		});

		it('renders 2048 × 2048 and 4096 × 4096 quickly, without holding them, and charges the 4k tier more', async () => {
			for (const [side, credits] of [[2048, 4], [4096, 8]]) {
				const task = await runTask('imagegeneration/gemini-3-pro-image-preview', imageBody(side, side));
				expect(task.creditsIncrement).toBe(credits);
				const started = Date.now();
				const file = await download(String(task.resultUrl));
				expect(Date.now() - started).toBeLessThan(3000);
				expect(probeImage(file.bytes)).toMatchObject({ width: side, height: side });
				expect(file.length).toBe(file.bytes.length);
			}
			const held = [...sim().tasks.values()].flatMap((t) => t.files).filter((f) => 'bytes' in f);
			expect(held).toHaveLength(0);
		});

		it.each([
			['unknown model', 'imagegeneration/dall-e-9', imageBody(512, 512), 'model dall-e-9 is not supported'],
			['no text part', 'imagegeneration/gpt-image-2', { width: 512, height: 512, content: [imagePart(REMOTE)] }, 'text'],
			['content not an array', 'imagegeneration/gpt-image-2', { width: 512, height: 512, content: 'a cat' }, 'content'],
			['unknown part type', 'imagegeneration/gpt-image-2', imageBody(512, 512, { type: 'video_url', url: REMOTE }), 'content[1].type'],
			['empty prompt', 'imagegeneration/gpt-image-2', { width: 512, height: 512, content: [prompt(' ')] }, 'content[0].text'],
			['zero width', 'imagegeneration/gpt-image-2', imageBody(0, 512), 'width'],
			['huge height', 'imagegeneration/gpt-image-2', imageBody(512, 9000), 'height'],
			['fractional width', 'imagegeneration/gpt-image-2', imageBody(512.5, 512), 'width'],
			['bad quality', 'imagegeneration/gpt-image-2', { ...imageBody(512, 512), quality: 'ultra' }, 'quality'],
			['ftp image', 'imagegeneration/gpt-image-2', imageBody(512, 512, imagePart('ftp://x.test/a.png')), 'content[1].url'],
			['not an image', 'imagegeneration/gpt-image-2', imageBody(512, 512, imagePart(Buffer.from('plain text').toString('base64'))), 'content[1].url'],
			['i2i model without image', 'imagegeneration/wan2.5-i2i-preview', imageBody(512, 512), 'at least 1 image_url'],
			['t2i model with image', 'imagegeneration/wan2.5-t2i-preview', imageBody(512, 512, imagePart(REMOTE)), 'text to image only'],
		])('refuses %s with 400, a non-"000" code, no task and no charge', async (_case, path, body, message) => {
			const response = await call('POST', `/v1/aiart/${path}`, body);
			expect(response.status).toBe(400);
			expect(response.json).toMatchObject({ code: '400', data: null });
			expect(response.json?.msg).toContain(message);
			expect(sim().submits[0]).toMatchObject({ endpoint: 'imagegeneration', model: path.split('/')[1], accepted: false, httpStatus: 400 });
			expect(sim().tasks.size).toBe(0);
			expect(sim().credits.remaining).toBe(START_CREDITS);
		});
	});

	describe('{text2video|img2video|startend2video|character2video}/{model}', () => {
		it.each([
			['text2video', 'seedance-1-5-pro-251215', videoBody(), [1280, 720], 25],
			['img2video', 'doubao-seedance-2-0-260128', videoBody({ imageUrls: [REMOTE], duration: 3 }), [1280, 720], 15],
			['startend2video', 'kling-v3', videoBody({ imageUrls: [dataUri, REMOTE], resolution: '1080p' }), [1920, 1080], 40],
			['character2video', 'kling-v3-omni', videoBody({ imageUrls: [REMOTE, dataUri, REMOTE], aspect_ratio: '9:16' }), [720, 1280], 25],
		] as const)('%s renders a real MP4 of the requested length and frame size', async (mode, model, body, [width, height], credits) => {
			const task = await runTask(`${mode}/${model}`, body);
			expect(task).toMatchObject({ status: 1, type: mode, creditsIncrement: credits });
			const file = await download(String(task.resultUrl));
			expect(file).toMatchObject({ status: 200, type: 'video/mp4', length: file.bytes.length });
			expect(probeMp4(file.bytes)).toMatchObject({
				majorBrand: 'isom',
				boxes: ['ftyp', 'moov', 'mdat'],
				durationSeconds: body.duration,
				tracks: [{ handler: 'vide', codec: 'avc1', width, height, sampleCount: body.duration * 24 }],
			});
			expect(file.bytes.length).toBeLessThan(64 * 1024);
			expect(sim().credits.remaining).toBe(START_CREDITS - credits);
			expect(sim().submits[0]).toMatchObject({ endpoint: mode, model, mode, path: `/v1/aiart/${mode}/${model}`, body, accepted: true });
		});

		it('streams a video padded to videoBytes with an honest Content-Length and no large buffer', async () => {
			// Memory grows by some client-side garbage, but not with the size: a buffered body would need all 200 MB.
			const videoBytes = 200 * 1024 * 1024;
			await call('POST', '/__sim/configure', { videoBytes });
			const task = await runTask('text2video/kling-v3', videoBody());
			let peak = process.memoryUsage().arrayBuffers;
			const before = peak;
			const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 2);
			const file = await downloadHead(String(task.resultUrl));
			clearInterval(sampler);
			expect(file).toMatchObject({ status: 200, type: 'video/mp4', length: videoBytes, received: videoBytes });
			expect(probeMp4(file.head, file.received)).toMatchObject({ boxes: ['ftyp', 'moov', 'mdat'], durationSeconds: 5 });
			expect(peak - before).toBeLessThan(videoBytes / 2);
		});

		it.each([
			['unknown model', 'text2video/sora-9', videoBody(), 'model sora-9 is not supported by text2video'],
			['image model on a video route', 'img2video/gpt-image-2', videoBody({ imageUrls: [REMOTE] }), 'not supported'],
			['missing prompt', 'text2video/kling-v3', videoBody({ prompt: undefined }), 'prompt is required'],
			['images for text2video', 'text2video/kling-v3', videoBody({ imageUrls: [REMOTE] }), 'text2video takes no imageUrls (got 1)'],
			['no image for img2video', 'img2video/kling-v3', videoBody(), 'img2video needs exactly 1 image in imageUrls (got 0)'],
			['two images for img2video', 'img2video/kling-v3', videoBody({ imageUrls: [REMOTE, REMOTE] }), 'exactly 1 image'],
			['one image for startend2video', 'startend2video/kling-v3', videoBody({ imageUrls: [REMOTE] }), 'exactly 2 images'],
			['three images for startend2video', 'startend2video/viduq2-turbo', videoBody({ imageUrls: [REMOTE, REMOTE, REMOTE] }), 'exactly 2 images'],
			['one image for character2video', 'character2video/kling-video-o1', videoBody({ imageUrls: [REMOTE] }), 'at least 2 images'],
			['a bad image', 'img2video/kling-v3', videoBody({ imageUrls: ['file:///etc/passwd'] }), 'imageUrls[0]'],
			['imageUrls not an array', 'img2video/kling-v3', videoBody({ imageUrls: REMOTE }), 'imageUrls must be an array'],
			['too short', 'text2video/kling-v3', videoBody({ duration: 1 }), 'duration'],
			['too long', 'text2video/kling-v3', videoBody({ duration: 16 }), 'duration'],
			['fractional duration', 'text2video/kling-v3', videoBody({ duration: 5.5 }), 'duration'],
			['duration as text', 'text2video/kling-v3', videoBody({ duration: '5' }), 'duration'],
			['4k', 'text2video/kling-v3', videoBody({ resolution: '4k' }), 'resolution must be "480p", "720p" or "1080p"'],
			['auto aspect ratio', 'text2video/kling-v3', videoBody({ aspect_ratio: 'auto' }), 'aspect_ratio'],
			['enableAudio as text', 'text2video/kling-v3', videoBody({ enableAudio: 'yes' }), 'enableAudio'],
		])('refuses %s with 400, a non-"000" code, no task and no charge', async (_case, path, body, message) => {
			const response = await call('POST', `/v1/aiart/${path}`, body);
			expect(response.status).toBe(400);
			expect(response.json?.code).toBe('400');
			expect(response.json?.msg).toContain(message);
			const [mode, model] = path.split('/');
			expect(sim().submits[0]).toMatchObject({ endpoint: mode, model, mode, accepted: false });
			expect(sim().tasks.size).toBe(0);
			expect(sim().credits.remaining).toBe(START_CREDITS);
		});

		it('answers 404 without a model segment, as for any unknown route', async () => {
			expect((await call('POST', '/v1/aiart/text2video', videoBody())).status).toBe(404);
			expect(sim().submits).toHaveLength(0);
		});
	});

	describe('shared behaviour', () => {
		it('times each kind of task by its own duration, settable over the control API', async () => {
			await call('POST', '/__sim/configure', { taskDurationMs: 40, imageGenerationDurationMs: 400, videoDurationMs: 800 });
			const durationOf = async (path: string, body: unknown) => {
				const task = sim().tasks.get(await submit(path, body));
				return (task?.completesAt ?? 0) - (task?.createdAt ?? 0);
			};
			expect(await durationOf('imagegeneration/flux-2-pro', imageBody(64, 64))).toBe(400);
			expect(await durationOf('img2video/kling-v3', videoBody({ imageUrls: [REMOTE] }))).toBe(800);
			expect(await durationOf('retouchskin', { userImageUrl: dataUri })).toBe(40);
			await call('POST', '/__sim/configure', { videoDurationMs: null });
			expect(await durationOf('text2video/kling-v3', videoBody())).toBe(40);
		});

		it('applies the in-flight cap per key across classic and model-based submits', async () => {
			sim().configure({ maxInFlightPerKey: 1, retryAfterSeconds: 3, videoDurationMs: 1000 });
			await submit('text2video/kling-v3', videoBody());
			const refused = await call('POST', '/v1/aiart/imagegeneration/gpt-image-2', imageBody(64, 64));
			expect(refused.status).toBe(429);
			expect(refused.headers['retry-after']).toBe('3');
			expect(sim().submits[1]).toMatchObject({ model: 'gpt-image-2', accepted: false, httpStatus: 429 });
		});

		it('says 510 when the balance cannot pay for a video, and charges nothing for failed tasks', async () => {
			sim().configure({ credits: { total: 100, remaining: 30 } });
			expect((await call('POST', '/v1/aiart/text2video/kling-v3', videoBody({ resolution: '1080p' }))).json).toMatchObject({ code: '510', msg: 'No enough credits' });
			sim().injectTaskOutcome({ model: 'kling-v3', status: 2, msg: 'generation failed' });
			const failed = await runTask('text2video/kling-v3', videoBody());
			expect(failed).toMatchObject({ status: 2, msg: 'generation failed', resultUrl: '', creditsIncrement: 0 });
			expect(sim().credits.remaining).toBe(30);
		});

		it('targets faults and outcomes at one model, so a fallback to another model can be tested', async () => {
			sim().injectFault({ route: 'submit', model: 'gemini-3.1-flash-image-preview', kind: 'code999' });
			sim().injectTaskOutcome({ model: 'gemini-3.1-flash-image-preview', status: 1, hasHsfw: true });
			expect((await call('POST', '/v1/aiart/imagegeneration/gemini-3.1-flash-image-preview', imageBody(64, 64))).json?.code).toBe('999');
			expect(await runTask('imagegeneration/seedream-5-0-260128', imageBody(64, 64))).toMatchObject({ status: 1, hasHsfw: false });
			expect(await runTask('imagegeneration/gemini-3.1-flash-image-preview', imageBody(64, 64))).toMatchObject({ status: 1, hasHsfw: true });
		});

		it('drops, slows and expires streamed video downloads like any other result', async () => {
			sim().configure({ videoBytes: 8 * 1024 * 1024 });
			const task = await runTask('text2video/kling-v3', videoBody());
			sim().injectFault({ route: 'download', kind: 'resetAfterProcessing' });
			await expect(downloadHead(String(task.resultUrl))).rejects.toThrow();
			sim().injectFault({ route: 'download', kind: 'http503', retryAfter: '1' });
			expect((await downloadHead(String(task.resultUrl))).status).toBe(503);
			expect(await downloadHead(String(task.resultUrl))).toMatchObject({ status: 200, received: 8 * 1024 * 1024 });
			sim().expireResults();
			expect((await downloadHead(String(task.resultUrl))).status).toBe(404);
		});

		it('delivers finished video tasks to the account webhook and lists them in the control state', async () => {
			const received: unknown[] = [];
			const receiver = createServer((req, res) => {
				let text = '';
				req.on('data', (chunk: Buffer) => (text += chunk.toString()));
				req.on('end', () => {
					received.push(JSON.parse(text));
					res.end();
				});
			});
			await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
			sim().configure({ webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
			const task = await runTask('startend2video/kling-v3', videoBody({ imageUrls: [REMOTE, REMOTE] }));
			await sim().waitForWebhookDeliveries(1);
			receiver.close();
			expect(received[0]).toMatchObject({ taskId: task.taskId, status: 1, type: 'startend2video', resultUrl: task.resultUrl, creditsIncrement: 25 });
			const state = (await call('GET', '/__sim/state')).json as unknown as { tasks: unknown[] };
			expect(state.tasks[0]).toMatchObject({ taskId: task.taskId, endpoint: 'startend2video', model: 'kling-v3' });
		});
	});
});
