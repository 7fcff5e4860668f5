import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import type { TestInputItem } from '../../harness/sourceNode';
import { base64Image, testImage } from '../images';
import { entry, imageGenerate, imageList, single, videoGenerate } from '../generation/support';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

const png = base64Image(8, 8);
const url = (imageUrl: string) => ({ imageSource: 'url', imageUrl });
const b64 = (imageBase64: string) => ({ imageSource: 'base64', imageBase64 });
const binary = (property = 'data') => ({ imageSource: 'binary', imageBinaryProperty: property });
const file = (data: Buffer, fileName = 'photo.png'): TestInputItem => ({ json: {}, binary: { data: { data, fileName } } });

/** [case, parameters, input items, the field the error must name]. Every case must be refused before anything is sent. */
const CASES: Array<[string, INodeParameters, TestInputItem[] | undefined, string]> = [
	['empty prompt from an expression', imageParameters('textToImage', { content: '={{ "" }}' }), undefined, 'Prompt'],
	['whitespace prompt', imageParameters('textToImage', { content: '   \n ' }), undefined, 'Prompt'],
	['prompt expression resolving to nothing', imageParameters('textToImage', { content: '={{ $json.missing }}' }), undefined, 'Prompt'],
	['empty custom size ID', imageParameters('textToImage', { content: 'x', sizeId: 'custom', customSizeId: ' ' }), undefined, 'Custom Size ID'],
	['empty style ID', imageParameters('textToImage', { content: 'x', style: 'byId', styleId: '={{ "" }}' }), undefined, 'Style ID'],
	['missing binary field', imageParameters('upscale', binary('photo')), [file(testImage(8, 8))], 'Image Input Binary Field'],
	['item without any binary', imageParameters('upscale', binary()), [{ json: { a: 1 } }], 'Image Input Binary Field'],
	['binary that is a text file', imageParameters('upscale', binary()), [file(Buffer.from('hello, this is not an image at all'), 'notes.txt')], 'Image Input Binary Field'],
	['binary that is a PDF', imageParameters('upscale', binary()), [file(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'doc.pdf')], 'Image Input Binary Field'],
	['oversized image (over 20 MB)', imageParameters('upscale', binary()), [file(Buffer.concat([testImage(8, 8), Buffer.alloc(21 * 1024 * 1024)]))], 'Image Input Binary Field'],
	['file: URL', imageParameters('upscale', url('file:///etc/passwd')), undefined, 'Image URL'],
	['ftp: URL', imageParameters('upscale', url('ftp://example.com/a.png')), undefined, 'Image URL'],
	['javascript: URL', imageParameters('upscale', url('javascript:alert(1)')), undefined, 'Image URL'],
	['malformed URL', imageParameters('upscale', url('http//missing-colon.example/a.png')), undefined, 'Image URL'],
	['empty URL from an expression', imageParameters('upscale', url('={{ "" }}')), undefined, 'Image URL'],
	['empty base64 from an expression', imageParameters('upscale', b64('={{ "" }}')), undefined, 'Image Base64'],
	['base64 with invalid characters', imageParameters('upscale', b64('iVBOR*w0K!GgoAAAA')), undefined, 'Image Base64'],
	['base64 of non-image bytes', imageParameters('upscale', b64(Buffer.from('just some text that decodes fine').toString('base64'))), undefined, 'Image Base64'],
	['upscale factor 3 from an expression', imageParameters('upscale', { ...b64(png), upscaleFactor: '={{ 3 }}' }), undefined, 'Upscale Factor'],
	['upscale factor that is not a number', imageParameters('upscale', { ...b64(png), upscaleFactor: '={{ "big" }}' }), undefined, 'Upscale Factor'],
	['max width 0', imageParameters('upscale', { ...b64(png), maxWidth: 0 }), undefined, 'Max Output Width'],
	['fractional max height', imageParameters('upscale', { ...b64(png), maxHeight: 1024.5 }), undefined, 'Max Output Height'],
	['strength 1.5 from an expression', imageParameters('imageToImage', { ...b64(png), templateId: 't', strength: '={{ 1.5 }}' }), undefined, 'Strength'],
	['negative strength', imageParameters('imageToImage', { ...b64(png), templateId: 't', strength: -0.1 }), undefined, 'Strength'],
	['empty art-effect template', imageParameters('imageToImage', { ...b64(png), templateId: '={{ $json.template }}' }), undefined, 'Template ID'],
	['output format gif from an expression', imageParameters('imageToImage', { ...b64(png), templateId: 't', format: '={{ "gif" }}' }), undefined, 'Output Format'],
	['restoration fidelity 2', imageParameters('restore', { ...b64(png), fidelityWeight: 2 }), undefined, 'Fidelity'],
	['restoration upscale 3', imageParameters('restore', { ...b64(png), upscale: 3 }), undefined, 'Upscale'],
	['AI Replace with an empty mask', imageParameters('replace', { ...b64(png), maskSource: 'base64', maskBase64: '={{ $json.mask }}', content: 'cat' }), undefined, 'Mask Base64'],
	['AI Replace with a mask that is not an image', imageParameters('replace', { ...b64(png), maskSource: 'base64', maskBase64: Buffer.from('nope nope nope nope').toString('base64'), content: 'cat' }), undefined, 'Mask Base64'],
	['AI Replace without a prompt', imageParameters('replace', { ...b64(png), maskSource: 'base64', maskBase64: png, content: ' ' }), undefined, 'Prompt'],
	['Face Swap without the target image', imageParameters('faceSwap', { ...b64(png), targetImageSource: 'binary', targetImageBinaryProperty: 'target' }), undefined, 'Target Image Input Binary Field'],
	['headshot without templates', imageParameters('headshot', { ...b64(png), templates: { template: [] } }), undefined, 'Templates'],
	['headshot with a blank template ID', imageParameters('headshot', { ...b64(png), templates: { template: [{ templateId: ' ', count: 1 }] } }), undefined, 'Templates → Template ID (#1)'],
	['headshot with 0 images', imageParameters('headshot', { ...b64(png), templates: { template: [{ templateId: 't', count: 0 }] } }), undefined, 'Templates → Images (#1)'],
	['headshot with 11 images', imageParameters('headshot', { ...b64(png), templates: { template: [{ templateId: 'a', count: 1 }, { templateId: 'b', count: 11 }] } }), undefined, 'Templates → Images (#2)'],
	['colorize render factor 0', imageParameters('colorize', { ...b64(png), renderFactor: 0 }), undefined, 'Render Factor'],
	['colorize with an empty custom model', imageParameters('colorize', { ...b64(png), modelName: 'custom', customModelName: '={{ "" }}' }), undefined, 'Custom Model Name'],
	['colorize watermark from a bad expression', imageParameters('colorize', { ...b64(png), watermarked: '={{ "yes please" }}' }), undefined, 'Watermarked'],
	['restoration face switch from a bad expression', imageParameters('restore', { ...b64(png), faceUpsample: '={{ "maybe" }}' }), undefined, 'Enhance Faces'],
	['wait switch from a bad expression', imageParameters('upscale', { ...b64(png), waitForCompletion: '={{ "later" }}' }), undefined, 'Wait for Completion'],
	['task download switch from a bad expression', { resource: 'task', operation: 'get', taskId: 'b2f6c1d8e4a94e0f8c3d2a1b0c9d8e7f', download: '={{ "sure" }}' }, undefined, 'Download Result'],
	['background subject from a bad expression', imageParameters('removeBackground', { ...b64(png), subject: '={{ "everything" }}' }), undefined, 'Subject'],
	['parallel tasks from a bad expression', imageParameters('upscale', b64(png), { parallelTasks: '={{ "many" }}' }), undefined, 'Parallel Tasks'],
	['parallel tasks 51', imageParameters('upscale', b64(png), { parallelTasks: 51 }), undefined, 'Parallel Tasks'],
	['request timeout 0', imageParameters('upscale', b64(png), { requestTimeout: 0 }), undefined, 'Request Timeout (Seconds)'],
	['max wait 0', imageParameters('upscale', b64(png), { maxWait: 0 }), undefined, 'Max Wait (Seconds)'],
	['max tokens -1', imageParameters('upscale', b64(png), { maxTokens: -1 }), undefined, 'Max Tokens per Run'],
	['max tokens from a bad expression', imageParameters('upscale', b64(png), { maxTokens: '={{ "lots" }}' }), undefined, 'Max Tokens per Run'],
	['malformed task ID', { resource: 'task', operation: 'get', taskId: '../../v1/credits' }, undefined, 'Task ID'],
	['empty task ID', { resource: 'task', operation: 'get', taskId: '={{ $json.taskId }}' }, undefined, 'Task ID'],
	['temporary token valid for 0 seconds', { resource: 'editorSdk', operation: 'getTemporaryToken', timeout: 0 }, undefined, 'Valid For (Seconds)'],
	...GENERATION_CASES(),
];

