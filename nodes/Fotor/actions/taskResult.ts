import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FotorClient, TaskRun, TaskTiming } from '../../shared/client/FotorClient';
import { buildTaskOutput } from '../../shared/task/resultOutput';
import { judgeTask } from '../../shared/task/taskOutcome';
import type { TaskOptions } from './taskOptions';

/** Whether, how long and how often to poll, from the shared task options. */
export function taskTiming(options: TaskOptions, timingKey: string): TaskTiming {
	return { wait: options.wait, maxPollIntervalMs: options.maxPollIntervalMs, maxWaitMs: options.maxWaitMs, timingKey };
}

/**
 * The output of a task operation: the task ID when not waited for; otherwise the judged task
 * (failed and all-NSFW tasks are errors) as items with the files and/or URLs the user asked
 * for. An AI agent always gets URLs only.
 */
export async function taskResultItems(
	this: IExecuteFunctions,
	client: FotorClient,
	run: TaskRun,
	options: TaskOptions,
	itemIndex: number,
	output: { operation: string; fileNameBase: string; extraJson?: IDataObject },
): Promise<INodeExecutionData[]> {
	const extraJson: IDataObject = {
		operation: output.operation,
		...(run.fallbackUsed && { fallbackUsed: run.fallbackUsed.label, fallbackReason: run.fallbackUsed.reason }),
		...(run.reusedTaskId && { reusedTaskId: run.reusedTaskId }),
		...output.extraJson,
	};
	if (!options.wait) return [{ json: { taskId: run.task.taskId, status: 'processing', statusCode: 0, ...extraJson } }];
	const task = judgeTask(this.getNode(), run.task, itemIndex);
	return await buildTaskOutput(
		task,
		{
			returnMode: client.isTool ? 'url' : options.returnMode,
			binaryPropertyName: options.binaryPropertyName,
			fileNameBase: output.fileNameBase,
		},
		async (url, fileNameBase) => await client.download(url, fileNameBase, itemIndex),
		extraJson,
	);
}
