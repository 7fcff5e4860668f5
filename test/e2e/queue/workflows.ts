/** Workflows of the queue-mode suite (built like test/e2e/lib/workflows.ts, which covers webhook → Fotor). */
import { NODE_PREFIX, type WorkflowNode } from '../lib/workflows';

let counter = 0;
const nextId = () => `queue-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export const MANUAL_TRIGGER = 'Manual Trigger';
export const FOTOR = 'Fotor';

function chain(name: string, nodes: WorkflowNode[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
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
	const trigger: WorkflowNode = {
		id: nextId(),
		name: MANUAL_TRIGGER,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const fields: WorkflowNode = {
		id: nextId(),
		name: 'Images',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [200, 0],
		parameters: { mode: 'raw', jsonOutput: JSON.stringify({ images: options.images.map((image) => ({ image })) }), options: {} },
	};
	const split: WorkflowNode = {
		id: nextId(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [400, 0],
		parameters: { fieldToSplitOut: 'images', options: {} },
	};
	const fotor: WorkflowNode = {
		id: nextId(),
		name: FOTOR,
		type: `${NODE_PREFIX}.fotor`,
		typeVersion: 1,
		position: [600, 0],
		parameters: options.parameters,
		credentials: { fotorApi: options.credential },
	};
	return chain(options.name, [trigger, fields, split, fotor]);
}

/** A published Fotor Trigger workflow with a fixed webhook ID (its URL: /webhook/<webhookId>/fotor). */
export function fotorTriggerWorkflow(options: { name: string; webhookId: string; credential: { id: string; name: string } }) {
	const trigger: WorkflowNode = {
		id: nextId(),
		name: 'Fotor Trigger',
		type: `${NODE_PREFIX}.fotorTrigger`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: options.webhookId,
		parameters: { outcome: 'completed', taskTypes: ['imgupscale'], download: true, security: { allowedIps: '127.0.0.1' } },
		credentials: { fotorApi: options.credential },
	};
	return chain(options.name, [trigger]);
}
