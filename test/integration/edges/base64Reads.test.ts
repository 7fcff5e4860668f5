import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { Fotor } from '../../../nodes/Fotor/Fotor.node';
import { runNode } from '../../harness/runNode';
import { testImage } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

/** A Fotor node that counts how often each item's Base64 field is read (its expression evaluated). */
function countingBase64Reads(): { nodeType: INodeType; reads: number[] } {
	const reads: number[] = [];
	const node = new Fotor();
	const execute = node.execute;
	node.execute = async function (this: IExecuteFunctions) {
		const read = this.getNodeParameter.bind(this) as (...args: unknown[]) => unknown;
		const counting = (name: string, itemIndex: number, ...rest: unknown[]) => {
			if (name === 'imageBase64') reads[itemIndex] = (reads[itemIndex] ?? 0) + 1;
			return read(name, itemIndex, ...rest);
		};
		Object.defineProperty(this, 'getNodeParameter', { value: counting, configurable: true });
		return await execute.call(this);
	};
	return { nodeType: node, reads };
}

const upscaleFromExpression = () => imageParameters('upscale', { upscaleFactor: 2, imageSource: 'base64', imageBase64: '={{ $json.image }}' }, { parallelTasks: 2 });

/**
 * On n8n 2.x every read of an expression field runs n8n's expression sandbox, which costs CPU per
 * item. A small base64 image is read once (checked, then sent from the same text); a large one is
 * read again when it is sent, so waiting items never hold large texts.
 */
describe('Base64 image field: how often it is read', () => {
	const sim = useSimulator();

	it('reads a small image\'s expression once per item, and sends exactly its bytes', async () => {
		sim().configure({ taskDurationMs: 100 });
		const images = [testImage(40, 30), testImage(30, 40)];
		const { nodeType, reads } = countingBase64Reads();
		const result = await runNode({
			parameters: upscaleFromExpression(),
			items: images.map((image) => ({ json: { image: image.toString('base64') } })),
			credentials: simulatorCredentials(sim()),
			nodeType,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(reads).toEqual([1, 1]);
		const sent = sim().submits.map((submit) => String((submit.body as { userImageUrl?: string }).userImageUrl));
		expect(sent.sort()).toEqual(images.map((image) => `data:image/png;base64,${image.toString('base64')}`).sort());
	});

	it('reads a large image\'s expression again when it is sent instead of keeping its text', async () => {
		sim().configure({ taskDurationMs: 100 });
		// A PNG with padding after its end: over 1 MiB as base64, still a valid image.
		const large = Buffer.concat([testImage(64, 64), Buffer.alloc(900 * 1024)]);
		const { nodeType, reads } = countingBase64Reads();
		const result = await runNode({
			parameters: upscaleFromExpression(),
			items: [{ json: { image: large.toString('base64') } }],
			credentials: simulatorCredentials(sim()),
			nodeType,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		expect(reads).toEqual([2]);
		expect(String((sim().submits[0].body as { userImageUrl?: string }).userImageUrl)).toBe(`data:image/png;base64,${large.toString('base64')}`);
	});
});
