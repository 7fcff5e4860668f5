import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	imageInputProperties,
	imageListProperties,
	readImageInput,
	readImageList,
	type ImageFieldSpec,
	type ImageInput,
	type ImageListSpec,
} from '../../../shared/imageInput';
import { invalidField, optionalText, requireBoolean, requireNumberInRange, requireOption, requireText } from '../../../shared/validation';
import type { ModelFieldSpec } from '../generation/modelFields';
import {
	DEFAULT_VIDEO_ASPECT_RATIO,
	DEFAULT_VIDEO_DURATION,
	DEFAULT_VIDEO_MODEL,
	VIDEO_ASPECT_RATIOS,
	VIDEO_DURATION_RANGE,
	VIDEO_MODELS,
	VIDEO_MODES,
	VIDEO_RESOLUTIONS,
	modelDefaultResolution,
	videoImageCountProblem,
	videoModelOptions,
	type VideoMode,
	type VideoModel,
} from '../generation/videoModels';

/** The Mode dropdown: what the video is made from, and the endpoint segment it calls. */
const MODE_CHOICES: Record<VideoMode, { name: string; description: string }> = {
	text2video: { name: 'From Text', description: 'A video from a prompt (text2video)' },
	img2video: { name: 'From an Image', description: 'Animate one image as the prompt directs (img2video)' },
	startend2video: { name: 'From Start and End Frames', description: 'The video between a start frame and an end frame (startend2video)' },
	character2video: {
		name: 'From Several Images',
		description: 'A video that uses 2 or more reference images: characters, products, scenes (character2video)',
	},
};

/** Adds conditions to the fields' own displayOptions.show. */
const shownFor = (show: IDisplayOptions['show'], fields: INodeProperties[]): INodeProperties[] =>
	fields.map((field) => ({ ...field, displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, ...show } } }));

const forMode = (...modes: VideoMode[]) => ({ mode: modes });

// ---------------------------------------------------------------------------------------------
// Mode, prompt, model
// ---------------------------------------------------------------------------------------------

export const modeField: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	// Other fields (which images, whether the prompt is required) depend on it.
	noDataExpression: true,
	default: 'text2video',
	description: 'What the video is made from',
	options: VIDEO_MODES.map((mode) => ({ name: MODE_CHOICES[mode].name, value: mode, description: MODE_CHOICES[mode].description })).sort(
		(a, b) => a.name.localeCompare(b.name),
	),
};

export const promptFields: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		placeholder: 'Slow dolly shot of a lighthouse at dusk, waves breaking, warm light',
		description: 'What happens in the video: subject, motion, camera, light',
		displayOptions: { show: forMode('text2video') },
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'The camera slowly circles the product, soft studio light',
		description: 'How the images should move and what happens (optional)',
		displayOptions: { show: forMode('img2video', 'startend2video', 'character2video') },
	},
];

/** The model dropdown of a mode: its own parameter, so each mode keeps its own choice. */
export const modelSpec = (mode: VideoMode): ModelFieldSpec => ({
	parameter: `${mode}Model`,
	models: videoModelOptions(mode),
	default: DEFAULT_VIDEO_MODEL,
	description:
		"Fotor's video models for this mode (from Fotor's SDK, not its public docs). Durations, resolutions and ratios differ per model; Fotor refuses what a model cannot do.",
	show: forMode(mode),
});

export const readPrompt = (context: IExecuteFunctions, itemIndex: number, mode: VideoMode): string =>
	mode === 'text2video'
		? requireText(context, itemIndex, 'prompt', 'Prompt', 'Describe the video to generate.')
		: (optionalText(context, itemIndex, 'prompt') ?? '');

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

const IMAGE: ImageFieldSpec = { key: 'image', label: 'Image', description: 'Where the image to animate comes from' };
const START_FRAME: ImageFieldSpec = { key: 'startFrame', label: 'Start Frame', description: 'Where the first frame comes from' };
const END_FRAME: ImageFieldSpec = { key: 'endFrame', label: 'End Frame', description: 'Where the last frame comes from' };

const hints = (pick: (model: VideoModel) => string | undefined) =>
	VIDEO_MODELS.map((model) => {
		const hint = pick(model);
		return hint && `${model.name} ${hint}`;
	})
		.filter(Boolean)
		.join(', ');

