/**
 * Image generation models for `POST /v1/aiart/imagegeneration/{modelId}`, as DATA.
 *
 * Evidence: [FOTOR-CODE], not published docs. docs.fotor.com has no readable page for these models.
 * - Sizes, ratios, tiers and limits: Fotor's Python SDK, github.com/fotor-ai/fotor-sdk @ b85b88a
 *   (2026-06-18, SDK 0.1.10), `src/fotor_sdk/model_image_size_rules.py` (its header: "derived from
 *   fotor-agents-mcp model_config.json"). The numbers below are that table's, unchanged.
 * - Defaults and fallbacks: the same commit, `src/fotor_sdk/cli.py` (`DEFAULT_IMAGE_*`,
 *   `FALLBACK_MODEL_BY_TASK`, used by `_run_with_fallback`).
 * - Display names and reference-image counts: Fotor's agent-skill docs, github.com/zeng121/skill-beta
 *   @ 826e011 (2026-04-28), `skills/fotor-skills/references/image_models.md` (weaker: prose, older).
 * Nothing here was checked against the live API. See shared/fotor-api.md §8.1 and the README's
 * "Uncertain API facts".
 */

/** A resolution tier: "1k" means the 1k base size, "2k" doubles each side, and so on. */
export type ImageTier = string;

/** The maker of a model; the order of this list is the order models are grouped in. */
export const IMAGE_MODEL_FAMILIES = [
	'OpenAI',
	'Google Gemini',
	'ByteDance Seedream',
	'Black Forest Labs Flux',
	'Midjourney',
	'Kling',
	'Alibaba Wan',
] as const;
export type ImageModelFamily = (typeof IMAGE_MODEL_FAMILIES)[number];

/** Size limits the SDK table gives for a model (each optional; the SDK applies only the first three). */
export interface ImageSizeLimits {
	/** Smallest width × height. The SDK grows a smaller size to it, keeping the ratio. */
	readonly minPixels?: number;
	/** Largest width × height. The SDK shrinks a larger size to it, keeping the ratio. */
	readonly maxPixels?: number;
	/** Longest side in px. The SDK scales both sides down (rounding down) to fit. */
	readonly maxLongSide?: number;
	/** Shortest side in px. In the SDK table but NOT applied by the SDK; resolveImageSize applies it last. */
	readonly minShortSide?: number;
}

/**
 * Whether a model takes reference images (`image_url` parts of `content`):
 * - `none`: text to image only;
 * - `optional`: text to image, or edit / multi-reference with 1 or more images;
 * - `required`: an edit model that needs at least 1 image.
 */
export type ReferenceImageUse = 'none' | 'optional' | 'required';

export interface ImageModel {
	/** The model ID in the request path. */
	readonly id: string;
	/** Name for a dropdown; starts with the brand, so sorting by name keeps families together. */
	readonly name: string;
	readonly family: ImageModelFamily;
	readonly description: string;
	/** The SDK's `aspect_ratio_supports`, in its order. Use listAspectRatios() for the ratios that really work. */
	readonly aspectRatios: readonly string[];
	/** The SDK's `preferred_size`: the 1k [width, height] per ratio. A tier multiplies both sides. */
	readonly preferredSizes: Readonly<Record<string, readonly [number, number]>>;
	/** The SDK's `resolution_supports`, lowest first. */
	readonly tiers: readonly ImageTier[];
	/** The SDK's `resolution_default`: used when a lower tier is asked for than the model has. */
	readonly defaultTier: ImageTier;
	readonly limits: ImageSizeLimits;
	readonly referenceImages: ReferenceImageUse;
	/** Most reference images, from Fotor's skill docs; undefined when no source gives it. */
	readonly maxReferenceImages?: number;
}

// ---------------------------------------------------------------------------------------------
// 1k base sizes shared by several models (values exactly as in the SDK table)
// ---------------------------------------------------------------------------------------------

