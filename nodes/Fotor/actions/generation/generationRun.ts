import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FotorClient } from '../../../shared/client/FotorClient';
import type { TaskOptions } from '../taskOptions';
import { taskResultItems, waitSettings } from '../taskResult';

/** One request to a model-based endpoint, and what the output says about it. */
export interface GenerationRequest {
	/** e.g. "/v1/aiart/imagegeneration/gpt-image-2" */
	path: string;
	body: IDataObject;
	model: string;
	/** Output fields that describe this request: model, size, duration, … */
	details: IDataObject;
}

export interface GenerationOutput {
	/** e.g. "image.generate" */
	operation: string;
	/** File name of the first input image, if any; else the result is named after the task. */
	inputName?: string;
	/** e.g. "generated" gives photo-generated.png */
	fileSuffix: string;
}

/**
 * Submits a generation once (a refused submit may be followed by one submit of the fallback
 * model; see FotorClient.runTask), waits if asked, and returns the result items. Each item
 * describes the request that created the task: the fallback's details when it was used, with the
 * model first asked for as `requestedModel`.
 */
export async function runGeneration(
	this: IExecuteFunctions,
	client: FotorClient,
	itemIndex: number,
	requests: { primary: GenerationRequest; fallback?: GenerationRequest },
	options: TaskOptions,
	output: GenerationOutput,
): Promise<INodeExecutionData[]> {
	const { primary, fallback } = requests;
	const run = await client.runTask(
		itemIndex,
		{
			path: primary.path,
			body: primary.body,
			...(fallback && { fallback: { path: fallback.path, body: fallback.body, label: fallback.model } }),
		},
		waitSettings(options, primary.path),
	);
	const used = run.fallbackUsed && fallback ? { ...fallback.details, requestedModel: primary.model } : primary.details;
	return await taskResultItems.call(this, client, run, options, itemIndex, {
		operation: output.operation,
		fileNameBase: `${output.inputName ?? `fotor-${run.task.taskId.slice(0, 8)}`}-${output.fileSuffix}`,
		extraJson: used,
	});
}
