import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { Fotor } from '../../../nodes/Fotor/Fotor.node.ts';
import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

/**
 * On Error → Continue, with a 3-item batch whose middle item fails at Fotor (its task ends
 * with status 2). n8n-core's WorkflowExecute gives the node a second output for
 * continueErrorOutput and moves failed items there (handleNodeErrorOutput); these tests read
 * the run data n8n recorded.
 */
describe('On Error → Continue with a failing middle item', () => {
	const sim = useSimulator();
	const images = [base64Image(8, 8), base64Image(12, 8), base64Image(16, 8)];
	const inputs = images.map((img, n) => ({ json: { n, img } }));
	const parameters = imageParameters('upscale', { upscaleFactor: 2, imageSource: 'base64', imageBase64: '={{ $json.img }}' }, { returnMode: 'url', parallelTasks: 3 });

	beforeEach(() => sim().injectTaskOutcome({ status: 2, msg: 'face not found', match: images[1] }));

	/**
	 * The Fotor node with what its execute() returned recorded before n8n-core touches it: n8n 2.x
	 * rewrites the JSON of items that carry `item.error`, n8n 1.x routes on the JSON as returned.
	 */
	function recordingFotor() {
		const fotor = new Fotor();
		const returned: INodeExecutionData[][] = [];
		const nodeType: INodeType = {
			description: fotor.description,
			async execute(this: IExecuteFunctions) {
				const output = await fotor.execute.call(this);
				returned.push(...output.map((items) => items.map((item) => ({ ...item, json: { ...item.json } }))));
				return output;
			},
		};
		return { nodeType, returned };
	}

	const failedTaskId = () => sim().submits.find((submit) => JSON.stringify(submit.body).includes(images[1]))?.taskId;

	it('Continue (regular output): one output, the failure in place with json.error and json.description', async () => {
		const { nodeType, returned } = recordingFotor();
		const result = await runNode({ parameters, items: inputs, nodeType, credentials: simulatorCredentials(sim()), onError: 'continueRegularOutput' });

		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		const [regular] = result.outputs;
		expect(regular.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(regular[0].json).toMatchObject({ status: 'completed' });
		expect(regular[2].json).toMatchObject({ status: 'completed' });
		expect(regular[1].json.error).toBe(`Fotor task ${failedTaskId()} failed: face not found`);
		expect(regular[1].json.description).toMatch(/Fotor does not charge tokens for failed tasks/);
		// As returned by the node: the same JSON, so n8n 1.x shows the same item.
		expect(returned[0][1].json).toEqual(regular[1].json);
	});

	it('Continue (using error output): two outputs, the failure on the error output with its message and the input item\'s fields', async () => {
		const { nodeType, returned } = recordingFotor();
		const result = await runNode({ parameters, items: inputs, nodeType, credentials: simulatorCredentials(sim()), onError: 'continueErrorOutput' });

		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(2);
		const [regular, errors] = result.outputs;

		expect(regular.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(regular.map((item) => item.json.status)).toEqual(['completed', 'completed']);

		expect(errors).toHaveLength(1);
		const [failed] = errors;
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.json.error).toBe(`Fotor task ${failedTaskId()} failed: face not found`);
		expect(failed.json.message).toMatch(/Fotor does not charge tokens for failed tasks/);
		// n8n merged the input item's fields in (on 2.x too: the item carries no item.error, whose JSON 2.x would replace).
		expect(failed.json).toMatchObject(inputs[1].json);
		// What the node itself returned: just error + message, the JSON both n8n 1.x and 2.x route to the error output.
		const raw = returned[0].find((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 1);
		expect(Object.keys(raw?.json ?? {}).sort()).toEqual(['error', 'message']);
		expect(raw?.error).toBeUndefined();
	});
});