type SizeTable = Readonly<Record<string, readonly [number, number]>>;

/** flux-1-kontext-pro, flux-2-pro, kontextdev. */
const FLUX_SIZES: SizeTable = {
	'1:1': [1024, 1024],
	'2:3': [768, 1152],
	'3:2': [1152, 768],
	'3:4': [880, 1184],
	'4:3': [1184, 880],
	'4:5': [928, 1152],
	'5:4': [1152, 928],
	'9:16': [752, 1392],
	'16:9': [1392, 752],
	'21:9': [1568, 672],
	'9:21': [672, 1568],
};

/** gpt-image-2: the Flux table, except 2:3 and 3:2. */
const GPT_IMAGE_2_SIZES: SizeTable = {
	...FLUX_SIZES,
	'2:3': [1024, 1536],
	'3:2': [1536, 1024],
};

/** gpt-image-1-low, gpt-image-1-medium, gpt-image-1-mini. */
const GPT_IMAGE_1_SIZES: SizeTable = {
	'1:1': [1024, 1024],
	'2:3': [1024, 1536],
	'3:2': [1536, 1024],
};

const GEMINI_2_5_SIZES: SizeTable = {
	'1:1': [1024, 1024],
	'2:3': [832, 1248],
	'3:2': [1248, 832],
	'3:4': [864, 1184],
	'4:3': [1184, 864],
	'4:5': [896, 1152],
	'5:4': [1152, 896],
	'9:16': [768, 1344],
	'16:9': [1344, 768],
	'21:9': [1536, 672],
};

/** gemini-3-pro-image-preview, gemini-3.1-flash-image-preview. */
const GEMINI_3_SIZES: SizeTable = {
	'1:1': [1024, 1024],
	'2:3': [848, 1264],
	'3:2': [1264, 848],
	'3:4': [896, 1200],
	'4:3': [1200, 896],
	'4:5': [928, 1152],
	'5:4': [1152, 928],
	'9:16': [768, 1376],
	'16:9': [1376, 768],
	'21:9': [1584, 672],
};

/** seedream-4-0-250828 (no 4:5 or 5:4 although its ratio list has them). */
const SEEDREAM_4_0_SIZES: SizeTable = {
	'1:1': [1024, 1024],
	'2:3': [832, 1248],
	'3:2': [1248, 832],
	'3:4': [864, 1152],
	'4:3': [1152, 864],
	'9:16': [736, 1312],
	'16:9': [1312, 736],
	'21:9': [1568, 672],
};

/** seedream-4-5-251128, seedream-5-0-260128: Seedream 4.0's table with a wider 16:9 / 9:16. */
const SEEDREAM_4_5_SIZES: SizeTable = {
	...SEEDREAM_4_0_SIZES,
	'9:16': [800, 1424],
	'16:9': [1424, 800],
};

/** kling-image-o1 (no 4:5 or 5:4 although its ratio list has them). */
const KLING_SIZES: SizeTable = {
	'1:1': [1280, 1280],
	'2:3': [800, 1200],
	'3:2': [1200, 800],
	'3:4': [960, 1280],
	'4:3': [1280, 960],
	'9:16': [720, 1280],
	'16:9': [1280, 720],
	'21:9': [1280, 576],
};

const MIDJOURNEY_SIZES: SizeTable = {
	'1:1': [1024, 1024],
	'2:3': [896, 1344],
	'3:2': [1344, 896],
	'3:4': [928, 1232],
	'4:3': [1232, 928],
	'4:5': [896, 1152],
	'5:4': [1152, 896],
	'5:6': [992, 1200],
	'6:5': [1200, 992],
	'9:16': [816, 1445],
	'16:9': [1445, 816],
};

/** wan2.5-t2i-preview, wan2.5-i2i-preview, wan2.7-image, wan2.7-image-pro. */
const WAN_SIZES: SizeTable = {
	'1:1': [1024, 1024],
	'2:3': [800, 1200],
	'3:2': [1200, 800],
	'3:4': [960, 1280],
	'4:3': [1280, 960],
	'9:16': [720, 1280],
	'16:9': [1280, 720],
	'21:9': [1344, 576],
};