const SEVERAL: ImageListSpec = {
	key: 'images',
	label: 'Images',
	itemLabel: 'Image',
	initialEntries: 2,
	description: `Two or more reference images, in order. Most per model, from Fotor's skill docs (not checked): ${hints((model) =>
		model.fotorSkillDocs.maxImages ? String(model.fotorSkillDocs.maxImages) : undefined,
	)}.`,
};

export const imageFields: INodeProperties[] = [
	...shownFor(forMode('img2video'), imageInputProperties(IMAGE)),
	...shownFor(forMode('startend2video'), [...imageInputProperties(START_FRAME), ...imageInputProperties(END_FRAME)]),
	...shownFor(forMode('character2video'), [imageListProperties(SEVERAL)]),
];

/** Reads and checks the images a mode needs, in the order of `imageUrls`. */
export async function readVideoImages(context: IExecuteFunctions, itemIndex: number, mode: VideoMode): Promise<ImageInput[]> {
	const read = async (spec: ImageFieldSpec) => await readImageInput.call(context, itemIndex, spec);
	const images =
		mode === 'img2video'
			? [await read(IMAGE)]
			: mode === 'startend2video'
				? [await read(START_FRAME), await read(END_FRAME)]
				: mode === 'character2video'
					? await readImageList.call(context, itemIndex, SEVERAL)
					: [];
	const problem = videoImageCountProblem(mode, images.length);
	if (problem) throw invalidField(context, itemIndex, SEVERAL.label, problem, `Add images with "Add ${SEVERAL.itemLabel}".`);
	return images;
}

// ---------------------------------------------------------------------------------------------
// Duration, resolution, aspect ratio, audio
// ---------------------------------------------------------------------------------------------

const listOrRange = (values: readonly number[]) => {
	const contiguous = values.every((value, index) => index === 0 || value === values[index - 1] + 1);
	return contiguous && values.length > 2 ? `${values[0]}–${values[values.length - 1]} s` : `${values.join(' or ')} s`;
};

/** The Resolution choice that follows the model (see modelDefaultResolution). */
const MODEL_DEFAULT = 'modelDefault';

export const settingFields: INodeProperties[] = [
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		default: DEFAULT_VIDEO_DURATION,
		typeOptions: { minValue: VIDEO_DURATION_RANGE.min, maxValue: VIDEO_DURATION_RANGE.max },
		description: `Length of the video. Fotor documents no values; its skill docs list ${hints((model) => listOrRange(model.fotorSkillDocs.durations))}.`,
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: MODEL_DEFAULT,
		description:
			"Height of the video (its short side). Model Default: 1080p (the default of Fotor's SDK) where the model's docs list it or say nothing, else the highest they list (Seedance 1.5 Pro: 720p). The output says what was sent.",
		options: [
			{ name: 'Model Default', value: MODEL_DEFAULT },
			...VIDEO_RESOLUTIONS.map((resolution) => ({ name: resolution, value: resolution })),
		],
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		default: DEFAULT_VIDEO_ASPECT_RATIO,
		description: `Shape of the video. Fotor's skill docs list ${hints((model) => model.fotorSkillDocs.aspectRatios?.join(' '))}.`,
		options: [...VIDEO_ASPECT_RATIOS].sort((a, b) => a.localeCompare(b)).map((ratio) => ({ name: ratio, value: ratio })),
	},
	{
		displayName: 'Audio',
		name: 'enableAudio',
		type: 'boolean',
		default: false,
		description: 'Whether to ask for a soundtrack (sent as enableAudio; Fotor does not document which models honour it)',
	},
];

/** The body fields of the settings above (the names Fotor's SDK sends), for the chosen model. */
export function readVideoSettings(context: IExecuteFunctions, itemIndex: number, modelId: string): IDataObject {
	const resolution = requireOption(context, itemIndex, 'resolution', 'Resolution', [MODEL_DEFAULT, ...VIDEO_RESOLUTIONS], MODEL_DEFAULT);
	return {
		duration: requireNumberInRange(context, itemIndex, 'duration', 'Duration (Seconds)', { ...VIDEO_DURATION_RANGE, integer: true }, VIDEO_DURATION_RANGE.default),
		resolution: resolution === MODEL_DEFAULT ? modelDefaultResolution(modelId) : resolution,
		aspect_ratio: requireOption(context, itemIndex, 'aspectRatio', 'Aspect Ratio', VIDEO_ASPECT_RATIOS, DEFAULT_VIDEO_ASPECT_RATIO),
		enableAudio: requireBoolean(context, itemIndex, 'enableAudio', 'Audio', false),
	};
}
