import { NodeOperationError, type INode } from 'n8n-workflow';

import type { FotorResultImage, FotorTask } from './fotorTask';

const FAILURE_TEXT: Record<string, string> = {
	failed: 'failed',
	timedOut: 'timed out at Fotor',
	cancelled: 'was cancelled at Fotor',
	unknown: 'ended with an unknown status',
};

/**
 * Judges an ended task. A failed task is an error. Results Fotor flagged as unsafe (hasHsfw) are
 * taken out and listed in `flaggedResults`; each result is billed, so the rest are still returned.
 * Only when nothing is left is the task an NSFW error. A task-level flag with no per-image flags
 * covers every result.
 */
export function judgeTask(node: INode, task: FotorTask, itemIndex: number): FotorTask {
	if (task.status !== 'completed') {
		const reason = task.failureReason ? `: ${task.failureReason}` : '';
		throw new NodeOperationError(node, `Fotor task ${task.taskId} ${FAILURE_TEXT[task.status] ?? task.status}${reason}`, {
			itemIndex,
			description: `Fotor does not charge tokens for failed tasks. Status code ${task.statusCode ?? 'missing'}. Check the input and parameters, then run the item again.`,
		});
	}
	const split = withoutFlaggedResults(task);
	if (task.hasHsfw && split.results.length === 0) {
		throw new NodeOperationError(node, `Fotor flagged the result of task ${task.taskId} as unsafe content (NSFW)`, {
			itemIndex,
			description: NSFW_EVERY_RESULT,
		});
	}
	return split;
}

export const NSFW_EVERY_RESULT =
	'Fotor set hasHsfw on every result of this task, so nothing is returned. Change the prompt or the input image and try again.';

/**
 * The task without the results Fotor flagged as unsafe; those are listed in `flaggedResults`.
 * Per-image flags (AI Headshot) take out only those images; a task-level flag with no
 * per-image flags covers every result.
 */
export function withoutFlaggedResults(task: FotorTask): FotorTask {
	const perImageFlags = task.results.some((result) => result.hasHsfw === true);
	const flagged = (result: FotorResultImage) => (perImageFlags ? result.hasHsfw === true : task.hasHsfw);
	if (!task.results.some(flagged)) return task;
	const flaggedResults = task.results
		.map((result, index) => ({ result, index }))
		.filter(({ result }) => flagged(result))
		.map(({ result, index }) => ({ index, templateId: result.templateId, imageId: result.imageId }));
	const kept = task.results.map((result, position) => ({ ...result, position })).filter((result) => !flagged(result));
	return { ...task, results: kept, flaggedResults };
}