import type { IDataObject } from 'n8n-workflow';

import type { ImageInput } from '../../../shared/imageInput';
import { requireOption } from '../../../shared/validation';
import { describeFallbackPairs, fallbackFields, readFallbackModel } from '../generation/fallbackFields';
import { runGeneration, type GenerationRequest } from '../generation/generationRun';
import { modelFields, readModelChoice } from '../generation/modelFields';
import { getVideoModel, VIDEO_MODE_INFO, VIDEO_MODES, VIDEO_SCENES, videoFallbackModel, type VideoMode } from '../generation/videoModels';
import { readTaskOptions, taskFields, type TaskFieldSettings, type TaskOptions } from '../taskOptions';
import type { FotorOperation } from '../types';
import { imageFields, modeField, modelSpec, promptFields, readPrompt, readVideoImages, readVideoSettings, settingFields } from './videoFields';

/** A video takes minutes: wait up to 20 minutes, as Fotor's SDK does, and poll less often. */
const TASK_SETTINGS: TaskFieldSettings = {
	costNote:
		"Fotor does not document what a video costs; it depends on the model, length and resolution. The node learns each kind's price from the creditsIncrement Fotor reports (the first task of an unknown kind runs alone while a limit is set).",
	result: 'video',
	maxWaitSeconds: 1200,
	maxPollIntervalSeconds: 10,
};

interface GenerateVideoInput {
	mode: VideoMode;
	model: string;
	fallbackModel?: string;
	prompt: string;
	settings: IDataObject;
	images: ImageInput[];
	options: TaskOptions;
}

const modelName = (id: string) => getVideoModel(id)?.name;

/** The pairs of Fotor's CLI, mode by mode. */
const RECOMMENDED_FALLBACKS = VIDEO_MODES.map(
	(mode) => `${VIDEO_MODE_INFO[mode].name}: ${describeFallbackPairs(VIDEO_MODE_INFO[mode].fallbacks, modelName)}`,
).join('; ');

/** POST /v1/aiart/{text2video|img2video|startend2video|character2video}/{modelId}: an MP4 from a prompt and/or images. */
export const generate: FotorOperation<GenerateVideoInput> = {
	value: 'generate',
	name: 'Generate',
	action: 'Generate a video with an AI model',
	description:
		'Generate a video (MP4) from a prompt, an image, start and end frames or several images, with a chosen AI model (Seedance, Kling, Vidu; token cost: see creditsIncrement)',
	endpoint: 'POST /v1/aiart/{mode}/{modelId}',
	properties: [
		modeField,
		...promptFields,
		...VIDEO_MODES.flatMap((mode) => modelFields(modelSpec(mode))),
		...imageFields,
		...settingFields,
		...fallbackFields(`The pairs of Fotor's own CLI. ${RECOMMENDED_FALLBACKS}. Other models have none.`),
		...taskFields(TASK_SETTINGS),
	],
	async prepare(itemIndex) {
		const mode = requireOption(this, itemIndex, 'mode', 'Mode', VIDEO_MODES, 'text2video');
		const prompt = readPrompt(this, itemIndex, mode);
		const model = readModelChoice(this, itemIndex, modelSpec(mode));
		const settings = readVideoSettings(this, itemIndex, model.id);
		const images = await readVideoImages(this, itemIndex, mode);
		const fallbackModel = readFallbackModel(this, itemIndex, model.id, (id) => videoFallbackModel(mode, id));
		return { mode, model: model.id, fallbackModel, prompt, settings, images, options: readTaskOptions(this, itemIndex, TASK_SETTINGS) };
	},
	async execute(input, itemIndex, client) {
		const settings: IDataObject = { prompt: input.prompt, ...input.settings, scenes: VIDEO_SCENES };
		const request = (model: string): GenerationRequest => ({
			path: `/v1/aiart/${input.mode}/${encodeURIComponent(model)}`,
			body: (urls) => ({ ...settings, ...(urls.length && { imageUrls: urls }) }),
			model,
			priceKind: `${input.mode}/${model}/${String(settings.duration)}s/${String(settings.resolution)}`,
			details: {
				mode: input.mode,
				model,
				duration: settings.duration,
				resolution: settings.resolution,
				aspectRatio: settings.aspect_ratio,
				enableAudio: settings.enableAudio,
			},
		});
		return await runGeneration.call(
			this,
			client,
			itemIndex,
			{
				primary: request(input.model),
				...(input.fallbackModel && { fallback: request(input.fallbackModel) }),
				images: { inputs: input.images, mode: input.options.uploadMode, uploadType: 'img2video' },
			},
			input.options,
			{ operation: 'video.generate', inputName: input.images[0]?.name, fileSuffix: 'video' },
		);
	},
};
