import { Container } from '@n8n/di';
import { BinaryDataService, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IBinaryData,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IDataObject,
	type IWorkflowSettings,
	type OnError,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { Fotor } from '../../nodes/Fotor/Fotor.node.ts'; // .ts: tsx would otherwise resolve the codex Fotor.node.json
import { createAdditionalData } from './additionalData';
import { TEST_CREDENTIAL_REF, type TestCredentialsHelper } from './credentialsHelper';
import { createSourceNodeType, type TestInputItem } from './sourceNode';

let binaryReady: Promise<void> | undefined;

/** n8n 2.x stores binary data on the filesystem; start that real service once per test file. */
export async function initBinaryData(): Promise<BinaryDataService> {
	const service = Container.get(BinaryDataService);
	binaryReady ??= service.init();
	await binaryReady;
	return service;
}

/** The node types a test workflow may use, as n8n-core looks them up. */
export function nodeTypesFrom(types: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (type) => types[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(types[type], version),
		getKnownTypes: () => ({}),
	};
}

export interface RunNodeOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	items?: TestInputItem[];
	nodeType?: INodeType;
	/** Node setting "On Error: Continue (regular output)". */
	continueOnFail?: boolean;
	/** Node setting "On Error" (overrides continueOnFail); continueErrorOutput gives the node a second, error output. */
	onError?: OnError;
	/** Workflow settings, e.g. `{ binaryMode: 'combined' }`. */
	settings?: IWorkflowSettings;
	/** Receives a function that cancels the running execution (as the editor's stop button does). */
	onStart?: (cancel: () => void) => void;
	/** n8n's execution mode (default "manual"); "retry" is how n8n runs a retried execution. */
	mode?: WorkflowExecuteMode;
	/**
	 * The workflow's static data, as n8n loads it for the execution. n8n wraps this very object, so
	 * the node's changes land in it (n8n saves it after non-manual runs): pass it to the next run.
	 */
	staticData?: IDataObject;
	/** Workflow ID (default "wf-test"); the node keys in-process records by workflow and node. */
	workflowId?: string;
}

export interface RunNodeResult {
	items: INodeExecutionData[];
	/** Every main output of the node (with On Error → Continue (using error output): [regular, error]). */
	outputs: INodeExecutionData[][];
	/** The node's error when the execution failed. */
	error?: Error & { description?: string; context?: { itemIndex?: number } };
	run: IRun;
	/** How often the node had n8n decrypt its credential (a database read each in a real n8n). */
	credentialDecryptions: number;
	/** Bytes of an output item's binary field, read back from n8n's binary store. */
	binary(item: INodeExecutionData, property?: string): Promise<Buffer>;
	/** The execution hints the node added (n8n shows them in the output pane). */
	hints: Array<{ message: string }>;
}

/**
 * Runs the node under test in a two-node workflow (test source → node) through n8n-core's
 * real WorkflowExecute: real parameter resolution, real httpRequestWithAuthentication,
 * real binary store, real continueOnFail and pairedItem handling.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const binaryData = await initBinaryData();
	const nodeType = options.nodeType ?? new Fotor();
	const types: Record<string, INodeType> = {
		testSource: createSourceNodeType(options.items ?? [{ json: {} }]),
		[nodeType.description.name]: nodeType,
	};
	const nodeTypes = nodeTypesFrom(types);
	const source: INode = {
		id: 'source',
		name: 'Source',
		type: 'testSource',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const target: INode = {
		id: 'target',
		name: 'Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { fotorApi: TEST_CREDENTIAL_REF },
		...(options.continueOnFail && { onError: 'continueRegularOutput' as const }),
		...(options.onError && { onError: options.onError }),
	};
	const connections = { Source: { main: [[{ node: 'Node', type: 'main' as const, index: 0 }]] } };
	const workflowId = options.workflowId ?? 'wf-test';
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [source, target],
		connections,
		settings: options.settings ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowId,
		nodes: [source, target],
		connections,
		nodeTypes,
		active: false,
		settings: options.settings ?? {},
		staticData: options.staticData,
	});

	const additionalData = createAdditionalData(workflowData, options.credentials);

	let execution: ReturnType<WorkflowExecute['run']>;
	try {
		execution = new WorkflowExecute(additionalData, options.mode ?? 'manual').run({ workflow, startNode: source });
	} catch (error) {
		// n8n refuses to start a workflow whose required parameters are empty (WorkflowHasIssuesError).
		return { items: [], outputs: [], error: error as RunNodeResult['error'], run: undefined as unknown as IRun, credentialDecryptions: 0, binary: async () => Buffer.alloc(0), hints: [] };
	}
	options.onStart?.(() => execution.cancel());
	const run = await execution;
	const taskData = run.data.resultData.runData.Node?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		outputs: (taskData?.data?.main ?? []).map((output) => output ?? []),
		error: (taskData?.error ?? run.data.resultData.error) as RunNodeResult['error'],
		run,
		credentialDecryptions: (additionalData.credentialsHelper as TestCredentialsHelper).decryptions,
		hints: ((taskData as { hints?: Array<{ message: string }> } | undefined)?.hints ?? []).map((hint) => ({ message: hint.message })),
		// With the workflow's Binary Mode "combined", n8n keeps files in json._files instead of item.binary.
		binary: async (item, property = 'data') =>
			await binaryData.getAsBuffer((item.binary?.[property] ?? (item.json._files as Record<string, IBinaryData> | undefined)?.[property]) as IBinaryData),
	};
}
