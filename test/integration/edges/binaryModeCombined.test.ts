import { BINARY_IN_JSON_PROPERTY, BINARY_MODE_COMBINED } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { imageInfo, testImage } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

/**
 * The workflow setting Binary Mode "combined" (n8n 2.x): n8n-core's convertBinaryData moves every
 * file a node outputs from item.binary into item.json._files, and assertBinaryData then resolves
 * the binary field as a path in the item's JSON. The node must find the file through n8n's helper.
 */
describe('workflow Binary Mode "combined"', () => {
	const sim = useSimulator();
	const settings = { binaryMode: BINARY_MODE_COMBINED } as const;
	const items = [
		{ json: { n: 0 }, binary: { photo: { data: testImage(20, 10, 'jpeg'), fileName: 'first.jpg', mimeType: 'image/jpeg' } } },
		{ json: { n: 1 }, binary: { photo: { data: testImage(30, 10), fileName: 'second.png', mimeType: 'image/png' } } },
	];
	const upscale = (imageBinaryProperty: string) => imageParameters('upscale', { upscaleFactor: 2, imageSource: 'binary', imageBinaryProperty });

	it.each([
		['the path under _files', `${BINARY_IN_JSON_PROPERTY}.photo`],
		['the plain field name', 'photo'],
		['an expression giving the file object', `={{ $json.${BINARY_IN_JSON_PROPERTY}.photo }}`],
	])('reads each item’s file from json._files, named by %s', async (_how, imageBinaryProperty) => {
		const result = await runNode({ parameters: upscale(imageBinaryProperty), items, settings, credentials: simulatorCredentials(sim()) });

		expect(result.error).toBeUndefined();
		// The input really was laid out the combined way: no item.binary, the file under json._files.
		const sourceItems = result.run.data.resultData.runData.Source[0].data?.main[0] ?? [];
		expect(sourceItems.map((item) => item.binary)).toEqual([undefined, undefined]);
		expect(sourceItems.map((item) => (item.json[BINARY_IN_JSON_PROPERTY] as { photo: { fileName: string } }).photo.fileName)).toEqual(['first.jpg', 'second.png']);

		const sent = sim().submits.map((submit) => /^data:(image\/\w+);base64,/.exec((submit.body as { userImageUrl: string }).userImageUrl)?.[1]);
		expect(sent.sort()).toEqual(['image/jpeg', 'image/png']);
		expect(result.items.map((item) => item.json.fileName)).toEqual(['first-upscaled.jpg', 'second-upscaled.png']);
		expect(imageInfo(await result.binary(result.items[0]))).toMatchObject({ format: 'jpeg', width: 40, height: 20 });
		expect(imageInfo(await result.binary(result.items[1]))).toMatchObject({ format: 'png', width: 60, height: 20 });
	});

	it('an expression that gives an object that is not a file is a clear error naming the item and the field, before any request', async () => {
		const result = await runNode({ parameters: upscale(`={{ $json.${BINARY_IN_JSON_PROPERTY} }}`), items, settings, credentials: simulatorCredentials(sim()) });

		expect(result.error?.message).toBe('Invalid "Image Input Binary Field" in item 0: it must be the name of a binary field, but the expression gave an object that is not binary data');
		expect(result.error?.description).toMatch(/Enter the field name/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(sim().requests).toHaveLength(0);
	});

	it('names the files json._files holds when the named field is missing', async () => {
		const result = await runNode({ parameters: upscale('picture'), items, settings, credentials: simulatorCredentials(sim()) });

		expect(result.error?.message).toBe('Invalid "Image Input Binary Field" in item 0: the item has no binary field "picture"');
		expect(result.error?.description).toContain(`Binary fields on this item: ${BINARY_IN_JSON_PROPERTY}.photo.`);
		expect(sim().requests).toHaveLength(0);
	});
});
