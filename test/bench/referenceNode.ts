import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

/**
 * The least any n8n node can do for Get Credits: `httpRequestWithAuthentication` with the
 * `fotorApi` credential, five items at a time, the JSON body as output. No envelope checks,
 * retries, timeouts or error mapping. The bench runs it through n8n-core like the Fotor node,
 * so the two differ only by what the Fotor node adds on top of n8n's own HTTP helper.
 */
export function createReferenceNodeType(baseUrl: string): INodeType {
	return {
		description: {
			displayName: 'Reference Get Credits',
			name: 'referenceGetCredits',
			group: ['transform'],
			version: 1,
			description: 'Bench baseline: one authenticated GET per item',
			defaults: { name: 'Reference' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'fotorApi', required: true }],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const output: INodeExecutionData[] = [];
			for (let start = 0; start < items.length; start += 5) {
				const batch = items.slice(start, start + 5).map(async (_, offset) => ({
					json: JSON.parse(
						(await this.helpers.httpRequestWithAuthentication.call(this, 'fotorApi', {
							method: 'GET',
							url: `${baseUrl}/v1/credits`,
							json: false,
							encoding: 'text',
						})) as string,
					),
					pairedItem: { item: start + offset },
				}));
				output.push(...(await Promise.all(batch)));
			}
			return [output];
		},
	};
}
