import type { IExecuteFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { AcceptedTasks } from '../../shared/client/acceptedTasks';

/**
 * The item for a failed input item under On Error → Continue (with the task IDs Fotor accepted
 * for it, if any). n8n routes an item to the error
 * output when `item.error` is set (2.x) or its JSON holds only `error` (1.x), so with the error
 * output the JSON is just the message and the full error (with its description) rides on
 * `item.error`. With the regular output the description stays in the JSON as before, and
 * `item.error` is left unset: n8n 2.x replaces the JSON of any item carrying `item.error` with
 * `{ error: message }` (normalizeNodeErrors), which would drop the description.
 */
export function failureItem(
	context: IExecuteFunctions,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	accepted: AcceptedTasks,
): INodeExecutionData {
	const toErrorOutput = context.getNode().onError === 'continueErrorOutput';
	// A task Fotor accepted (and bills) before the item failed, e.g. at the download: its ID goes
	// with the error (in the message, the only text n8n 1.x keeps on the error output), so the
	// result can still be collected with Task → Get.
	const taskIds = accepted.forItem(itemIndex);
	if (taskIds.length && !taskIds.some((taskId) => error.message.includes(taskId))) {
		error.message = `${error.message} (Fotor task ${taskIds.join(', ')}; collect it with Task → Get)`;
	}
	return {
		json: {
			error: error.message,
			...(!toErrorOutput && error.description ? { description: error.description } : {}),
			...(!toErrorOutput && taskIds.length === 1 && { taskId: taskIds[0] }),
			...(!toErrorOutput && taskIds.length > 1 && { taskIds }),
		},
		...(toErrorOutput && { error }),
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
