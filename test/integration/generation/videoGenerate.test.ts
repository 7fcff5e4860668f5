/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import type { TestInputItem } from '../../harness/sourceNode';
import { generate } from '../../../nodes/Fotor/actions/video/generate.operation';
import { probeMp4 } from '../../simulator';
import { base64Image, testImage } from '../images';
import { simulatorCredentials, useSimulator } from '../support';
import { entry, imageList, REMOTE_IMAGE, single, videoGenerate, withFiles, type VideoBody } from './support';

const PROMPT = 'the camera circles the sneaker, soft studio light';
const photo = withFiles({ photo: { data: testImage(48, 32, 'jpeg'), fileName: 'sneaker.jpg' } });

/** [mode, model, fields, input items, image URLs Fotor must get (as patterns), frame size]. */
const MODES: Array<[string, string, INodeParameters, TestInputItem[] | undefined, RegExp[], [number, number]]> = [
	['text2video', 'kling-v3', { aspectRatio: '16:9', resolution: '720p' }, undefined, [], [1280, 720]],
	['img2video', 'seedance-1-5-pro-251215', { ...single.binary('image', 'photo'), aspectRatio: '9:16', resolution: '720p' }, [photo], [/^data:image\/jpeg;base64,/], [720, 1280]],
	[
		'startend2video',
		'viduq2-turbo',
		{ ...single.url('startFrame', REMOTE_IMAGE), ...single.base64('endFrame', base64Image(32, 32)), aspectRatio: '1:1', resolution: '1080p' },
		undefined,
		[/^https:\/\/images\.example\.com\//, /^data:image\/png;base64,/],
		[1080, 1080],
	],
	[
		'character2video',
		'kling-v3-omni',
		{ images: imageList(entry.binary('photo'), entry.url(REMOTE_IMAGE), entry.base64(base64Image(20, 20))), aspectRatio: '16:9', resolution: '720p' },
		[photo],
		[/^data:image\/jpeg;base64,/, /^https:\/\/images\.example\.com\//, /^data:image\/png;base64,/],
		[1280, 720],
	],
];

describe('Video → Generate (POST /v1/aiart/{mode}/{modelId})', () => {
	const sim = useSimulator();

	it.each(MODES)('%s with %s: the SDK body, and the result as a playable MP4 in binary', async (mode, model, fields, items, urls, [width, height]) => {
		const result = await runNode({
			parameters: videoGenerate({ mode, [`${mode}Model`]: model, prompt: PROMPT, duration: 4, ...fields }),
			items,
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(sim().submits).toHaveLength(1);
		const body = sim().submits[0].body as VideoBody;
		expect(sim().submits[0]).toMatchObject({ path: `/v1/aiart/${mode}/${model}`, accepted: true });
		expect(body).toMatchObject({
			prompt: PROMPT,
			duration: 4,
			resolution: fields.resolution,
			aspect_ratio: fields.aspectRatio,
			scenes: 'normal',
			enableAudio: false,
		});
		if (urls.length) expect(body.imageUrls).toEqual(urls.map((pattern) => expect.stringMatching(pattern)));
		else expect(body).not.toHaveProperty('imageUrls');

		const [item] = result.items;
		expect(item.json).toMatchObject({
			operation: 'video.generate',
			status: 'completed',
			type: mode,
			mode,
			model,
			duration: 4,
			resolution: fields.resolution,
			aspectRatio: fields.aspectRatio,
			enableAudio: false,
			creditsIncrement: expect.any(Number),
			mimeType: 'video/mp4',
			resultUrl: expect.stringContaining('.mp4'),
			fileName: expect.stringMatching(/-video\.mp4$/),
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4', id: expect.any(String) });
		expect(probeMp4(await result.binary(item))).toMatchObject({
			boxes: ['ftyp', 'moov', 'mdat'],
			durationSeconds: 4,
			tracks: [{ handler: 'vide', codec: 'avc1', width, height }],
		});
	});

	it('names the video after the input image', async () => {
		const result = await runNode({
			parameters: videoGenerate({ mode: 'img2video', ...single.binary('image', 'photo') }),
			items: [photo],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ fileName: 'sneaker-video.mp4' });
		// No prompt for an image mode: an empty one, as Fotor's SDK sends.
		expect((sim().submits[0].body as VideoBody).prompt).toBe('');
	});

	it('sends the resolution the chosen model supports by default (Seedance 1.5 Pro: 720p), and offers 480p', async () => {
		const result = await runNode({
			parameters: videoGenerate({ prompt: PROMPT, text2videoModel: 'seedance-1-5-pro-251215' }),
			items: [{ json: {} }],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(sim().submits[0].body).toMatchObject({ resolution: '720p' });
		expect(result.items[0].json).toMatchObject({ resolution: '720p' });
		const low = await runNode({ parameters: videoGenerate({ prompt: PROMPT, resolution: '480p' }), credentials: simulatorCredentials(sim()) });
		expect(low.error).toBeUndefined();
		expect(sim().submits[1].body).toMatchObject({ resolution: '480p' });
	});

	it("uses Fotor's defaults: Seedance 2.0, 5 s, 1080p, 16:9, no audio", async () => {
		const result = await runNode({ parameters: videoGenerate({ prompt: PROMPT }), credentials: simulatorCredentials(sim()) });
		expect(result.error).toBeUndefined();
		expect(sim().submits[0]).toMatchObject({
			path: '/v1/aiart/text2video/doubao-seedance-2-0-260128',
			body: { duration: 5, resolution: '1080p', aspect_ratio: '16:9', scenes: 'normal', enableAudio: false },
		});
	});

	it('waits up to 20 minutes and polls at most every 10 s by default, as a video needs', () => {
		const options = generate.properties.find((field) => field.name === 'options')?.options as Array<{ name: string; default: unknown }>;
		expect(options.find((option) => option.name === 'maxWait')?.default).toBe(1200);
		expect(options.find((option) => option.name === 'pollInterval')?.default).toBe(10);
		expect(options.find((option) => option.name === 'maxTokens')).toMatchObject({ default: 0, description: expect.stringContaining('creditsIncrement') });
		expect(generate.properties.filter((field) => field.type === 'notice')).toHaveLength(1);
	});

	it('uploads the images with signed upload type img2video', async () => {
		const result = await runNode({
			parameters: videoGenerate(
				{ mode: 'startend2video', ...single.binary('startFrame', 'photo'), ...single.base64('endFrame', base64Image(16, 16)) },
				{ imageUpload: 'signedUpload' },
			),
			items: [photo],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(sim().requests.filter((request) => request.path === '/v1/upload/sign').map((request) => request.query.type)).toEqual(['img2video', 'img2video']);
		expect((sim().submits[0].body as VideoBody).imageUrls).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1/), expect.stringMatching(/^http:\/\/127\.0\.0\.1/)]);
	});

	it.each([
		['no image', imageList()],
		['one image', imageList(entry.url(REMOTE_IMAGE))],
	])('refuses From Several Images with %s before any request', async (_name, images) => {
		const result = await runNode({ parameters: videoGenerate({ mode: 'character2video', images }), credentials: simulatorCredentials(sim()) });
		expect(result.error?.message).toMatch(/^Invalid "Images" in item 0: .*needs at least 2 images/);
		expect(sim().requests).toEqual([]);
	});

	it('returns the task ID at once with Wait for Completion off', async () => {
		const result = await runNode({ parameters: videoGenerate({ prompt: PROMPT, waitForCompletion: false }), credentials: simulatorCredentials(sim()) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ taskId: sim().submits[0].taskId, status: 'processing', mode: 'text2video', model: 'doubao-seedance-2-0-260128' });
		expect(result.items[0].binary).toBeUndefined();
		expect(sim().requests.filter((request) => request.path.startsWith('/v1/aiart/tasks/'))).toEqual([]);
	});

	it('returns only the URL with Return: URL Only', async () => {
		const result = await runNode({ parameters: videoGenerate({ prompt: PROMPT }, { returnMode: 'url' }), credentials: simulatorCredentials(sim()) });
		expect(result.items[0].json.resultUrl).toMatch(/\.mp4$/);
		expect(result.items[0].binary).toBeUndefined();
		expect(sim().requests.filter((request) => request.path.startsWith('/cdn/'))).toEqual([]);
	});

	it("submits Fotor's recommended fallback for the mode once when the model is refused", async () => {
		sim().injectFault({ route: 'submit', model: 'kling-video-o1', kind: 'http400' });
		const result = await runNode({
			parameters: videoGenerate({
				mode: 'startend2video',
				startend2videoModel: 'kling-video-o1',
				...single.url('startFrame', REMOTE_IMAGE),
				...single.url('endFrame', REMOTE_IMAGE),
				fallbackModel: 'recommended',
			}),
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(sim().submits.map((submit) => [submit.path, submit.accepted])).toEqual([['/v1/aiart/startend2video/viduq2-turbo', true]]);
		expect(result.items[0].json).toMatchObject({ model: 'viduq2-turbo', requestedModel: 'kling-video-o1', fallbackUsed: 'viduq2-turbo', status: 'completed' });
	});

	it('streams a large video into the binary store without holding it in memory', async () => {
		const videoBytes = 64 * 1024 * 1024;
		sim().configure({ videoBytes });
		let peak = process.memoryUsage().arrayBuffers;
		const before = peak;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 2);
		const result = await runNode({ parameters: videoGenerate({ prompt: PROMPT }), credentials: simulatorCredentials(sim()) });
		clearInterval(sampler);
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'video/mp4', id: expect.stringMatching(/^filesystem/) });
		// Well under the video's size (64 MB): chunks in flight and not yet collected garbage (the simulator's
		// included, it runs in this process) reached about half of it on a loaded machine.
		expect(peak - before).toBeLessThan(videoBytes * 0.75);
	});
});
