import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { downloadToBinary, type DownloadContext } from './download';
import { taskSummary, type FotorTask } from './task';

export type ReturnMode = 'binary' | 'url' | 'both';

export interface ResultOutputOptions {
	returnMode: ReturnMode;
	binaryPropertyName: string;
	/** File name without extension; the extension comes from the downloaded bytes. */
	fileNameBase: string;
}

/**
 * Turns a task into output items: one item per result image (AI Headshot returns several),
 * each with the task summary and, depending on the return mode, the image as binary data.
 * A task without results (still processing, not waited for) gives one summary item.
 */
export async function buildTaskOutput(
	this: DownloadContext,
	task: FotorTask,
	options: ResultOutputOptions,
	itemIndex: number,
	extraJson: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const summary = { ...taskSummary(task), ...extraJson };
	if (task.status !== 'completed' || task.results.length === 0) return [{ json: summary }];

	const several = task.results.length > 1;
	const items: INodeExecutionData[] = [];
	for (const [index, image] of task.results.entries()) {
		const json: IDataObject = {
			...summary,
			...(several && {
				imageIndex: index,
				resultUrl: image.url,
				...(image.templateId !== undefined && { templateId: image.templateId }),
				...(image.imageId !== undefined && { imageId: image.imageId }),
			}),
		};
		if (options.returnMode === 'binary') {
			delete json.resultUrl;
			delete json.resultUrls;
		}
		if (options.returnMode === 'url') {
			items.push({ json });
			continue;
		}
		const fileName = several ? `${options.fileNameBase}-${index + 1}` : options.fileNameBase;
		const { binary } = await downloadToBinary.call(this, image.url, fileName, itemIndex);
		json.fileName = binary.fileName;
		json.mimeType = binary.mimeType;
		items.push({ json, binary: { [options.binaryPropertyName]: binary } });
	}
	return items;
}
