/**
 * Video generation modes and models for `POST /v1/aiart/{mode}/{modelId}`, as DATA. Pure: no n8n imports.
 *
 * Evidence: [FOTOR-CODE], not published docs. docs.fotor.com has no readable page for these endpoints.
 * - Modes, image counts, payload defaults: Fotor's Python SDK, github.com/fotor-ai/fotor-sdk @ b85b88a
 *   (2026-06-18), `src/fotor_sdk/tasks.py` (`_video_payload`, `text2video`, `single_image2video`,
 *   `start_end_frame2video`, `multiple_image2video`).
 * - Defaults and fallbacks: the same commit, `src/fotor_sdk/cli.py` (`DEFAULT_VIDEO_*`,
 *   `FALLBACK_MODEL_BY_TASK`).
 * - Which model is used for which mode: those CLI defaults and fallbacks, plus the SDK's
 *   `examples/test_all_features.py`, `examples/parallel_generate.py` and `README.md`.
 * - Display names and the `fotorSkillDocs` hints: Fotor's agent-skill docs, github.com/zeng121/skill-beta
 *   @ 826e011 (2026-04-28), `skills/fotor-skills/references/video_models.md`. Weaker evidence: prose,
 *   older than the SDK commit, and never checked against the API.
 *
 * UNCERTAIN: the SDK validates none of duration, resolution or aspect ratio; it sends what it is given.
 * The values it uses are 5 s, "1080p" (CLI and function default), "720p" (examples) and "16:9"
 * ("auto" is sent as "16:9"). The allowed values per model are not in the SDK; the skill-docs hints
 * below are the only per-model source found. Token cost per video: not found (read `creditsIncrement`).
 */

export const VIDEO_MODES = ['text2video', 'img2video', 'startend2video', 'character2video'] as const;
/** The path segment of the endpoint: `/v1/aiart/{mode}/{modelId}`. */
export type VideoMode = (typeof VIDEO_MODES)[number];

export type VideoModelFamily = 'ByteDance Seedance' | 'Kling' | 'Vidu';

/** Per-model values from Fotor's skill docs (see header): hints, not checked limits. */
export interface VideoModelDocHints {
	/** Modes the skill docs mark with "Y" for this model. */
	readonly modes: readonly VideoMode[];
	/** Durations in seconds. */
	readonly durations: readonly number[];
	readonly resolutions: readonly string[];
	/** Output aspect ratios (the docs give them per mode; these are the text/image-to-video ones). */
	readonly aspectRatios?: readonly string[];
	/** "Max Multi-Image Inputs" (character2video). */
	readonly maxImages?: number;
}

export interface VideoModel {
	/** The model ID in the request path. */
	readonly id: string;
	readonly name: string;
	readonly family: VideoModelFamily;
	readonly description: string;
	/** Modes the SDK uses this model for (defaults, fallbacks, examples). */
	readonly modes: readonly VideoMode[];
	readonly fotorSkillDocs: VideoModelDocHints;
}

export interface VideoModeInfo {
	readonly mode: VideoMode;
	readonly name: string;
	readonly description: string;
	/** The SDK's task function and its CLI/runner task type (the CLI fallback table is keyed by it). */
	readonly sdkTaskType: 'text2video' | 'single_image2video' | 'start_end_frame2video' | 'multiple_image2video';
	/** `imageUrls` count: exact when min === max; max undefined = no upper bound in the SDK. */
	readonly images: { readonly min: number; readonly max?: number };
	/** What each image is, in `imageUrls` order, when the position matters. */
	readonly imageRoles?: readonly string[];
	/** Models the SDK uses for this mode, the default first. */
	readonly models: readonly string[];
	/** The CLI's fallback per model for this mode (one retry after an API error other than 510). */
	readonly fallbacks: Readonly<Record<string, string>>;
}

