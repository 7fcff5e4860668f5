import { NodeOperationError, sleep, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { normalizeTask, isTerminal, type FotorTask } from './task';
import { nextPollDelayMs, DEFAULT_POLL_SCHEDULE, type TaskTimingModel } from './taskTiming';
import { fotorApiRequest } from './transport/fotorApiRequest';
import type { RateLimitGate } from './transport/rateLimitGate';

export interface WaitOptions {
	itemIndex: number;
	storageBaseUrl: string;
	/** Longest pause between polls. */
	maxPollIntervalMs: number;
	/** Give up (the task keeps running at Fotor) after this long. */
	maxWaitMs: number;
	/** Task type to learn timings under (the operation's endpoint). */
	timingKey: string;
	timing?: TaskTimingModel;
	gate?: RateLimitGate;
	timeoutMs?: number;
}

/** Reads one task (GET /v1/aiart/tasks/{id}); safe to repeat, so it is retried on transient errors. */
export async function getTask(
	this: IExecuteFunctions,
	taskId: string,
	storageBaseUrl: string,
	itemIndex: number,
	gate?: RateLimitGate,
	timeoutMs?: number,
): Promise<FotorTask> {
	const data = await fotorApiRequest.call(this, {
		method: 'GET',
		path: `/v1/aiart/tasks/${encodeURIComponent(taskId)}`,
		itemIndex,
		gate,
		timeoutMs,
	});
	const task = normalizeTask(data, storageBaseUrl);
	return { ...task, taskId: task.taskId || taskId };
}

/**
 * Polls a task until it ends, the wait limit passes or the execution is cancelled.
 * Returns the ended task whatever its outcome; `assertTaskSucceeded` judges it.
 */
export async function waitForTask(this: IExecuteFunctions, taskId: string, options: WaitOptions): Promise<FotorTask> {
	const signal = this.getExecutionCancelSignal();
	const started = Date.now();
	const schedule = { ...DEFAULT_POLL_SCHEDULE, maxIntervalMs: options.maxPollIntervalMs };
	for (let polls = 0; ; polls++) {
		const elapsed = Date.now() - started;
		const delay = nextPollDelayMs(elapsed, polls, options.timing?.expectedMs(options.timingKey), schedule);
		if (elapsed + delay > options.maxWaitMs) {
			throw new NodeOperationError(this.getNode(), `Fotor task ${taskId} is still running after ${Math.round(elapsed / 1000)} s`, {
				itemIndex: options.itemIndex,
				description: `The wait limit ("Max Wait") was reached. The task may still finish and be billed. Collect it later with Task → Get (task ID ${taskId}) or with the Fotor Trigger, or raise "Max Wait" in the options.`,
			});
		}
		try {
			await sleep(delay, signal);
		} catch {
			throw new NodeOperationError(this.getNode(), `Execution cancelled while waiting for Fotor task ${taskId}`, {
				itemIndex: options.itemIndex,
				description: `The task keeps running at Fotor and may be billed. Collect it with Task → Get (task ID ${taskId}).`,
			});
		}
		const task = await getTask.call(
			this,
			taskId,
			options.storageBaseUrl,
			options.itemIndex,
			options.gate,
			options.timeoutMs,
		);
		if (isTerminal(task)) {
			const serverDuration =
				task.createTime !== undefined && task.updateTime !== undefined ? task.updateTime - task.createTime : undefined;
			options.timing?.record(options.timingKey, serverDuration ?? Date.now() - started);
			return task;
		}
	}
}

const FAILURE_TEXT: Record<string, string> = {
	failed: 'failed',
	timedOut: 'timed out at Fotor',
	cancelled: 'was cancelled at Fotor',
	unknown: 'ended with an unknown status',
};

/** Throws a clear error for a failed, timed-out, cancelled or NSFW-flagged task. */
export function assertTaskSucceeded(node: INode, task: FotorTask, itemIndex: number): void {
	if (task.status === 'completed' && !task.hasHsfw) return;
	const reason = task.failureReason ? `: ${task.failureReason}` : '';
	if (task.hasHsfw) {
		throw new NodeOperationError(node, `Fotor flagged the result of task ${task.taskId} as unsafe content (NSFW)`, {
			itemIndex,
			description:
				'Fotor set hasHsfw on this task, so no image is returned. Change the prompt or the input image and try again.',
		});
	}
	throw new NodeOperationError(node, `Fotor task ${task.taskId} ${FAILURE_TEXT[task.status] ?? task.status}${reason}`, {
		itemIndex,
		description: `Fotor does not charge tokens for failed tasks. Status code ${task.statusCode ?? 'missing'}. Check the input image and parameters, then run the item again.`,
	});
}
