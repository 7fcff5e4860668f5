import { renderImage, startSimulator, type PriceRule } from './index';
import { simulatorClient, useFileSimulator } from './testClient';

const dataUri = `data:image/png;base64,${renderImage({ format: 'png', width: 20, height: 10 }).toString('base64')}`;
const upscale = { upscaling_resize: 2, userImageUrl: dataUri, max_image_width: 2048, max_image_height: 2048 };
const headshot = { userImageUrl: dataUri, avatarTemplateParams: [{ templateId: 'a', num: 2 }, { templateId: 'b', num: 1 }] };
const image = (width: number, height: number) => ({ width, height, content: [{ type: 'text', text: 'a lighthouse' }], quality: 'medium' });
const video = (duration: number, resolution: string) => ({ prompt: 'waves', duration, resolution, aspect_ratio: '16:9' });

/** The `prices` option: configurable token charges, fixed when a task is submitted. */
describe('Fotor simulator: token prices', () => {
	const sim = useFileSimulator(30);
	const { call, submit, waitForTask, runTask } = simulatorClient(sim);
	const charged = async (path: string, body: unknown) => (await runTask(path, body)).creditsIncrement;

	it('keeps the built-in prices when no rule matches', async () => {
		sim().configure({ prices: [{ endpoint: 'colorize', tokens: 50 }] });
		expect(await charged('imgupscale', upscale)).toBe(1);
		expect(await charged('avatar', headshot)).toBe(3);
		expect(await charged('imagegeneration/gpt-image-2', image(1024, 1024))).toBe(4);
		expect(await charged('text2video/kling-v3', video(5, '720p'))).toBe(25);
		expect(sim().credits.remaining).toBe(1000 - 33);
	});

	it('charges a classic tool per result image and a model-based task per task', async () => {
		sim().configure({ prices: [{ endpoint: 'imgupscale', tokens: 3 }, { endpoint: 'avatar', tokens: 2 }, { model: 'gpt-image-2', tokens: 9 }] });
		expect(await charged('imgupscale', upscale)).toBe(3);
		expect(await charged('avatar', headshot)).toBe(6);
		expect(await charged('imagegeneration/gpt-image-2', image(1024, 1024))).toBe(9);
		expect(sim().credits.remaining).toBe(1000 - 18);
	});

	it('matches image generation on model and size, video on duration and resolution; the first match wins', async () => {
		const prices: PriceRule[] = [
			{ endpoint: 'imagegeneration', model: 'gpt-image-2', size: '2048x2048', tokens: 20 },
			{ endpoint: 'text2video', duration: 10, resolution: '1080p', tokens: 150 },
			{ endpoint: 'text2video', resolution: '1080p', tokens: 60 },
			{ endpoint: 'text2video', tokens: 7 },
		];
		sim().configure({ prices });
		expect(await charged('imagegeneration/gpt-image-2', image(2048, 2048))).toBe(20);
		expect(await charged('imagegeneration/gpt-image-2', image(1024, 1024))).toBe(4);
		expect(await charged('imagegeneration/seedream-4-5-251128', image(2048, 2048))).toBe(4);
		expect(await charged('text2video/kling-v3', video(10, '1080p'))).toBe(150);
		expect(await charged('text2video/kling-v3', video(5, '1080p'))).toBe(60);
		expect(await charged('text2video/kling-v3', video(5, '720p'))).toBe(7);
		expect(await charged('img2video/kling-v3', { ...video(5, '720p'), imageUrls: [dataUri] })).toBe(25);
	});

	it('fixes the price at submit: a later change affects only later tasks', async () => {
		sim().configure({ taskDurationMs: 300, prices: [{ endpoint: 'imgupscale', tokens: 2 }] });
		const first = await submit('imgupscale', upscale);
		sim().configure({ prices: [{ endpoint: 'imgupscale', tokens: 5 }] });
		const second = await submit('imgupscale', upscale);
		expect((await waitForTask(first)).creditsIncrement).toBe(2);
		expect((await waitForTask(second)).creditsIncrement).toBe(5);
		expect(sim().credits.remaining).toBe(1000 - 7);
	});

	it('refuses with 510 when the balance is below the configured price, and charges nothing for a failed task', async () => {
		sim().configure({ credits: { total: 10, remaining: 4 }, prices: [{ endpoint: 'imgupscale', tokens: 5 }] });
		expect((await call('POST', '/v1/aiart/imgupscale', upscale)).json).toMatchObject({ code: '510', msg: 'No enough credits' });
		sim().configure({ prices: [{ endpoint: 'imgupscale', tokens: 4 }] });
		sim().injectTaskOutcome({ endpoint: 'imgupscale', status: 2 });
		expect(await runTask('imgupscale', upscale)).toMatchObject({ status: 2, creditsIncrement: 0 });
		expect(await charged('imgupscale', upscale)).toBe(4);
		expect(sim().credits.remaining).toBe(0);
	});

	it('is set at start or over HTTP, and reset() restores the built-in prices', async () => {
		const own = await startSimulator({ taskDurationMs: 10, prices: [{ endpoint: 'imgupscale', tokens: 11 }] });
		try {
			expect(own.options.prices).toEqual([{ endpoint: 'imgupscale', tokens: 11 }]);
		} finally {
			await own.close();
		}
		await call('POST', '/__sim/configure', { prices: [{ endpoint: 'imgupscale', tokens: 8 }] });
		expect(await charged('imgupscale', upscale)).toBe(8);
		sim().reset();
		sim().configure({ taskDurationMs: 30 });
		expect(await charged('imgupscale', upscale)).toBe(1);
	});

	it('refuses a mistyped rule instead of charging NaN', async () => {
		expect(() => sim().configure({ prices: [{ endpoint: 'imgupscale', token: 5 } as unknown as PriceRule] })).toThrow('prices[0]: unknown key "token"');
		expect(() => sim().configure({ prices: [{ tokens: 1.5 }] })).toThrow('prices[0].tokens must be a whole number >= 0');
		expect(() => sim().configure({ prices: [{ size: '1024*1024', tokens: 1 }] })).toThrow('prices[0].size must be "WxH"');
		expect((await call('POST', '/__sim/configure', { prices: [{ tokens: -1 }] })).status).toBe(500);
		expect(sim().options.prices).toEqual([]);
	});
});