// Whole seconds from..to, for the hints.
const seconds = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const VIDEO_MODELS: readonly VideoModel[] = [
	{
		id: 'doubao-seedance-2-0-260128',
		name: 'Seedance 2.0',
		family: 'ByteDance Seedance',
		description: "ByteDance Seedance 2.0, the SDK's default video model, used for every mode.",
		modes: ['text2video', 'img2video', 'startend2video', 'character2video'],
		fotorSkillDocs: {
			modes: ['text2video', 'img2video', 'startend2video', 'character2video'],
			durations: seconds(4, 15),
			resolutions: ['480p', '720p', '1080p'],
			maxImages: 9,
		},
	},
	{
		id: 'seedance-1-5-pro-251215',
		name: 'Seedance 1.5 Pro',
		family: 'ByteDance Seedance',
		description: 'ByteDance Seedance 1.5 Pro, for text to video and image to video.',
		modes: ['text2video', 'img2video'],
		fotorSkillDocs: {
			modes: ['text2video', 'img2video', 'startend2video'],
			durations: seconds(4, 12),
			resolutions: ['480p', '720p'],
			aspectRatios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'],
		},
	},
	{
		id: 'kling-v3',
		name: 'Kling 3.0',
		family: 'Kling',
		description: 'Kling 3.0: text, image, or start and end frames to video.',
		modes: ['text2video', 'img2video', 'startend2video'],
		fotorSkillDocs: {
			modes: ['text2video', 'img2video', 'startend2video'],
			durations: seconds(3, 15),
			resolutions: ['720p', '1080p'],
			aspectRatios: ['16:9', '1:1', '9:16'],
		},
	},
	{
		id: 'kling-v3-omni',
		name: 'Kling 3.0 Omni',
		family: 'Kling',
		description: 'Kling 3.0 Omni, for video from several reference images.',
		modes: ['character2video'],
		fotorSkillDocs: {
			modes: ['text2video', 'img2video', 'startend2video', 'character2video'],
			durations: seconds(3, 15),
			resolutions: ['720p', '1080p'],
			aspectRatios: ['16:9', '1:1', '9:16'],
			maxImages: 7,
		},
	},
	{
		id: 'kling-video-o1',
		name: 'Kling Video O1',
		family: 'Kling',
		description: 'Kling Video O1, for start and end frames or several reference images.',
		modes: ['startend2video', 'character2video'],
		fotorSkillDocs: {
			modes: ['text2video', 'img2video', 'startend2video', 'character2video'],
			durations: [5, 10],
			resolutions: ['1080p'],
			aspectRatios: ['16:9', '1:1', '9:16'],
			maxImages: 10,
		},
	},
	{
		id: 'viduq2-turbo',
		name: 'Vidu Q2 Turbo',
		family: 'Vidu',
		description: "Vidu Q2 Turbo, for start and end frames (the SDK's fallback there).",
		modes: ['startend2video'],
		fotorSkillDocs: {
			modes: ['img2video', 'startend2video'],
			durations: seconds(2, 8),
			resolutions: ['720p', '1080p'],
			aspectRatios: ['16:9', '1:1', '9:16', '3:4', '4:3'],
		},
	},
];

export const VIDEO_MODE_INFO: Readonly<Record<VideoMode, VideoModeInfo>> = {
	text2video: {
		mode: 'text2video',
		name: 'Text to Video',
		description: 'Generate a video from a prompt',
		sdkTaskType: 'text2video',
		images: { min: 0, max: 0 },
		models: ['doubao-seedance-2-0-260128', 'seedance-1-5-pro-251215', 'kling-v3'],
		fallbacks: { 'seedance-1-5-pro-251215': 'kling-v3', 'doubao-seedance-2-0-260128': 'kling-v3' },
	},
	img2video: {
		mode: 'img2video',
		name: 'Image to Video',
		description: 'Animate one image as directed by a prompt',
		sdkTaskType: 'single_image2video',
		images: { min: 1, max: 1 },
		models: ['doubao-seedance-2-0-260128', 'seedance-1-5-pro-251215', 'kling-v3'],
		fallbacks: { 'seedance-1-5-pro-251215': 'kling-v3', 'doubao-seedance-2-0-260128': 'kling-v3' },
	},
	startend2video: {
		mode: 'startend2video',
		name: 'Start and End Frames to Video',
		description: 'Generate the video between a start frame and an end frame',
		sdkTaskType: 'start_end_frame2video',
		images: { min: 2, max: 2 },
		imageRoles: ['start frame', 'end frame'],
		models: ['doubao-seedance-2-0-260128', 'kling-v3', 'kling-video-o1', 'viduq2-turbo'],
		fallbacks: { 'kling-video-o1': 'viduq2-turbo', 'doubao-seedance-2-0-260128': 'viduq2-turbo' },
	},
	character2video: {
		mode: 'character2video',
		name: 'Multiple Images to Video',
		description: 'Generate a video that uses several reference images (characters, objects, scenes)',
		sdkTaskType: 'multiple_image2video',
		images: { min: 2 },
		models: ['doubao-seedance-2-0-260128', 'kling-v3-omni', 'kling-video-o1'],
		fallbacks: { 'kling-v3-omni': 'kling-video-o1', 'doubao-seedance-2-0-260128': 'kling-video-o1' },
	},
};