/** Image → Generate and Video → Generate: every field's bad values. */
function GENERATION_CASES(): typeof CASES {
	const gen = (fields: INodeParameters, options?: INodeParameters) => imageGenerate({ prompt: 'a cat', ...fields }, options);
	const byId = (fields: INodeParameters = {}) => gen({ model: 'byId', modelId: 'flux-2-pro', width: 1024, height: 1024, ...fields });
	const refs = (...entries: INodeParameters[]) => ({ referenceImages: imageList(...entries) });
	const vid = (fields: INodeParameters, options?: INodeParameters) => videoGenerate({ prompt: 'waves', ...fields }, options);
	const frames = { mode: 'startend2video', ...single.url('startFrame', 'https://x.test/a.png'), ...single.url('endFrame', 'https://x.test/b.png') };
	return [
		['image generation: empty prompt', gen({ prompt: '={{ $json.nothing }}' }), undefined, 'Prompt'],
		['image generation: model not in the list (expression)', gen({ model: '={{ "dall-e-9" }}' }), undefined, 'Model'],
		['image generation: empty model ID', byId({ modelId: ' ' }), undefined, 'Model ID'],
		['image generation: model ID with a path', byId({ modelId: '../../v1/credits' }), undefined, 'Model ID'],
		['image generation: width 63', byId({ width: 63 }), undefined, 'Width'],
		['image generation: fractional width', byId({ width: 1024.5 }), undefined, 'Width'],
		['image generation: height that is not a number', byId({ height: '={{ "tall" }}' }), undefined, 'Height'],
		['image generation: height 8193', byId({ height: 8193 }), undefined, 'Height'],
		['image generation: aspect ratio that is not a choice', gen({ aspectRatio: '={{ "banana" }}' }), undefined, 'Aspect Ratio'],
		['image generation: resolution 8k', gen({ resolution: '={{ "8k" }}' }), undefined, 'Resolution'],
		['image generation: reference image with a file: URL', gen(refs(entry.url('https://x.test/a.png'), entry.url('file:///etc/passwd'))), undefined, 'Reference Images → Image URL (#2)'],
		['image generation: empty reference image URL', gen(refs(entry.url('={{ "" }}'))), undefined, 'Reference Images → Image URL (#1)'],
		['image generation: reference base64 that is not an image', gen(refs(entry.base64(Buffer.from('not an image at all, sorry').toString('base64')))), undefined, 'Reference Images → Image Base64 (#1)'],
		['image generation: reference binary field missing', gen(refs(entry.binary('photo'))), [{ json: {} }], 'Reference Images → Image Input Binary Field (#1)'],
		['image generation: reference source not a choice', gen(refs({ imageSource: '={{ "s3" }}' })), undefined, 'Reference Images → Image Source (#1)'],
		['image generation: reference image for a text-only model', gen({ model: 'gpt-image-1-mini', ...refs(entry.base64(png)) }), undefined, 'Reference Images'],
		['image generation: edit model without a reference image', gen({ model: 'wan2.5-i2i-preview' }), undefined, 'Reference Images'],
		['image generation: 5 reference images for a 4-image model', gen(refs(...Array.from({ length: 5 }, () => entry.base64(png)))), undefined, 'Reference Images'],
		['image generation: fallback that is not a choice', gen({ fallbackModel: '={{ "any" }}' }), undefined, 'Fallback Model'],
		['image generation: empty fallback model ID', gen({ fallbackModel: 'byId', fallbackModelId: '' }), undefined, 'Fallback Model ID'],
		['image generation: fallback model ID is the model', gen({ fallbackModel: 'byId', fallbackModelId: 'gpt-image-2' }), undefined, 'Fallback Model ID'],
		['image generation: text-only fallback with reference images', gen({ fallbackModel: 'byId', fallbackModelId: 'wan2.5-t2i-preview', ...refs(entry.base64(png)) }), undefined, 'Fallback Model'],
		['image generation: max wait 3601', gen({}, { maxWait: 3601 }), undefined, 'Max Wait (Seconds)'],
		['image generation: max tokens that is not a number', gen({}, { maxTokens: '={{ "ten" }}' }), undefined, 'Max Tokens per Run'],
		['video: empty prompt for From Text', vid({ prompt: '  ' }), undefined, 'Prompt'],
		['video: mode that is not a choice', vid({ mode: '={{ "image2video" }}' }), undefined, 'Mode'],
		['video: model of another mode', vid({ text2videoModel: 'kling-v3-omni' }), undefined, 'Model'],
		['video: model ID with spaces', vid({ text2videoModel: 'byId', modelId: 'kling v3' }), undefined, 'Model ID'],
		['video: duration 0', vid({ duration: 0 }), undefined, 'Duration (Seconds)'],
		['video: fractional duration', vid({ duration: 4.5 }), undefined, 'Duration (Seconds)'],
		['video: duration 16', vid({ duration: 16 }), undefined, 'Duration (Seconds)'],
		['video: duration that is not a number', vid({ duration: '={{ "long" }}' }), undefined, 'Duration (Seconds)'],
		['video: resolution 4k', vid({ resolution: '={{ "4k" }}' }), undefined, 'Resolution'],
		['video: aspect ratio auto', vid({ aspectRatio: '={{ "auto" }}' }), undefined, 'Aspect Ratio'],
		['video: audio switch from a bad expression', vid({ enableAudio: '={{ "loud" }}' }), undefined, 'Audio'],
		['video: From an Image without the image', vid({ mode: 'img2video', ...single.url('image', '') }), undefined, 'Image URL'],
		['video: start frame binary field missing', vid({ ...frames, ...single.binary('startFrame', 'first') }), [{ json: {} }], 'Start Frame Input Binary Field'],
		['video: end frame that is not an image', vid({ ...frames, ...single.base64('endFrame', Buffer.from('plain text, no picture').toString('base64')) }), undefined, 'End Frame Base64'],
		['video: From Several Images with one image', vid({ mode: 'character2video', images: imageList(entry.url('https://x.test/a.png')) }), undefined, 'Images'],
		['video: From Several Images with a bad second URL', vid({ mode: 'character2video', images: imageList(entry.url('https://x.test/a.png'), entry.url('ftp://x.test/b.png')) }), undefined, 'Images → Image URL (#2)'],
		['video: fallback model ID with a slash', vid({ fallbackModel: 'byId', fallbackModelId: 'kling/v3' }), undefined, 'Fallback Model ID'],
		['video: max poll interval 0', vid({}, { pollInterval: 0 }), undefined, 'Max Poll Interval (Seconds)'],
		['video: negative max tokens', vid({}, { maxTokens: -5 }), undefined, 'Max Tokens per Run'],
	];
}

describe(`bad input (${CASES.length} cases): refused before any call to Fotor, naming the item and the field`, () => {
	const sim = useSimulator();

	it.each(CASES)('%s', async (_name, parameters, items, field) => {
		const result = await runNode({ parameters, items, credentials: simulatorCredentials(sim()) });
		expect(result.error?.message).toContain(`Invalid "${field}" in item 0:`);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(sim().requests).toEqual([]);
	});
});