// Ratio lists, in the SDK's order.
const RATIOS_11 = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9', '9:21'] as const;
const RATIOS_10 = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
const RATIOS_GPT_IMAGE_1 = ['1:1', '2:3', '3:2'] as const;
const RATIOS_MIDJOURNEY = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '5:6', '6:5', '9:16', '16:9'] as const;
const RATIOS_WAN = ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'] as const;

/** Limits most models share in the SDK table. */
const LONG_4096_SHORT_64: ImageSizeLimits = { maxLongSide: 4096, minShortSide: 64 };

// ---------------------------------------------------------------------------------------------
// The table: grouped by family (IMAGE_MODEL_FAMILIES order), then by model
// ---------------------------------------------------------------------------------------------

export const IMAGE_MODELS: readonly ImageModel[] = [
	// OpenAI
	{
		id: 'gpt-image-2',
		name: 'GPT Image 2',
		family: 'OpenAI',
		description:
			'OpenAI GPT Image 2. 11 aspect ratios, 1k or 2k. Text to image, or edit with up to 4 reference images.',
		aspectRatios: RATIOS_11,
		preferredSizes: GPT_IMAGE_2_SIZES,
		tiers: ['1k', '2k'],
		defaultTier: '1k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'gpt-image-1-medium',
		name: 'GPT Image 1 (Medium)',
		family: 'OpenAI',
		description: 'OpenAI GPT Image 1 at medium quality. 1:1, 2:3 or 3:2, 1k only. Up to 4 reference images.',
		aspectRatios: RATIOS_GPT_IMAGE_1,
		preferredSizes: GPT_IMAGE_1_SIZES,
		tiers: ['1k'],
		defaultTier: '1k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'gpt-image-1-low',
		name: 'GPT Image 1 (Low)',
		family: 'OpenAI',
		description: 'OpenAI GPT Image 1 at low quality. 1:1, 2:3 or 3:2, 1k only. Up to 4 reference images.',
		aspectRatios: RATIOS_GPT_IMAGE_1,
		preferredSizes: GPT_IMAGE_1_SIZES,
		tiers: ['1k'],
		defaultTier: '1k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'gpt-image-1-mini',
		name: 'GPT Image 1 Mini',
		family: 'OpenAI',
		description: 'OpenAI GPT Image 1 Mini. 1:1, 2:3 or 3:2, 1k only. Text to image only (Fotor lists no image input).',
		aspectRatios: RATIOS_GPT_IMAGE_1,
		preferredSizes: GPT_IMAGE_1_SIZES,
		tiers: ['1k'],
		defaultTier: '1k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'none',
	},
	// Google Gemini
	{
		id: 'gemini-3.1-flash-image-preview',
		name: 'Gemini 3.1 Flash Image (Nano Banana 2)',
		family: 'Google Gemini',
		description:
			'Google Gemini 3.1 Flash Image preview. 10 aspect ratios, 1k to 4k (default 2k). Up to 4 reference images.',
		aspectRatios: RATIOS_10,
		preferredSizes: GEMINI_3_SIZES,
		tiers: ['1k', '2k', '4k'],
		defaultTier: '2k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'gemini-3-pro-image-preview',
		name: 'Gemini 3 Pro Image (Nano Banana Pro)',
		family: 'Google Gemini',
		description:
			'Google Gemini 3 Pro Image preview. 10 aspect ratios, 1k to 4k (default 2k). Up to 4 reference images.',
		aspectRatios: RATIOS_10,
		preferredSizes: GEMINI_3_SIZES,
		tiers: ['1k', '2k', '4k'],
		defaultTier: '2k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'gemini-2.5-flash-image',
		name: 'Gemini 2.5 Flash Image (Nano Banana)',
		family: 'Google Gemini',
		description: 'Google Gemini 2.5 Flash Image. 10 aspect ratios, 1k or 2k. Up to 4 reference images.',
		aspectRatios: RATIOS_10,
		preferredSizes: GEMINI_2_5_SIZES,
		tiers: ['1k', '2k'],
		defaultTier: '1k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	// ByteDance Seedream (limits are pixel budgets, no side limits)
	{
		id: 'seedream-5-0-260128',
		name: 'Seedream 5.0 Lite',
		family: 'ByteDance Seedream',
		description: 'ByteDance Seedream 5.0 Lite. 8 aspect ratios, 2k or 3k. At least 3.7 MP. Up to 4 reference images.',
		aspectRatios: RATIOS_10,
		preferredSizes: SEEDREAM_4_5_SIZES,
		tiers: ['2k', '3k'],
		defaultTier: '2k',
		limits: { minPixels: 3686400, maxPixels: 16777216 },
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'seedream-4-5-251128',
		name: 'Seedream 4.5',
		family: 'ByteDance Seedream',
		description:
			'ByteDance Seedream 4.5. 8 aspect ratios, 2k to 4k. At least 3.7 MP, at most 16.8 MP. Up to 4 reference images.',
		aspectRatios: RATIOS_10,
		preferredSizes: SEEDREAM_4_5_SIZES,
		tiers: ['2k', '3k', '4k'],
		defaultTier: '2k',
		limits: { minPixels: 3686400, maxPixels: 16777216 },
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'seedream-4-0-250828',
		name: 'Seedream 4.0',
		family: 'ByteDance Seedream',
		description:
			'ByteDance Seedream 4.0. 8 aspect ratios, 1k to 4k (default 2k). At most 16.8 MP. Up to 4 reference images.',
		aspectRatios: RATIOS_10,
		preferredSizes: SEEDREAM_4_0_SIZES,
		tiers: ['1k', '2k', '4k'],
		defaultTier: '2k',
		limits: { minPixels: 921600, maxPixels: 16777216 },
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	// Black Forest Labs Flux
	{
		id: 'flux-2-pro',
		name: 'Flux 2 Pro',
		family: 'Black Forest Labs Flux',
		description: 'Black Forest Labs FLUX.2 [pro]. 11 aspect ratios, 1k or 2k. Up to 4 reference images.',
		aspectRatios: RATIOS_11,
		preferredSizes: FLUX_SIZES,
		tiers: ['1k', '2k'],
		defaultTier: '1k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'flux-1-kontext-pro',
		name: 'Flux.1 Kontext Pro',
		family: 'Black Forest Labs Flux',
		description:
			'Black Forest Labs FLUX.1 Kontext [pro], made for editing. 11 aspect ratios, 1k or 2k. Up to 4 reference images.',
		aspectRatios: RATIOS_11,
		preferredSizes: FLUX_SIZES,
		tiers: ['1k', '2k'],
		defaultTier: '1k',
		limits: LONG_4096_SHORT_64,
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	{
		id: 'kontextdev',
		name: 'Flux.1 Kontext Dev',
		family: 'Black Forest Labs Flux',
		description:
			'Black Forest Labs FLUX.1 Kontext [dev] ("Kontextdev" at Fotor). 11 aspect ratios, 1k or 2k, short side at least 512 px. Up to 4 reference images.',
		aspectRatios: RATIOS_11,
		preferredSizes: FLUX_SIZES,
		tiers: ['1k', '2k'],
		defaultTier: '1k',
		limits: { maxLongSide: 4096, minShortSide: 512 },
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	// Midjourney
	{
		id: 'midjourney-v7',
		name: 'Midjourney V7',
		family: 'Midjourney',
		description:
			'Midjourney V7. 11 aspect ratios (including 5:6 and 6:5, no 21:9), 1k or 2k. Up to 5 reference images.',
		aspectRatios: RATIOS_MIDJOURNEY,
		preferredSizes: MIDJOURNEY_SIZES,
		tiers: ['1k', '2k'],
		defaultTier: '1k',
		limits: { maxLongSide: 4096, minShortSide: 512 },
		referenceImages: 'optional',
		maxReferenceImages: 5,
	},
	// Kling
	{
		id: 'kling-image-o1',
		name: 'Kling Image O1',
		family: 'Kling',
		description: 'Kling Image O1. 8 aspect ratios, 1k or 2k; its 1k square is 1280×1280. Up to 4 reference images.',
		aspectRatios: RATIOS_10,
		preferredSizes: KLING_SIZES,
		tiers: ['1k', '2k'],
		defaultTier: '1k',
		limits: { maxLongSide: 4096, minShortSide: 300 },
		referenceImages: 'optional',
		maxReferenceImages: 4,
	},
	// Alibaba Wan
	{
		id: 'wan2.7-image-pro',
		name: 'Wan 2.7 Image Pro',
		family: 'Alibaba Wan',
		description:
			'Alibaba Wan 2.7 Image Pro. 8 aspect ratios, 1k to 4k, short side at least 768 px. Reference images: not documented.',
		aspectRatios: RATIOS_WAN,
		preferredSizes: WAN_SIZES,
		tiers: ['1k', '2k', '4k'],
		defaultTier: '1k',
		limits: { maxLongSide: 4096, minShortSide: 768 },
		referenceImages: 'optional',
	},
	{
		id: 'wan2.7-image',
		name: 'Wan 2.7 Image',
		family: 'Alibaba Wan',
		description:
			'Alibaba Wan 2.7 Image. 8 aspect ratios, 1k or 2k, long side at most 2048 px, short side at least 768 px. Reference images: not documented.',
		aspectRatios: RATIOS_WAN,
		preferredSizes: WAN_SIZES,
		tiers: ['1k', '2k'],
		defaultTier: '1k',
		limits: { maxLongSide: 2048, minShortSide: 768 },
		referenceImages: 'optional',
	},
	{
		id: 'wan2.5-t2i-preview',
		name: 'Wan 2.5 Text to Image (Preview)',
		family: 'Alibaba Wan',
		description:
			'Alibaba Wan 2.5 text to image preview. 8 aspect ratios, 1k only, long side at most 2048 px. No reference images.',
		aspectRatios: RATIOS_WAN,
		preferredSizes: WAN_SIZES,
		tiers: ['1k'],
		defaultTier: '1k',
		limits: { maxLongSide: 2048, minShortSide: 512 },
		referenceImages: 'none',
	},
	{
		id: 'wan2.5-i2i-preview',
		name: 'Wan 2.5 Image to Image (Preview)',
		family: 'Alibaba Wan',
		description:
			'Alibaba Wan 2.5 image editing preview. Needs a reference image. 8 aspect ratios, 1k only, long side at most 2048 px.',
		aspectRatios: RATIOS_WAN,
		preferredSizes: WAN_SIZES,
		tiers: ['1k'],
		defaultTier: '1k',
		limits: { maxLongSide: 2048, minShortSide: 512 },
		referenceImages: 'required',
	},
];

const MODELS_BY_ID: ReadonlyMap<string, ImageModel> = new Map(IMAGE_MODELS.map((model) => [model.id, model]));

/** Every model ID in the table, in table order. */
export const IMAGE_MODEL_IDS: readonly string[] = IMAGE_MODELS.map((model) => model.id);

/** The table entry for a model ID (exact, case-sensitive, trimmed), or undefined for an ID not in the table. */
export function getImageModel(modelId: string): ImageModel | undefined {
	return MODELS_BY_ID.get(modelId.trim());
}

/**
 * Dropdown entries (structurally an n8n `INodePropertyOptions[]`), sorted by name as n8n's lint
 * rules want. Names start with the brand, so the sort keeps each family together.
 */
export function imageModelOptions(): Array<{ name: string; value: string; description: string }> {
	return IMAGE_MODELS.map((model) => ({ name: model.name, value: model.id, description: model.description })).sort(
		(a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
	);
}

/**
 * What is wrong with sending `count` reference images to a model of the table, or undefined: a
 * 'none' model takes no image, a 'required' one needs at least 1, and `maxReferenceImages` (when
 * a source gives it) caps the rest. A model ID not in the table has no known rule: undefined.
 */
export function referenceImageProblem(modelId: string, count: number): string | undefined {
	const model = getImageModel(modelId);
	if (!model) return undefined;
	if (model.referenceImages === 'none' && count > 0) {
		return `${model.name} generates from text only and takes no reference images; got ${count}.`;
	}
	if (model.referenceImages === 'required' && count === 0) {
		return `${model.name} edits images and needs at least 1 reference image; got none.`;
	}
	if (model.maxReferenceImages !== undefined && count > model.maxReferenceImages) {
		return `${model.name} takes at most ${model.maxReferenceImages} reference images; got ${count}.`;
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Defaults and fallbacks (cli.py)
// ---------------------------------------------------------------------------------------------

/** The CLI's default model (`DEFAULT_IMAGE_MODEL`). */
export const DEFAULT_IMAGE_MODEL = 'gpt-image-2';
/** The CLI's default aspect ratio (`DEFAULT_IMAGE_ASPECT_RATIO`); also the SDK functions' default. */
export const DEFAULT_IMAGE_ASPECT_RATIO = '1:1';
/** The CLI's default tier (`DEFAULT_IMAGE_RESOLUTION`). The SDK's `text2image()` itself defaults to "1k". */
export const DEFAULT_IMAGE_TIER: ImageTier = '2k';

/**
 * The CLI's fallback model per task (`FALLBACK_MODEL_BY_TASK`): when a submit with the first model
 * fails with an API error other than 510 / "No enough credits", the CLI submits once more with the
 * second (one step only; it does not chain). The two image tasks have the same table.
 */
export const IMAGE_MODEL_FALLBACKS: Readonly<Record<'text2image' | 'image2image', Readonly<Record<string, string>>>> = {
	text2image: {
		'gemini-3.1-flash-image-preview': 'seedream-5-0-260128',
		'gpt-image-2': 'gemini-3.1-flash-image-preview',
	},
	image2image: {
		'gemini-3.1-flash-image-preview': 'seedream-5-0-260128',
		'gpt-image-2': 'gemini-3.1-flash-image-preview',
	},
};

/** The CLI's fallback for a model, or undefined when it has none. */
export function imageFallbackModel(modelId: string, task: 'text2image' | 'image2image'): string | undefined {
	const table = IMAGE_MODEL_FALLBACKS[task];
	const id = modelId.trim();
	return Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Model IDs that are not in the table (tasks.py `_DEFAULT_SIZES`, `_API_MIN_PIXELS`)
// ---------------------------------------------------------------------------------------------

/** The SDK's 1k sizes for a model ID it has no rules for; no limits are applied to these. */
export const GENERIC_BASE_SIZES: SizeTable = {
	'1:1': [1024, 1024],
	'16:9': [1392, 752],
	'9:16': [752, 1392],
	'4:3': [1184, 880],
	'3:4': [880, 1184],
	'3:2': [1536, 1024],
	'2:3': [1024, 1536],
	'21:9': [1568, 672],
};

/** Pixel budget of the 1k size the SDK computes for any other W:H ratio of an unknown model. */
export const GENERIC_BASE_PIXELS = 1024 * 1024;

/**
 * Tiers accepted for a model ID not in the table. The SDK multiplies by any "<n>k"; this package
 * stops at 4k, so sizes stay within explicitImageSize's bound (the largest is 21:9 4k, 6272×2688).
 */
export const GENERIC_TIERS: readonly ImageTier[] = ['1k', '2k', '3k', '4k'];
