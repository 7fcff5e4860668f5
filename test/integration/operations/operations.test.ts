import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { base64Image, imageInfo, testImage } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

const jpeg = base64Image(48, 32, 'jpeg');
const png = base64Image(40, 30, 'png');
const b64 = (key: string, data: string) => ({ [`${key}Source`]: 'base64', [`${key}Base64`]: data });

interface Case {
	operation: string;
	fields: INodeParameters;
	endpoint: string;
	body: Record<string, unknown>;
	/** Expected result: format, size and file name of every output item. */
	results: Array<{ format: string; width: number; height: number; fileName: RegExp }>;
}

const cases: Case[] = [
	{
		operation: 'retouchSkin',
		fields: b64('image', jpeg),
		endpoint: 'retouchskin',
		body: { userImageUrl: expect.stringMatching(/^data:image\/jpeg;base64,/) },
		results: [{ format: 'jpeg', width: 48, height: 32, fileName: /^image-retouched\.jpg$/ }],
	},
	{
		operation: 'textToImage',
		fields: { content: 'a red fox in snow', sizeId: '16:9', negativePrompt: 'blurry' },
		endpoint: 'text2img',
		body: { content: 'a red fox in snow', sizeId: '16:9', templateId: '6b8d16cf-9402-4c22-b1e8-39eccce3436b', negativePrompt: 'blurry' },
		results: [{ format: 'png', width: 256, height: 144, fileName: /^fotor-[0-9a-f]{8}-text-to-image\.png$/ }],
	},
	{
		operation: 'textToImage',
		fields: { content: 'logo', sizeId: 'custom', customSizeId: '6361e03bc09cb851c66328a4', style: 'byId', styleId: 'my-style' },
		endpoint: 'text2img',
		body: { content: 'logo', sizeId: '6361e03bc09cb851c66328a4', templateId: 'my-style' },
		results: [{ format: 'png', width: 256, height: 256, fileName: /text-to-image\.png$/ }],
	},
	{
		operation: 'imageToImage',
		fields: { ...b64('image', png), templateId: 'ca39d44f-e8c8-4a3e-9d09-c3f96cb2fe60', strength: 0.8, format: 'png' },
		endpoint: 'img2img',
		body: { templateId: 'ca39d44f-e8c8-4a3e-9d09-c3f96cb2fe60', content: '', strength: 0.8, format: 'png' },
		results: [{ format: 'png', width: 40, height: 30, fileName: /^image-art-effect\.png$/ }],
	},
	{
		operation: 'removeBackground',
		fields: { ...b64('image', jpeg), subject: 'SegmentCommonImage' },
		endpoint: 'backgroundremover',
		body: { action: 'SegmentCommonImage' },
		results: [{ format: 'png', width: 48, height: 32, fileName: /^image-no-background\.png$/ }],
	},
	{
		operation: 'headshot',
		fields: { ...b64('image', jpeg), templates: { template: [{ templateId: 'tpl-a', count: 2 }, { templateId: 'tpl-b', count: 1 }] } },
		endpoint: 'avatar',
		body: { avatarTemplateParams: [{ templateId: 'tpl-a', num: 2 }, { templateId: 'tpl-b', num: 1 }] },
		results: [1, 2, 3].map((n) => ({ format: 'jpeg', width: 256, height: 256, fileName: new RegExp(`^image-headshot-${n}\\.jpg$`) })),
	},
	{
		operation: 'colorize',
		fields: { ...b64('image', jpeg), modelName: 'custom', customModelName: 'vivid', renderFactor: 20, watermarked: true },
		endpoint: 'colorize',
		body: { modelName: 'vivid', renderFactor: 20, watermarked: true },
		results: [{ format: 'jpeg', width: 48, height: 32, fileName: /^image-colorized\.jpg$/ }],
	},
	{
		operation: 'restore',
		fields: { ...b64('image', jpeg), faceUpsample: false, upscale: 2, fidelityWeight: 0.7 },
		endpoint: 'restoration',
		body: { faceUpsample: false, backgroundEnhance: true, upscale: 2, fidelityWeight: 0.7 },
		results: [{ format: 'jpeg', width: 96, height: 64, fileName: /^image-restored\.jpg$/ }],
	},
	{
		operation: 'faceSwap',
		fields: { ...b64('image', jpeg), ...b64('targetImage', png) },
		endpoint: 'faceswap',
		body: { userImageUrl: expect.stringMatching(/^data:image\/jpeg/), templateImageUrl: expect.stringMatching(/^data:image\/png/) },
		results: [{ format: 'png', width: 40, height: 30, fileName: /^image-face-swapped\.png$/ }],
	},
	{
		operation: 'replace',
		fields: { ...b64('image', png), ...b64('mask', png), content: 'Butterfly' },
		endpoint: 'replacer',
		body: { imageUrl: expect.stringMatching(/^data:image\/png/), maskImageUrl: expect.stringMatching(/^data:image\/png/), content: 'Butterfly' },
		results: [{ format: 'png', width: 40, height: 30, fileName: /^image-replaced\.png$/ }],
	},
];

