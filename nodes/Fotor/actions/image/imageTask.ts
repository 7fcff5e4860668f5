import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FotorClient } from '../../../shared/client/FotorClient';
import { imageInputProperties, readImageInput, toFotorImages, type ImageFieldSpec, type ImageInput } from '../../../shared/imageInput';
import type { TaskCost } from '../../../shared/spend/taskCost';
import { taskResultItems, taskTiming } from '../taskResult';
import type { FotorOperation } from '../types';
import { readTaskOptions, taskProperties, type TaskOptions } from '../taskOptions';

export interface ImageTaskDefinition {
	value: string;
	name: string;
	action: string;
	description: string;
	/** Path segment under /v1/aiart/, e.g. "imgupscale". */
	endpoint: string;
	/** `type` for a signed upload (Fotor's upload types); "img2img" when Fotor names none for this tool. */
	uploadType?: string;
	/** Image inputs and the request-body field each one fills. */
	images: Array<ImageFieldSpec & { bodyField: string }>;
	/** The operation's own fields (shown after the image inputs). */
	properties: INodeProperties[];
	/** Reads and checks the operation's own fields, returning their part of the request body. */
	readParameters(this: IExecuteFunctions, itemIndex: number): IDataObject;
	/** Suffix of output file names, e.g. "upscaled" gives photo-upscaled.png. */
	fileSuffix: string;
	/** Key of the image input whose file name the result takes (default: the first image). */
	fileNameFrom?: string;
	/**
	 * Tokens one task costs, from the body fields readParameters returned (default: 1, Fotor's
	 * documented price per result image); undefined: not documented, learned per account.
	 */
	tokens?: (parameters: IDataObject) => number | undefined;
}

/** One item's checked inputs, read before anything of the run is sent. */
export interface ImageTaskInput {
	parameters: IDataObject;
	images: ImageInput[];
	options: TaskOptions;
}

/**
 * Builds a classic image operation in named steps: read inputs → build body (images inline or
 * by signed upload) → submit and wait holding a task slot → judge → output.
 */
export function defineImageTask(definition: ImageTaskDefinition): FotorOperation<ImageTaskInput> {
	const namedInput = Math.max(0, definition.images.findIndex((image) => image.key === definition.fileNameFrom));
	const operation = `image.${definition.value}`;

	async function readInputs(this: IExecuteFunctions, itemIndex: number): Promise<ImageTaskInput> {
		const parameters = definition.readParameters.call(this, itemIndex);
		const images: ImageInput[] = [];
		for (const image of definition.images) images.push(await readImageInput.call(this, itemIndex, image));
		return { parameters, images, options: readTaskOptions(this, itemIndex) };
	}

	async function buildBody(this: IExecuteFunctions, client: FotorClient, input: ImageTaskInput, itemIndex: number): Promise<IDataObject> {
		const urls = await toFotorImages.call(this, client, input.images, {
			mode: input.options.uploadMode,
			uploadType: definition.uploadType ?? 'img2img',
			itemIndex,
		});
		const body: IDataObject = Object.fromEntries(definition.images.map((image, index) => [image.bodyField, urls[index]]));
		return Object.assign(body, input.parameters);
	}

	return {
		value: definition.value,
		name: definition.name,
		action: definition.action,
		description: definition.description,
		endpoint: `POST /v1/aiart/${definition.endpoint}`,
		properties: [...definition.images.flatMap(imageInputProperties), ...definition.properties, ...taskProperties],
		async prepare(itemIndex) {
			return await readInputs.call(this, itemIndex);
		},
		async execute(input, itemIndex, client) {
			const cost: TaskCost = { kind: definition.endpoint, tokens: definition.tokens ? definition.tokens(input.parameters) : 1 };
			const run = await client.runTask(
				itemIndex,
				{
					path: `/v1/aiart/${definition.endpoint}`,
					build: async () => ({ body: await buildBody.call(this, client, input, itemIndex) }),
					cost,
				},
				taskTiming(input.options, definition.endpoint),
			);
			const inputName = input.images[namedInput]?.name ?? `fotor-${run.task.taskId.slice(0, 8)}`;
			return await taskResultItems.call(this, client, run, input.options, itemIndex, {
				operation,
				fileNameBase: `${inputName}-${definition.fileSuffix}`,
			});
		},
	};
}
