import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { TaskSlots } from '../../shared/taskSlots';
import { TaskTimingModel } from '../../shared/taskTiming';
import { RateLimitGate } from '../../shared/transport/rateLimitGate';
import { requireNumberInRange } from '../../shared/validation';
import { mapWithConcurrency } from './concurrency';
import { findOperation } from './resources';
import type { ExecutionState } from './types';

const DEFAULT_PARALLEL_TASKS = 5;

/** Node-wide options, read from the first item; a bad value stops the run before anything is sent. */
function requestTimeoutMs(context: IExecuteFunctions): number | undefined {
	if (context.getNodeParameter('options.requestTimeout', 0, null) === null) return undefined; // unset: per-call defaults
	return requireNumberInRange(context, 0, 'options.requestTimeout', 'Request Timeout (Seconds)', { min: 1, max: 600 }) * 1000;
}

function parallelTasks(context: IExecuteFunctions): number {
	return requireNumberInRange(context, 0, 'options.parallelTasks', 'Parallel Tasks', { min: 1, max: 50, integer: true }, DEFAULT_PARALLEL_TASKS);
}

/** The item loop of the Fotor node: runs the chosen operation for every input item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of resource "${resource}" is not supported`);
	}
	const state: ExecutionState = {
		gate: new RateLimitGate(),
		slots: new TaskSlots(),
		timing: new TaskTimingModel(),
		isTool: typeof this.isToolExecution === 'function' && this.isToolExecution(),
		requestTimeoutMs: requestTimeoutMs(this),
	};

	const perItem = await mapWithConcurrency(items.length, parallelTasks(this), async (itemIndex) => {
		try {
			const output = await operation.execute.call(this, itemIndex, state);
			return output.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (error) {
			if (this.continueOnFail()) {
				const failure = error as NodeApiError;
				return [
					{
						json: {
							error: failure.message,
							...(failure.description ? { description: failure.description } : {}),
						},
						pairedItem: { item: itemIndex },
					},
				];
			}
			throw error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	});
	return [perItem.flat()];
}
