import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { DownloadedBinary } from '../download';
import { taskSummary, type FotorTask } from './fotorTask';

export type ReturnMode = 'binary' | 'url' | 'both';

export interface ResultOutputOptions {
	returnMode: ReturnMode;
	binaryPropertyName: string;
	/** File name without extension; the extension comes from the downloaded file's type. */
	fileNameBase: string;
}

/** Fetches one result file into n8n's binary store (the caller decides retries and signal). */
export type ResultDownloader = (url: string, fileNameBase: string) => Promise<DownloadedBinary>;

/**
 * Turns a task into output items: one item per result (AI Headshot returns several), each with
 * the task summary and, depending on the return mode, the file as binary data. A task without
 * results (still processing, not waited for) gives one summary item.
 */
export async function buildTaskOutput(
	task: FotorTask,
	options: ResultOutputOptions,
	download: ResultDownloader,
	extraJson: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const summary = { ...taskSummary(task), ...extraJson };
	if (task.status !== 'completed' || task.results.length === 0) return [{ json: summary }];

	const several = task.results.length > 1;
	const items: INodeExecutionData[] = [];
	for (const [index, result] of task.results.entries()) {
		// Numbered as in Fotor's result list, like flaggedResults, also when flagged results were taken out.
		const position = result.position ?? index;
		const json: IDataObject = {
			...summary,
			...(several && {
				imageIndex: position,
				resultUrl: result.url,
				...(result.templateId !== undefined && { templateId: result.templateId }),
				...(result.imageId !== undefined && { imageId: result.imageId }),
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
		const { binary } = await download(result.url, several ? `${options.fileNameBase}-${position + 1}` : options.fileNameBase);
		json.fileName = binary.fileName;
		json.mimeType = binary.mimeType;
		items.push({ json, binary: { [options.binaryPropertyName]: binary } });
	}
	return items;
}
