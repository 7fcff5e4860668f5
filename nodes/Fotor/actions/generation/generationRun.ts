import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FotorClient } from '../../../shared/client/FotorClient';
import type { FotorImageValue, ImageInput, ImageUploadMode } from '../../../shared/imageInput';
import { toFotorImages } from '../../../shared/imageInput';
import type { TaskOptions } from '../taskOptions';
import { taskResultItems, taskTiming } from '../taskResult';

/** One request to a model-based endpoint, and what the output says about it. */
export interface GenerationRequest {
	/** e.g. "/v1/aiart/imagegeneration/gpt-image-2" */
	path: string;
	/** The body, given the images as Fotor gets them (URLs or data URIs), in order. */
	body(imageUrls: FotorImageValue[]): IDataObject;
	model: string;
	/** Prices differ by what this names (model and size, or model, duration and resolution). */
	priceKind: string;
	/** Output fields that describe this request: model, size, duration, … */
	details: IDataObject;
}

/** The images a generation sends, made into URLs only once its task slot is free. */
export interface GenerationImages {
	inputs: ImageInput[];
	mode: ImageUploadMode;
	/** Fotor's signed-upload type, e.g. "img2img". */
	uploadType: string;
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
	requests: { primary: GenerationRequest; fallback?: GenerationRequest; images: GenerationImages },
	options: TaskOptions,
	output: GenerationOutput,
): Promise<INodeExecutionData[]> {
	const { primary, fallback, images } = requests;
	const run = await client.runTask(
		itemIndex,
		{
			path: primary.path,
			build: async () => {
				const urls = await toFotorImages.call(this, client, images.inputs, { mode: images.mode, uploadType: images.uploadType, itemIndex });
				return { body: primary.body(urls), ...(fallback && { fallbackBody: fallback.body(urls) }) };
			},
			cost: { kind: primary.priceKind },
			...(fallback && { fallback: { path: fallback.path, label: fallback.model, cost: { kind: fallback.priceKind } } }),
		},
		taskTiming(options, primary.path),
	);
	const used = run.fallbackUsed && fallback ? { ...fallback.details, requestedModel: primary.model } : primary.details;
	return await taskResultItems.call(this, client, run, options, itemIndex, {
		operation: output.operation,
		fileNameBase: `${output.inputName ?? `fotor-${run.task.taskId.slice(0, 8)}`}-${output.fileSuffix}`,
		extraJson: used,
	});
}
