import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/** Input item as a test describes it: JSON plus binary files given as bytes. */
export interface TestInputItem {
	json?: Record<string, unknown>;
	binary?: Record<string, { data: Buffer; fileName?: string; mimeType?: string }>;
}

/**
 * A test-only start node that emits the given items. Binary files go through n8n's real
 * prepareBinaryData, so they land in the filesystem binary store exactly as in n8n 2.x.
 */
export function createSourceNodeType(items: TestInputItem[]): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Test Source',
		name: 'testSource',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Source' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
	return {
		description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const output: INodeExecutionData[] = [];
			for (const [index, item] of items.entries()) {
				const binary: INodeExecutionData['binary'] = {};
				for (const [name, file] of Object.entries(item.binary ?? {})) {
					binary[name] = await this.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
				}
				output.push({
					json: (item.json ?? { index }) as INodeExecutionData['json'],
					...(item.binary && { binary }),
					pairedItem: { item: 0 },
				});
			}
			return [output];
		},
	};
}
