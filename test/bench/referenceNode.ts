import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

/**
 * The least any n8n node can do for Get Credits: `httpRequestWithAuthentication` with the
 * `fotorApi` credential, five items in flight at a time (as the Fotor node runs them), the JSON
 * body as output. No envelope checks, retries, timeouts or error mapping. The bench runs it
 * through n8n-core like the Fotor node, so the two differ only by what the Fotor node adds on
 * top of n8n's own HTTP helper.
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
			let next = 0;
			const lane = async () => {
				for (let index = next++; index < items.length; index = next++) {
					const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'fotorApi', {
						method: 'GET',
						url: `${baseUrl}/v1/credits`,
						json: false,
						encoding: 'text',
					})) as string;
					output[index] = { json: JSON.parse(body), pairedItem: { item: index } };
				}
			};
			await Promise.all(Array.from({ length: 5 }, lane));
			return [output];
		},
	};
}
