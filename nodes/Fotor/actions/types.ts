import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { TaskSlots } from '../../shared/taskSlots';
import type { TaskTimingModel } from '../../shared/taskTiming';
import type { RateLimitGate } from '../../shared/transport/rateLimitGate';

/** State shared by all items of one execution of the node. */
export interface ExecutionState {
	/** Pauses every item when Fotor answers 429. */
	gate: RateLimitGate;
	/** Learns Fotor's limit of unfinished tasks so extra items wait instead of being refused. */
	slots: TaskSlots;
	/** Learns task durations so polling is dense only near the expected finish. */
	timing: TaskTimingModel;
	/** True when an AI agent runs the node as a tool: return compact JSON, no binary. */
	isTool: boolean;
	/** Per-request timeout chosen in the options; undefined = the transport's defaults. */
	requestTimeoutMs?: number;
}

/**
 * One Fotor operation: its dropdown entry, its own fields and what it does for one item.
 * The resource it belongs to adds the displayOptions, so fields here list only their own conditions.
 */
export interface FotorOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The Fotor call behind it, for the README, e.g. "POST /v1/aiart/imgupscale". */
	endpoint: string;
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, state: ExecutionState): Promise<INodeExecutionData[]>;
}

export interface FotorResource {
	value: string;
	name: string;
	operations: FotorOperation[];
}