describe('every image operation through n8n-core against the simulator', () => {
	const sim = useSimulator();

	it.each(cases.map((c) => [`${c.operation} → ${c.endpoint}`, c] as const))('%s', async (_name, c) => {
		const result = await runNode({ parameters: imageParameters(c.operation, c.fields), credentials: simulatorCredentials(sim()) });
		expect(result.error).toBeUndefined();
		expect(sim().submits).toHaveLength(1);
		expect(sim().submits[0]).toMatchObject({ endpoint: c.endpoint, accepted: true, body: c.body });

		expect(result.items).toHaveLength(c.results.length);
		for (const [index, expected] of c.results.entries()) {
			const item = result.items[index];
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				taskId: sim().submits[0].taskId,
				status: 'completed',
				operation: `image.${c.operation}`,
				creditsIncrement: c.endpoint === 'avatar' ? 3 : 1,
				resultUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/cdn\//),
				fileName: expect.stringMatching(expected.fileName),
			});
			const bytes = await result.binary(item);
			expect(imageInfo(bytes)).toMatchObject({ format: expected.format, width: expected.width, height: expected.height });
			expect(item.binary?.data.mimeType).toBe(expected.format === 'png' ? 'image/png' : 'image/jpeg');
		}
	});

	it('takes switches and the colorize model from expressions', async () => {
		const result = await runNode({
			parameters: imageParameters('colorize', { ...b64('image', jpeg), modelName: '={{ $json.model }}', watermarked: '={{ $json.mark }}' }),
			items: [{ json: { model: 'artistic', mark: 'TRUE' } }, { json: { model: 'stable', mark: 0 } }],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(sim().submits.map((submit) => submit.body)).toEqual([
			expect.objectContaining({ modelName: 'artistic', watermarked: true }),
			expect.objectContaining({ modelName: 'stable', watermarked: false }),
		]);
	});

	it('takes the image source, size and style from expressions (n8n must not refuse the workflow)', async () => {
		const upscale = await runNode({
			parameters: imageParameters('upscale', { imageSource: '={{ $json.source }}', imageBase64: png, imageBinaryProperty: 'photo' }),
			items: [{ json: { source: 'base64' } }, { json: { source: 'binary' }, binary: { photo: { data: testImage(20, 10, 'jpeg'), fileName: 'a.jpg', mimeType: 'image/jpeg' } } }],
			credentials: simulatorCredentials(sim()),
		});
		expect(upscale.error).toBeUndefined();
		expect(sim().submits.map((submit) => submit.body)).toEqual([
			expect.objectContaining({ userImageUrl: expect.stringMatching(/^data:image\/png;/) }),
			expect.objectContaining({ userImageUrl: expect.stringMatching(/^data:image\/jpeg;/) }),
		]);

		const text = await runNode({
			parameters: imageParameters('textToImage', { content: 'fox', sizeId: '={{ "16:9" }}', style: '={{ $json.style }}', styleId: 'my-style' }),
			items: [{ json: { style: 'byId' } }],
			credentials: simulatorCredentials(sim()),
		});
		expect(text.error).toBeUndefined();
		expect(sim().submits[2].body).toMatchObject({ sizeId: '16:9', templateId: 'my-style' });
	});

	it('names a face swap after the target photo, whose face it replaces', async () => {
		const result = await runNode({
			parameters: imageParameters('faceSwap', { imageSource: 'binary', imageBinaryProperty: 'face', targetImageSource: 'binary', targetImageBinaryProperty: 'photo' }),
			items: [{ binary: { face: { data: testImage(20, 20, 'jpeg'), fileName: 'new-face.jpg', mimeType: 'image/jpeg' }, photo: { data: testImage(40, 30), fileName: 'team-photo.png', mimeType: 'image/png' } } }],
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.fileName).toBe('team-photo-face-swapped.png');
	});

	it('returns every headshot image, with s3:// links rewritten to the storage host', async () => {
		const result = await runNode({
			parameters: imageParameters('headshot', { ...b64('image', jpeg), templates: { template: [{ templateId: 't', count: 4 }] } }, { returnMode: 'url' }),
			credentials: simulatorCredentials(sim()),
		});
		const raw = sim().tasks.get(String(result.items[0].json.taskId));
		expect(raw?.files).toHaveLength(4);
		expect(result.items.map((item) => item.json.resultUrl)).toEqual(
			raw?.files.map((file) => `${sim().storageBaseUrl}/${file.path}`),
		);
		expect(result.items.map((item) => item.json.imageIndex)).toEqual([0, 1, 2, 3]);
		expect(result.items.every((item) => item.json.templateId === 't' && !item.binary)).toBe(true);
	});
});
