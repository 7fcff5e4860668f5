/** Workflows of the queue-mode suite (built like test/e2e/lib/workflows.ts, which covers webhook → Fotor). */
import { chainConnections, NODE_PREFIX, workflowNode, type WorkflowNode } from '../lib/workflows';

export const MANUAL_TRIGGER = 'Manual Trigger';
export const FOTOR = 'Fotor';

function chain(name: string, nodes: WorkflowNode[]) {
	return { name, nodes, connections: chainConnections(nodes), settings: { executionOrder: 'v1' } };
}

/**
 * Manual Trigger → Edit Fields (a fixed list of base64 images) → Split Out → Fotor: what a user
 * runs from the editor. The Fotor node reads each item's `image`.
 */
export function manualImageBatch(options: {
	name: string;
	images: string[];
	credential: { id: string; name: string };
	parameters: Record<string, unknown>;
}) {
	const trigger = workflowNode(MANUAL_TRIGGER, 'n8n-nodes-base.manualTrigger', 1, 0, {});
	const fields = workflowNode('Images', 'n8n-nodes-base.set', 3.4, 200, {
		mode: 'raw',
		jsonOutput: JSON.stringify({ images: options.images.map((image) => ({ image })) }),
		options: {},
	});
	const split = workflowNode('Split Out', 'n8n-nodes-base.splitOut', 1, 400, { fieldToSplitOut: 'images', options: {} });
	const fotor = workflowNode(FOTOR, `${NODE_PREFIX}.fotor`, 1, 600, options.parameters, { credentials: { fotorApi: options.credential } });
	return chain(options.name, [trigger, fields, split, fotor]);
}

/** A published Fotor Trigger workflow with a fixed webhook ID (its URL: /webhook/<webhookId>/fotor). */
export function fotorTriggerWorkflow(options: { name: string; webhookId: string; credential: { id: string; name: string } }) {
	const trigger = workflowNode(
		'Fotor Trigger',
		`${NODE_PREFIX}.fotorTrigger`,
		1,
		0,
		{ outcome: 'completed', taskTypes: ['imgupscale'], download: true, security: { allowedIps: '127.0.0.1' } },
		{ webhookId: options.webhookId, credentials: { fotorApi: options.credential } },
	);
	return chain(options.name, [trigger]);
}
