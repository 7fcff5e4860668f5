import type { IExecuteFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { AcceptedTasks } from '../../shared/client/acceptedTasks';

/**
 * The item for a failed input item under On Error → Continue (with the task IDs Fotor accepted
 * for it, if any). With the regular output: `{ error, description, taskId? }`. With the error
 * output: `{ error, message }`, the message and what to do, and nothing else, with no `item.error`:
 * that is the shape both n8n 1.x (JSON of just error + message) and 2.x (error, message, details)
 * route to the error output, and both then merge the input item's fields in, so the item keeps its
 * inputs for a later run. (An item carrying `item.error` would lose them on 2.x, which replaces its
 * JSON with `{ error }`.)
 */
export function failureItem(
	context: IExecuteFunctions,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	accepted: AcceptedTasks,
): INodeExecutionData {
	const toErrorOutput = context.getNode().onError === 'continueErrorOutput';
	// A task Fotor accepted (and bills) before the item failed, e.g. at the download: its ID goes
	// with the error (in the message, kept on both outputs), so the result can still be collected
	// with Task → Get.
	const taskIds = accepted.forItem(itemIndex);
	if (taskIds.length && !taskIds.some((taskId) => error.message.includes(taskId))) {
		error.message = `${error.message} (Fotor task ${taskIds.join(', ')}; collect it with Task → Get)`;
	}
	if (toErrorOutput) {
		return { json: { error: error.message, message: error.description ?? error.message }, pairedItem: { item: itemIndex } };
	}
	return {
		json: {
			error: error.message,
			...(error.description ? { description: error.description } : {}),
			...(taskIds.length === 1 && { taskId: taskIds[0] }),
			...(taskIds.length > 1 && { taskIds }),
		},
		pairedItem: { item: itemIndex },
	};
}

/**
 * Adds the tasks Fotor accepted in this run to the error that stops it, and what n8n's Retry will
 * do with them: `recorded` tasks were kept in the workflow's static data (non-manual runs only).
 */
export function withAcceptedTasks<E extends NodeApiError | NodeOperationError>(
	error: E,
	accepted: AcceptedTasks,
	retry: { recorded: number; kept: boolean },
): E {
	const lines = accepted.describe();
	if (lines.length === 0) return error;
	const onRetry = retry.recorded
		? `${retry.recorded} of them are recorded for this workflow: retrying this execution with "Retry with currently saved workflow" collects them instead of paying again ("Retry with original workflow" collects them only in this same n8n process).`
		: retry.kept
			? ''
			: 'This was a manual execution: n8n keeps no record of it, so a retry would pay again.';
	error.description = [
		error.description,
		`Fotor accepted ${lines.length} task(s) in this run before it stopped; they are billed (or may be) and keep their results: ${lines.join('; ')}. Collect them with Task → Get instead of running those items again. ${onRetry}`.trim(),
	]
		.filter(Boolean)
		.join('\n\n');
	error.context.acceptedTaskIds = lines;
	return error;
}
