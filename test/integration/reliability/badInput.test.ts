import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import type { TestInputItem } from '../../harness/sourceNode';
import { base64Image, testImage } from '../images';
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
	['malformed task ID', { resource: 'task', operation: 'get', taskId: '../../v1/credits' }, undefined, 'Task ID'],
	['empty task ID', { resource: 'task', operation: 'get', taskId: '={{ $json.taskId }}' }, undefined, 'Task ID'],
	['temporary token valid for 0 seconds', { resource: 'editorSdk', operation: 'getTemporaryToken', timeout: 0 }, undefined, 'Valid For (Seconds)'],
];

describe(`bad input (${CASES.length} cases): refused before any call to Fotor, naming the item and the field`, () => {
	const sim = useSimulator();

	it.each(CASES)('%s', async (_name, parameters, items, field) => {
		const result = await runNode({ parameters, items, credentials: simulatorCredentials(sim()) });
		expect(result.error?.message).toContain(`Invalid "${field}" in item 0:`);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(sim().requests).toEqual([]);
	});
});
