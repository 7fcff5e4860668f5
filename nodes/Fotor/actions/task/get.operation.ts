import { binaryPropertyNameField, binaryPropertyNameFrom, RETURN_MODES, returnModeField } from '../../../shared/outputFields';
import { buildTaskOutput, type ReturnMode } from '../../../shared/task/resultOutput';
import { requireTaskId } from '../../../shared/task/taskId';
import { withoutFlaggedResults } from '../../../shared/task/taskOutcome';
import { requireBoolean, requireOption } from '../../../shared/validation';
import type { FotorOperation } from '../types';

interface TaskGetInput {
	taskId: string;
	returnMode: ReturnMode;
	binaryPropertyName: string;
}

/** GET /v1/aiart/tasks/{taskId}: status and results of any task, optionally downloading them. */
export const get: FotorOperation<TaskGetInput> = {
	value: 'get',
	name: 'Get',
	action: 'Get a task',
	description: 'Get the status and result of a Fotor task by its ID (Query Task Details)',
	endpoint: 'GET /v1/aiart/tasks/{taskId}',
	properties: [
		{
			displayName: 'Task ID',
			name: 'taskId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e0dc194703174b6eafeacb4ee8e02850',
			description: 'The taskId returned by an image operation run with "Wait for Completion" off',
		},
		{
			displayName: 'Download Result',
			name: 'download',
			type: 'boolean',
			default: false,
			description: 'Whether to download the result image(s) into binary data when the task has completed',
		},
		{
			...returnModeField,
			default: 'both',
			displayOptions: { show: { download: [true] } },
		},
		{
			...binaryPropertyNameField,
			displayOptions: { show: { download: [true] } },
		},
	],
	async prepare(itemIndex, client) {
		const taskId = requireTaskId(this, itemIndex);
		const download = !client.isTool && requireBoolean(this, itemIndex, 'download', 'Download Result', false);
		const returnMode: ReturnMode = download ? requireOption(this, itemIndex, 'returnMode', 'Return', RETURN_MODES, 'both') : 'url';
		const binaryPropertyName = binaryPropertyNameFrom(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
		return { taskId, returnMode, binaryPropertyName };
	},
	async execute({ taskId, returnMode, binaryPropertyName }, itemIndex, client) {
		// Results Fotor flagged as unsafe are listed, not downloaded, as in every other operation.
		const task = withoutFlaggedResults(await client.getTask(taskId, itemIndex));
		return await buildTaskOutput(
			task,
			{ returnMode, binaryPropertyName, fileNameBase: `fotor-${task.type ?? 'task'}-${taskId.slice(0, 8)}` },
			async (url, fileNameBase) => await client.download(url, fileNameBase, itemIndex),
		);
	},
};
