import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidField, requireNumberInRange } from '../../shared/validation';

const DEFAULT_PARALLEL_TASKS = 5;

export interface RunOptions {
	parallelTasks: number;
	/** undefined: the transport's per-call defaults. */
	requestTimeoutMs?: number;
	/** Max Tokens per Run; 0 = no limit. */
	maxTokens: number;
}

/**
 * Options that shape the whole run (how many items at once, the request timeout, the token
 * budget). They are
 * node-wide: every item must give the same value, so an expression that varies per item is an
 * error naming the item instead of being silently ignored.
 */
export function readRunOptions(context: IExecuteFunctions, itemCount: number): RunOptions {
	const read = (itemIndex: number): RunOptions => ({
		parallelTasks: requireNumberInRange(context, itemIndex, 'options.parallelTasks', 'Parallel Tasks', { min: 1, max: 50, integer: true }, DEFAULT_PARALLEL_TASKS),
		requestTimeoutMs:
			context.getNodeParameter('options.requestTimeout', itemIndex, null) === null
				? undefined
				: requireNumberInRange(context, itemIndex, 'options.requestTimeout', 'Request Timeout (Seconds)', { min: 1, max: 600 }) * 1000,
		maxTokens: requireNumberInRange(context, itemIndex, 'options.maxTokens', 'Max Tokens per Run', { min: 0, max: 1_000_000_000 }, 0),
	});
	const first = read(0);
	for (let itemIndex = 1; itemIndex < itemCount; itemIndex++) {
		const other = read(itemIndex);
		if (other.parallelTasks !== first.parallelTasks) {
			throw invalidField(context, itemIndex, 'Parallel Tasks', `it is ${other.parallelTasks} here but ${first.parallelTasks} in item 0`, 'Parallel Tasks applies to the whole run: use one value for all items.');
		}
		if (other.requestTimeoutMs !== first.requestTimeoutMs) {
			throw invalidField(context, itemIndex, 'Request Timeout (Seconds)', 'it differs from item 0', 'Request Timeout applies to the whole run: use one value for all items.');
		}
		if (other.maxTokens !== first.maxTokens) {
			throw invalidField(context, itemIndex, 'Max Tokens per Run', `it is ${other.maxTokens} here but ${first.maxTokens} in item 0`, 'Max Tokens per Run applies to the whole run: use one value for all items.');
		}
	}
	return first;
}
