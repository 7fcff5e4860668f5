import { HookContext, WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IBinaryData,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
} from 'n8n-workflow';

import { FotorTrigger } from '../../nodes/FotorTrigger/FotorTrigger.node.ts'; // .ts: plain resolution finds the codex .node.json first
import { createAdditionalData } from './additionalData';
import { TEST_CREDENTIAL_REF } from './credentialsHelper';
import { initBinaryData } from './runNode';

export interface Delivery {
	body: unknown;
	/** Raw bytes as received; defaults to JSON of `body`. */
	rawBody?: Buffer;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	/** Address n8n saw (express req.ip). */
	ip?: string;
}

export interface WebhookResult {
	response: IWebhookResponseData;
	/** Status and body the node wrote itself (rejections, or the early acknowledgement before a download). */
	written?: { status: number; body: unknown };
	/** When the node wrote that body (Date.now()), to compare with when other requests happened. */
	writtenAt?: number;
	/** Items that start the workflow; undefined = no execution. */
	items?: INodeExecutionData[];
	binary(item: INodeExecutionData, property?: string): Promise<Buffer>;
}

export interface TriggerHarness {
	deliver(delivery: Delivery): Promise<WebhookResult>;
	hook(): HookContext;
	webhookUrl: string;
	staticData: IDataObject;
}

/**
 * The Fotor Trigger in a one-node workflow, driven through n8n-core's real WebhookContext
 * (and HookContext for the webhook lifecycle) with an express-like request and response.
 */
let harnesses = 0;

export function triggerHarness(parameters: INodeParameters, credentials?: ICredentialDataDecryptedObject): TriggerHarness {
	// A workflow of its own per harness: the trigger remembers deliveries per workflow and node.
	const workflowId = `wf-trigger-${++harnesses}`;
	const nodeType: INodeType = new FotorTrigger();
	const node: INode = {
		id: 'trigger',
		name: 'Fotor Trigger',
		type: 'fotorTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: '4b3f0c1e-5d0c-4d7a-9a59-2b1b0e7b7c11',
		parameters,
		...(credentials && { credentials: { fotorApi: TEST_CREDENTIAL_REF } }),
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType, 1),
		getKnownTypes: () => ({}),
	};
	const staticData: IDataObject = {};
	const workflow = new Workflow({ id: workflowId, nodes: [node], connections: {}, nodeTypes, active: true, settings: {}, staticData });
	const workflowData = { id: workflowId, name: 'trigger', nodes: [node], connections: {}, settings: {} } as unknown as IWorkflowBase;
	const description = nodeType.description.webhooks![0];
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: NodeHelpers.getNodeWebhookPath(workflow.id, node, String(description.path)),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: createAdditionalData(workflowData, credentials ?? {}),
		webhookId: node.webhookId,
	};
	const webhookUrl = `http://127.0.0.1:5678/webhook/${node.webhookId}/fotor`;

	return {
		webhookUrl,
		staticData,
		hook: () => new HookContext(workflow, node, webhookData.workflowExecuteAdditionalData, 'trigger', 'activate', webhookData),
		async deliver(delivery) {
			const binaryData = await initBinaryData();
			const rawBody = delivery.rawBody ?? Buffer.from(JSON.stringify(delivery.body));
			const headers = { 'content-type': 'application/json', 'content-length': String(rawBody.length), ...delivery.headers };
			const httpRequest = {
				body: delivery.body,
				rawBody,
				headers,
				query: delivery.query ?? {},
				params: {},
				ip: delivery.ip ?? '54.212.95.175',
				socket: { remoteAddress: delivery.ip ?? '54.212.95.175' },
			};
			let written: WebhookResult['written'];
			let writtenAt: number | undefined;
			const httpResponse = {
				status(code: number) {
					written = { status: code, body: undefined };
					return this;
				},
				json(body: unknown) {
					written = { status: written?.status ?? 200, body };
					writtenAt = Date.now();
					return this;
				},
			};
			const additionalData = createAdditionalData(workflowData, credentials ?? {}, {
				httpRequest: httpRequest as never,
				httpResponse: httpResponse as never,
			});
			const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
			const response = await nodeType.webhook!.call(context);
			return {
				response,
				written,
				writtenAt,
				items: response.workflowData?.[0],
				binary: async (item, property = 'data') => await binaryData.getAsBuffer(item.binary?.[property] as IBinaryData),
			};
		},
	};
}
