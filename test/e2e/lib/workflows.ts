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

/** One workflow node at column x, with a fresh ID (the e2e, matrix and queue suites build with it). */
export const workflowNode = (
	name: string,
	type: string,
	typeVersion: number,
	x: number,
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({ id: nextId(), name, type, typeVersion, position: [x, 0], parameters, ...extra });

/** Connects nodes one after another on their main output. */
export function chainConnections(nodes: WorkflowNode[]): Record<string, unknown> {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

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
	const webhook = workflowNode(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		0,
		{
			httpMethod: 'POST',
			path: options.path,
			responseMode: 'lastNode',
			responseData: options.respond,
			...(options.respond === 'firstEntryBinary' && { responseBinaryPropertyName: 'data' }),
			options: {},
		},
		{ webhookId: nextId() },
	);
	const split = workflowNode('Split', 'n8n-nodes-base.splitOut', 1, 200, { fieldToSplitOut: 'body.items', options: {} });
	const fotor = workflowNode('Fotor', `${NODE_PREFIX}.fotor`, 1, 400, options.parameters, {
		credentials: { fotorApi: options.credential },
		...(options.continueOnFail && { onError: 'continueRegularOutput' }),
	});
	const nodes = options.splitItems ? [webhook, split, fotor] : [webhook, fotor];
	return { name: `e2e ${options.path}`, nodes, connections: chainConnections(nodes), settings: { executionOrder: 'v1' } };
}
