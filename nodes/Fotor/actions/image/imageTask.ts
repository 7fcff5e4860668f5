import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { imageInputProperties, readImageInput, toFotorImage, type ImageFieldSpec } from '../../../shared/imageInput';
import { buildTaskOutput } from '../../../shared/resultOutput';
import { assertTaskSucceeded, waitForTask } from '../../../shared/taskWaiting';
import { getFotorCredentials, resolveStorageBaseUrl } from '../../../shared/transport/credentials';
import { fotorApiRequest } from '../../../shared/transport/fotorApiRequest';
import type { FotorOperation } from '../types';
import { readTaskOptions, taskProperties } from './taskOptions';

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
}

/**
 * Builds an image operation: check every input, upload images if needed, submit once
 * (billable, never repeated when its fate is unknown), then wait and return the result.
 */
export function defineImageTask(definition: ImageTaskDefinition): FotorOperation {
	const namedInput = Math.max(0, definition.images.findIndex((image) => image.key === definition.fileNameFrom));
	return {
		value: definition.value,
		name: definition.name,
		action: definition.action,
		description: definition.description,
		endpoint: `POST /v1/aiart/${definition.endpoint}`,
		properties: [...definition.images.flatMap(imageInputProperties), ...definition.properties, ...taskProperties],
		async execute(itemIndex, state) {
			// 1. Everything the user entered is checked before anything is sent.
			const parameters = definition.readParameters.call(this, itemIndex);
			const inputs = [];
			for (const image of definition.images) inputs.push(await readImageInput.call(this, itemIndex, image));
			const options = readTaskOptions(this, itemIndex);
			const credentials = await getFotorCredentials(this);

			// 2. Images go to Fotor inline or through a (free) signed upload.
			const body: IDataObject = {};
			for (const [index, image] of definition.images.entries()) {
				body[image.bodyField] = await toFotorImage.call(this, inputs[index], {
					mode: options.uploadMode,
					uploadType: definition.uploadType ?? 'img2img',
					itemIndex,
					gate: state.gate,
					timeoutMs: state.requestTimeoutMs,
				});
			}
			Object.assign(body, parameters);

			// 3. The billable submit, holding one of the batch's task slots until the task ends.
			const signal = this.getExecutionCancelSignal();
			await state.slots.acquire(signal);
			let holdingSlot = true;
			const releaseSlot = () => {
				if (holdingSlot) state.slots.release();
				holdingSlot = false;
			};
			try {
				const submitted = await fotorApiRequest.call(this, {
					method: 'POST',
					path: `/v1/aiart/${definition.endpoint}`,
					body,
					billable: true,
					itemIndex,
					gate: state.gate,
					timeoutMs: state.requestTimeoutMs,
					onRateLimited: async (retryAfterMs) => await state.slots.refused(retryAfterMs, signal),
				});
				const taskId = typeof submitted?.taskId === 'string' ? submitted.taskId : '';
				if (!taskId) {
					throw new NodeOperationError(this.getNode(), 'Fotor accepted the request but returned no task ID', {
						itemIndex,
						description: 'The task may still run and be billed. Check your token balance before running this item again.',
					});
				}
				const operation = `image.${definition.value}`;
				if (!options.wait) {
					return [{ json: { taskId, status: 'processing', statusCode: 0, operation } }];
				}

				// 4. Wait, judge the outcome, return the result.
				const task = await waitForTask.call(this, taskId, {
					itemIndex,
					storageBaseUrl: resolveStorageBaseUrl(credentials),
					maxPollIntervalMs: options.maxPollIntervalMs,
					maxWaitMs: options.maxWaitMs,
					timingKey: definition.endpoint,
					timing: state.timing,
					gate: state.gate,
					timeoutMs: state.requestTimeoutMs,
				});
				releaseSlot();
				assertTaskSucceeded(this.getNode(), task, itemIndex);
				const inputName = inputs[namedInput]?.name ?? `fotor-${taskId.slice(0, 8)}`;
				return await buildTaskOutput.call(
					this,
					task,
					{
						returnMode: state.isTool ? 'url' : options.returnMode,
						binaryPropertyName: options.binaryPropertyName,
						fileNameBase: `${inputName}-${definition.fileSuffix}`,
					},
					itemIndex,
					{ operation },
				);
			} finally {
				releaseSlot();
			}
		},
	};
}
