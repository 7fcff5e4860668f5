/** Builders for the workflows the end-to-end suite creates through n8n's public API. */
export const NODE_PREFIX = 'n8n-nodes-fotor';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: string;
}

let counter = 0;
const nextId = () => `e2e-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * Webhook (POST /webhook/<path>, answers with the last node's output) → Fotor node.
 * `respond` "allEntries" returns every item as JSON; "firstEntryBinary" returns the first item's file.
 */
export function webhookToFotor(options: {
	path: string;
	credential: { id: string; name: string };
	parameters: Record<string, unknown>;
	respond: 'allEntries' | 'firstEntryBinary';
	continueOnFail?: boolean;
	/** Items to fan out from the webhook body's `items` array before the Fotor node. */
	splitItems?: boolean;
}) {
	const webhook: WorkflowNode = {
		id: nextId(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: nextId(),
		parameters: {
			httpMethod: 'POST',
			path: options.path,
			responseMode: 'lastNode',
			responseData: options.respond,
			...(options.respond === 'firstEntryBinary' && { responseBinaryPropertyName: 'data' }),
			options: {},
		},
	};
	const split: WorkflowNode = {
		id: nextId(),
		name: 'Split',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [200, 0],
		parameters: { fieldToSplitOut: 'body.items', options: {} },
	};
	const fotor: WorkflowNode = {
		id: nextId(),
		name: 'Fotor',
		type: `${NODE_PREFIX}.fotor`,
		typeVersion: 1,
		position: [400, 0],
		parameters: options.parameters,
		credentials: { fotorApi: options.credential },
		...(options.continueOnFail && { onError: 'continueRegularOutput' }),
	};
	const nodes = options.splitItems ? [webhook, split, fotor] : [webhook, fotor];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name: `e2e ${options.path}`, nodes, connections, settings: { executionOrder: 'v1' } };
}
