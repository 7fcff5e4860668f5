import type { IExecuteFunctions } from 'n8n-workflow';

import {
	imageListProperties,
	readImageList,
	type ImageInput,
	type ImageListSpec,
} from '../../../shared/imageInput';
import { invalidField, requireText } from '../../../shared/validation';
import { describeFallbackPairs, fallbackFields, readFallbackModel } from '../generation/fallbackFields';
import { runGeneration, type GenerationRequest } from '../generation/generationRun';
import {
	DEFAULT_IMAGE_MODEL,
	getImageModel,
	IMAGE_MODEL_FALLBACKS,
	imageFallbackModel,
	imageModelOptions,
	referenceImageProblem,
} from '../generation/imageModels';
import { imageSizeFields, planImageSize, readImageSizeRequest, type ImageSizeRequest } from '../generation/imageSizeFields';
import { modelFields, readModelChoice, type ModelFieldSpec } from '../generation/modelFields';
import type { FotorOperation } from '../types';
import { readTaskOptions, taskFields, type TaskFieldSettings, type TaskOptions } from '../taskOptions';

const ENDPOINT = '/v1/aiart/imagegeneration';

const MODEL: ModelFieldSpec = {
	parameter: 'model',
	models: imageModelOptions(),
	default: DEFAULT_IMAGE_MODEL,
	description:
		"Fotor's image models (the list comes from Fotor's SDK, not its public docs). Each description says which aspect ratios, resolutions and reference images the model takes.",
};

const REFERENCE_IMAGES: ImageListSpec = {
	key: 'referenceImages',
	label: 'Reference Images',
	itemLabel: 'Image',
	description:
		"Images to edit or take from (a product, a face, a style); none for text to image. Each model's description says how many it takes (text-only models none, edit models at least one); the node checks this before anything is sent.",
};

const TASK_SETTINGS: TaskFieldSettings = {
	costNote:
		"Fotor does not document what model-based images cost; it differs by model and size. The node learns each kind's price from the creditsIncrement Fotor reports (the first task of an unknown kind runs alone while a limit is set).",
	result: 'image',
	maxWaitSeconds: 600,
	maxPollIntervalSeconds: 5,
};

interface Plan {
	model: string;
	width: number;
	height: number;
	details: GenerationRequest['details'];
}

interface GenerateImageInput {
	prompt: string;
	images: ImageInput[];
	primary: Plan;
	fallback?: Plan;
	options: TaskOptions;
}

/** Fotor's SDK names the task by whether images go with the prompt; its fallback table is per task. */
const sdkTask = (images: ImageInput[]) => (images.length ? 'image2image' : 'text2image');

function plan(model: string, size: ImageSizeRequest): Plan {
	const { width, height, details } = planImageSize(model, size);
	return { model, width, height, details: { model, ...details } };
}

function checkReferenceImages(context: IExecuteFunctions, itemIndex: number, model: string, count: number, field: string): void {
	const problem = referenceImageProblem(model, count);
	if (problem) throw invalidField(context, itemIndex, field, problem, 'Add or remove reference images, or pick a model that fits them.');
}

/** POST /v1/aiart/imagegeneration/{modelId}: an image from a prompt and 0…n reference images, with a chosen model. */
export const generate: FotorOperation<GenerateImageInput> = {
	value: 'generate',
	name: 'Generate',
	action: 'Generate an image with an AI model',
	description:
		'Generate or edit an image with a chosen AI model (GPT Image, Gemini, Seedream, Flux, Midjourney, Kling, Wan) from a prompt and optional reference images (token cost per model: see creditsIncrement)',
	endpoint: `POST ${ENDPOINT}/{modelId}`,
	properties: [
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 3 },
			placeholder: 'A studio photo of the sneaker on a white marble plinth, soft daylight',
			description: 'What to generate, or how to change the reference images',
		},
		...modelFields(MODEL),
		...imageSizeFields(MODEL.parameter),
		imageListProperties(REFERENCE_IMAGES),
		...fallbackFields(
			`The pairs of Fotor's own CLI: ${describeFallbackPairs(IMAGE_MODEL_FALLBACKS.text2image, (id) => getImageModel(id)?.name)}; other models have none. The fallback's size follows the same ratio and resolution rules; after By ID it gets the width and height entered.`,
		),
		...taskFields(TASK_SETTINGS),
	],
	async prepare(itemIndex) {
		const prompt = requireText(this, itemIndex, 'prompt', 'Prompt', 'Describe the image to generate.');
		const model = readModelChoice(this, itemIndex, MODEL);
		const size = readImageSizeRequest(this, itemIndex, model.byId);
		const images = await readImageList.call(this, itemIndex, REFERENCE_IMAGES);
		checkReferenceImages(this, itemIndex, model.id, images.length, REFERENCE_IMAGES.label);
		const fallbackModel = readFallbackModel(this, itemIndex, model.id, (id) => imageFallbackModel(id, sdkTask(images)));
		if (fallbackModel) checkReferenceImages(this, itemIndex, fallbackModel, images.length, 'Fallback Model');
		return {
			prompt,
			images,
			primary: plan(model.id, size),
			...(fallbackModel && { fallback: plan(fallbackModel, size) }),
			options: readTaskOptions(this, itemIndex, TASK_SETTINGS),
		};
	},
	async execute(input, itemIndex, client) {
		const request = (planned: Plan): GenerationRequest => ({
			path: `${ENDPOINT}/${encodeURIComponent(planned.model)}`,
			body: (urls) => ({
				width: planned.width,
				height: planned.height,
				content: [{ type: 'text', text: input.prompt }, ...urls.map((url) => ({ type: 'image_url', url }))],
				quality: 'medium',
			}),
			model: planned.model,
			priceKind: `imagegeneration/${planned.model}/${planned.width}x${planned.height}`,
			details: planned.details,
		});
		return await runGeneration.call(
			this,
			client,
			itemIndex,
			{
				primary: request(input.primary),
				...(input.fallback && { fallback: request(input.fallback) }),
				images: { inputs: input.images, mode: input.options.uploadMode, uploadType: 'img2img' },
			},
			input.options,
			{ operation: 'image.generate', inputName: input.images[0]?.name, fileSuffix: 'generated' },
		);
	},
};
