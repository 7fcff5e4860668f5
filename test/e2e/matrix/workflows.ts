/** Workflow builders of the settings matrix: small graphs around one Fotor node. */
import { chainConnections, NODE_PREFIX, workflowNode, type WorkflowNode } from '../lib/workflows';
import { itemPng } from './servers';

/** n8n's per-node settings, as the editor stores them on the node (not in `parameters`). */
export interface NodeSettings {
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
}

/** The workflow setting "Binary Mode" (n8n 2.x: settings.binaryMode; the editor calls combined "v2" execution logic). */
export type BinaryMode = 'separate' | 'combined';

export type WorkflowKind = 'url' | 'binaryCode' | 'binaryStored' | 'taskGet' | 'empty' | 'webhookUrl' | 'trigger';

/** One input item of a cell, before the Fotor node. */
export interface ItemSpec {
	/** URL workflows: "missing" points at a URL that answers 404, so Fotor refuses the submit. */
	image?: 'ok' | 'missing';
	/** Upscale Factor for this item (`{{ $json.f }}`), default 2. */
	f?: number;
	/** Task → Get: the task ID (set by the runner from tasks it created, or a made-up one). */
	taskId?: string;
}

export interface BuildOptions {
	kind: WorkflowKind;
	credential: { id: string; name: string };
	imagesUrl: string;
	items: ItemSpec[];
	node: NodeSettings;
	/** Fotor parameters on top of the workflow's defaults. */
	parameters?: Record<string, unknown>;
	/** `options` of the Fotor node on top of the fast test defaults. */
	options?: Record<string, unknown>;
	binaryMode: BinaryMode;
	/** Trigger and webhook workflows: path / webhookId. */
	hook?: string;
	/** Combined binary mode: how the binary input is named (a path into the item, or an expression). */
	binaryField?: string;
}

/**
 * A Code node that returns `items` as they are (JSON only, or JSON with an inline binary file).
 * After a webhook it returns nothing for the activation probe (`{"probe":true}`), so no Fotor call.
 */
function codeNode(name: string, x: number, items: unknown[], afterWebhook = false): WorkflowNode {
	const probe = afterWebhook ? 'if ($input.first().json.body?.probe) return [];\n' : '';
	return workflowNode(name, 'n8n-nodes-base.code', 2, x, { jsCode: `${probe}return ${JSON.stringify(items)};` });
}

export const itemUrl = (imagesUrl: string, i: number, spec: ItemSpec) =>
	`${imagesUrl}/${spec.image === 'missing' ? 'missing' : 'img'}/${i}.png?item=${i}`;

/** The items the first Code node emits, per workflow kind. */
function inputItems(options: BuildOptions): unknown[] {
	return options.items.map((spec, i) => {
		switch (options.kind) {
			case 'binaryCode':
				return { json: { item: i }, binary: { data: { data: itemPng(i).toString('base64'), mimeType: 'image/png', fileName: `item-${i}.png` } } };
			case 'binaryStored':
				return { json: { item: i, b64: itemPng(i).toString('base64') } };
			case 'taskGet':
				return { json: { item: i, taskId: spec.taskId ?? '' } };
			default:
				return { json: { item: i, url: itemUrl(options.imagesUrl, i, spec), f: spec.f ?? 2 } };
		}
	});
}

function fotorParameters(options: BuildOptions): Record<string, unknown> {
	const fast = { pollInterval: 0.2, ...options.options };
	if (options.kind === 'taskGet') {
		return { resource: 'task', operation: 'get', taskId: '={{ $json.taskId }}', download: true, ...options.parameters };
	}
	const binary = options.kind === 'binaryCode' || options.kind === 'binaryStored';
	const source = binary
		? { imageSource: 'binary', imageBinaryProperty: options.binaryField ?? (options.binaryMode === 'combined' ? '_files.data' : 'data') }
		: { imageSource: 'url', imageUrl: '={{ $json.url }}' };
	return { resource: 'image', operation: 'upscale', ...source, upscaleFactor: '={{ $json.f ?? 2 }}', ...options.parameters, options: fast };
}

function fotorNode(options: BuildOptions, x: number): WorkflowNode {
	const { onError, ...flags } = options.node;
	return {
		...workflowNode('Fotor', `${NODE_PREFIX}.fotor`, 1, x, fotorParameters(options)),
		credentials: { fotorApi: options.credential },
		...(onError && onError !== 'stopWorkflow' && { onError }),
		...flags,
	};
}

export interface BuiltWorkflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	/** n8n 1.x's REST create needs it (NOT NULL column); created workflows are never active. */
	active: false;
}

/** The workflow of a cell. Manual Trigger starts every kind but `webhookUrl` (Stop needs a held response) and `trigger`. */
export function buildWorkflow(name: string, options: BuildOptions): BuiltWorkflow {
	const settings = { executionOrder: 'v1', ...(options.binaryMode === 'combined' && { binaryMode: 'combined' }) };
	if (options.kind === 'trigger') {
		const trigger = {
			...workflowNode('Fotor Trigger', `${NODE_PREFIX}.fotorTrigger`, 2, 0, {
				outcome: 'any',
				download: true,
				security: { allowedIps: '127.0.0.1' },
				...options.parameters,
			}),
			webhookId: options.hook,
			credentials: { fotorApi: options.credential },
		};
		// Proves the workflow itself can read the downloaded file (whatever the editor's binary view says).
		const read = workflowNode(
			'Read File',
			'n8n-nodes-base.extractFromFile',
			1.1,
			200,
			{ operation: 'binaryToPropery', binaryPropertyName: options.binaryMode === 'combined' ? '_files.data' : 'data', destinationKey: 'data', options: {} },
			{ onError: 'continueRegularOutput' },
		);
		return { name, nodes: [trigger, read], connections: chainConnections([trigger, read]), settings, active: false };
	}
	const start =
		options.kind === 'webhookUrl'
			? workflowNode('Webhook', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path: options.hook, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, { webhookId: options.hook })
			: workflowNode('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {});
	const items = codeNode('Items', 200, options.kind === 'empty' ? [] : inputItems(options), options.kind === 'webhookUrl');
	const nodes = [start, items];
	if (options.kind === 'binaryStored') {
		nodes.push(
			workflowNode('To File', 'n8n-nodes-base.convertToFile', 1.1, 400, {
				operation: 'toBinary',
				sourceProperty: 'b64',
				binaryPropertyName: 'data',
				options: { fileName: '={{ "item-" + $json.item + ".png" }}', mimeType: 'image/png' },
			}),
		);
	}
	nodes.push(fotorNode(options, 200 * nodes.length));
	return { name, nodes, connections: chainConnections(nodes), settings, active: false };
}
