import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidField } from '../validation';

/** Fotor task IDs are 32 hex characters today; accept any plain token so a format change does not break flows. */
const TASK_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function requireTaskId(context: IExecuteFunctions, itemIndex: number, parameter = 'taskId'): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const taskId = typeof raw === 'string' ? raw.trim() : '';
	if (!taskId) throw invalidField(context, itemIndex, 'Task ID', 'it is empty', 'Use the taskId returned by an image operation, e.g. {{ $json.taskId }}.');
	if (!TASK_ID_PATTERN.test(taskId)) {
		throw invalidField(context, itemIndex, 'Task ID', `"${taskId.slice(0, 80)}" is not a Fotor task ID`, 'Fotor task IDs look like e0dc194703174b6eafeacb4ee8e02850.');
	}
	return taskId;
}
