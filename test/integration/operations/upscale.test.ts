import { runNode } from '../../harness/runNode';
import { renderImage } from '../../simulator';
import { base64Image, imageInfo } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

describe('Image → Upscale', () => {
	const sim = useSimulator();

	it.each([2, 4])('sends the documented body and returns a %ix image', async (factor) => {
		const result = await runNode({
			parameters: imageParameters('upscale', {
				imageSource: 'base64',
				imageBase64: base64Image(40, 30),
				upscaleFactor: factor,
				maxWidth: 2048,
				maxHeight: 1024,
			}),
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(sim().submits).toHaveLength(1);
		expect(sim().submits[0]).toMatchObject({
			endpoint: 'imgupscale',
			accepted: true,
			body: { upscaling_resize: factor, max_image_width: 2048, max_image_height: 1024 },
		});
		expect((sim().submits[0].body as { userImageUrl: string }).userImageUrl).toMatch(/^data:image\/png;base64,/);

		const [item] = result.items;
		expect(item.json).toMatchObject({
			taskId: expect.stringMatching(/^[0-9a-f]{32}$/),
			status: 'completed',
			statusCode: 1,
			type: 'imgupscale',
			creditsIncrement: 1,
			operation: 'image.upscale',
			resultUrl: expect.stringContaining('/cdn/aiart/results/'),
			mimeType: 'image/png',
			fileName: 'image-upscaled.png',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(imageInfo(await result.binary(item))).toMatchObject({ format: 'png', width: 40 * factor, height: 30 * factor });
		expect(sim().credits.remaining).toBe(999);
	});

	it('streams a stored binary inline: Fotor gets its exact bytes as a data URI, with a matching Content-Length', async () => {
		// 1 MB + 2 bytes: neither a multiple of 3 (base64 padding) nor of the binary store's read chunks.
		const image = renderImage({ format: 'png', width: 64, height: 64, minBytes: 1024 * 1024 + 2 });
		const result = await runNode({
			parameters: imageParameters('upscale', { imageSource: 'binary', imageBinaryProperty: 'data' }),
			items: [{ json: {}, binary: { data: { data: image, fileName: 'large.png', mimeType: 'image/png' } } }],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(sim().submits).toHaveLength(1);
		const sent = (sim().submits[0].body as { userImageUrl: string }).userImageUrl;
		expect(sent.startsWith('data:image/png;base64,')).toBe(true);
		expect(Buffer.from(sent.slice('data:image/png;base64,'.length), 'base64').equals(image)).toBe(true);
		expect(result.items[0].json).toMatchObject({ status: 'completed' });
	});

	it.each([
		[{ upscaleFactor: 3 }, /Invalid "Upscale Factor" in item 0: 3 is not allowed/],
		[{ maxWidth: 10 }, /Invalid "Max Output Width" in item 0: 10 is out of range/],
		[{ imageBase64: 'not base64!' }, /Invalid "Image Base64" in item 0: it is not base64 text/],
		[{ imageBase64: Buffer.from('plain text, not an image at all').toString('base64') }, /not a PNG, JPEG, WEBP or GIF image/],
	])('rejects %o before anything is billed', async (override, message) => {
		const result = await runNode({
			parameters: imageParameters('upscale', { imageSource: 'base64', imageBase64: base64Image(8, 8), ...override }),
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error?.message).toMatch(message);
		expect(sim().submits).toHaveLength(0);
	});
});