const VIDEO_MODELS_BY_ID: ReadonlyMap<string, VideoModel> = new Map(VIDEO_MODELS.map((model) => [model.id, model]));

/** The entry for a video model ID (trimmed, case-sensitive), or undefined when it is not in the table. */
export function getVideoModel(modelId: string): VideoModel | undefined {
	return VIDEO_MODELS_BY_ID.get(modelId.trim());
}

/** Dropdown entries (structurally `INodePropertyOptions[]`) for a mode's models, sorted by name. */
export function videoModelOptions(mode: VideoMode): Array<{ name: string; value: string; description: string }> {
	return VIDEO_MODE_INFO[mode].models
		.map((id) => {
			const model = VIDEO_MODELS_BY_ID.get(id);
			return { name: model?.name ?? id, value: id, description: model?.description ?? '' };
		})
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The CLI's fallback for a model in a mode, or undefined when it has none. */
export function videoFallbackModel(mode: VideoMode, modelId: string): string | undefined {
	const table = VIDEO_MODE_INFO[mode].fallbacks;
	const id = modelId.trim();
	return Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
}

/** What is wrong with the number of images for a mode (the SDK's own rule), or undefined. */
export function videoImageCountProblem(mode: VideoMode, count: number): string | undefined {
	const { name, images, imageRoles } = VIDEO_MODE_INFO[mode];
	if (images.max === 0) return count === 0 ? undefined : `${name} takes no images; got ${count}.`;
	if (images.min === images.max) {
		if (count === images.min) return undefined;
		const what = imageRoles ? ` (${imageRoles.join(' and ')})` : '';
		return `${name} needs exactly ${images.min} image${images.min === 1 ? '' : 's'}${what}; got ${count}.`;
	}
	if (count < images.min) return `${name} needs at least ${images.min} images; got ${count}.`;
	if (images.max !== undefined && count > images.max)
		return `${name} takes at most ${images.max} images; got ${count}.`;
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Defaults and known values (UNCERTAIN: see the header)
// ---------------------------------------------------------------------------------------------

/** The CLI's default model (`DEFAULT_VIDEO_MODEL`), for every mode. */
export const DEFAULT_VIDEO_MODEL = 'doubao-seedance-2-0-260128';
/** The CLI's and the SDK functions' default resolution. The SDK's examples send "720p". */
export const DEFAULT_VIDEO_RESOLUTION = '1080p';
/** The CLI's and the SDK functions' default aspect ratio; the SDK also sends "auto" as this. */
export const DEFAULT_VIDEO_ASPECT_RATIO = '16:9';
/** The CLI's and the SDK functions' default duration, in seconds (the only one the SDK uses). */
export const DEFAULT_VIDEO_DURATION = 5;
/** Resolution the SDK's examples use for every mode. */
export const EXAMPLE_VIDEO_RESOLUTION = '720p';
/** `scenes` value the SDK always sends. */
export const VIDEO_SCENES = 'normal';

/** Resolutions to offer: the SDK's 720p and 1080p, and 480p, which the skill docs list for both Seedance models. */
export const VIDEO_RESOLUTIONS: readonly string[] = ['480p', '720p', '1080p'];

/**
 * The Resolution choice "Model Default": the SDK's default (1080p) when the model's skill docs
 * list it or say nothing (By ID), else the highest resolution they list (Seedance 1.5 Pro: 720p).
 */
export function modelDefaultResolution(modelId: string): string {
	const listed = getVideoModel(modelId)?.fotorSkillDocs.resolutions ?? [];
	if (listed.length === 0 || listed.includes(DEFAULT_VIDEO_RESOLUTION)) return DEFAULT_VIDEO_RESOLUTION;
	return [...VIDEO_RESOLUTIONS].reverse().find((resolution) => listed.includes(resolution)) ?? DEFAULT_VIDEO_RESOLUTION;
}

/**
 * Aspect ratios to offer. The SDK sends any string and only uses 16:9; this is the union of the
 * ratios the skill docs list for the models above (Seedance 2.0: none listed).
 */
export const VIDEO_ASPECT_RATIOS: readonly string[] = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'];

/** Durations (s) to offer: the SDK only uses 5; the skill docs range over 2–15 depending on the model. */
export const VIDEO_DURATION_RANGE = { min: 2, max: 15, default: DEFAULT_VIDEO_DURATION } as const;
