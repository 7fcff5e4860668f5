import { WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeParameters,
	type INodeType,
	type IWorkflowBase,
} from 'n8n-workflow';

import { Fotor } from '../../nodes/Fotor/Fotor.node.ts'; // .ts: tsx would otherwise resolve the codex Fotor.node.json
import { createAdditionalData } from './additionalData';
import { TEST_CREDENTIAL_REF } from './credentialsHelper';
import { initBinaryData, nodeTypesFrom } from './runNode';
import { createSourceNodeType } from './sourceNode';

/**
 * The tool variant n8n's node loader derives from a node with `usableAsTool`: same execute,
 * no main input, one AI-tool output.
 */
function asToolNodeType(nodeType: INodeType): INodeType {
	return {
		...nodeType,
		execute: nodeType.execute, // a prototype method of the node class: the spread does not copy it
		description: { ...nodeType.description, name: `${nodeType.description.name}Tool`, inputs: [], outputs: [NodeConnectionTypes.AiTool] },
	};
}

/** A stand-in for an AI agent: asks n8n-core for its connected tools and calls the first one once. */
function createAgentNodeType(toolArguments: IDataObject): INodeType {
	return {
		description: {
			displayName: 'Test Agent',
			name: 'testAgent',
			group: ['transform'],
			version: 1,
			description: 'Calls its connected tool once',
			defaults: { name: 'Agent' },
			inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true }],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Array<{ invoke(args: IDataObject): Promise<string> }>;
			try {
				const answer = await tools[0].invoke(toolArguments);
				return [[{ json: { answer: JSON.parse(answer) as IDataObject }, pairedItem: { item: 0 } }]];
			} catch (error) {
				return [[{ json: { toolError: (error as Error).message }, pairedItem: { item: 0 } }]];
			}
		},
	};
}

export interface RunAsToolOptions {
	/** The Fotor node's parameters; `$fromAI()` expressions are filled from `toolArguments`. */
	parameters: INodeParameters;
	toolArguments: IDataObject;
	credentials: ICredentialDataDecryptedObject;
}

/**
 * Runs the Fotor node as an AI-agent tool through n8n-core's own tool machinery
 * (getInputConnectionData → createNodeAsTool → a SupplyDataContext where isToolExecution() is
 * true) and returns what the agent received: the tool's JSON answer or its error message.
 */
export async function runAsTool(options: RunAsToolOptions): Promise<IDataObject> {
	await initBinaryData();
	const fotorTool = asToolNodeType(new Fotor());
	const types: Record<string, INodeType> = {
		testSource: createSourceNodeType([{ json: {} }]),
		testAgent: createAgentNodeType(options.toolArguments),
		fotorTool,
	};
	const nodeTypes = nodeTypesFrom(types);
	const node = (name: string, type: string, parameters: INodeParameters = {}): INode => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters });
	const nodes = [
		node('Source', 'testSource'),
		node('Agent', 'testAgent'),
		{ ...node('Fotor', 'fotorTool', options.parameters), credentials: { fotorApi: TEST_CREDENTIAL_REF } },
	];
	const connections = {
		Source: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
		Fotor: { [NodeConnectionTypes.AiTool]: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
	};
	const workflow = new Workflow({ id: 'wf-tool', nodes, connections, nodeTypes, active: false, settings: {} });
	const workflowData = { id: 'wf-tool', name: 'tool', active: false, nodes, connections, settings: {} } as unknown as IWorkflowBase;
	const run = await new WorkflowExecute(createAdditionalData(workflowData, options.credentials), 'manual').run({ workflow, startNode: nodes[0] });
	const agentRun = run.data.resultData.runData.Agent?.[0];
	if (agentRun?.error) throw agentRun.error;
	return agentRun?.data?.main?.[0]?.[0]?.json ?? {};
}
