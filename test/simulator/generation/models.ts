/**
 * Model IDs the simulator accepts on the model-based endpoints: its OWN copy of the table in
 * shared/fotor-api.md §8.1 (Fotor's SDK), so the node is never tested against its own list. The
 * SDK's size table (b85b88a) also lists wan2.7-image and wan2.7-image-pro, accepted here too.
 */
export const IMAGE_MODELS: ReadonlySet<string> = new Set([
	'flux-1-kontext-pro',
	'flux-2-pro',
	'gemini-2.5-flash-image',
	'gemini-3-pro-image-preview',
	'gemini-3.1-flash-image-preview',
	'gpt-image-1-low',
	'gpt-image-1-medium',
	'gpt-image-1-mini',
	'gpt-image-2',
	'kling-image-o1',
	'kontextdev',
	'midjourney-v7',
	'seedream-4-0-250828',
	'seedream-4-5-251128',
	'seedream-5-0-260128',
	'wan2.5-t2i-preview',
	'wan2.5-i2i-preview',
	'wan2.7-image',
	'wan2.7-image-pro',
]);

export const VIDEO_MODELS: ReadonlySet<string> = new Set([
	'kling-v3',
	'kling-v3-omni',
	'kling-video-o1',
	'seedance-1-5-pro-251215',
	'doubao-seedance-2-0-260128',
	'viduq2-turbo',
]);

export type VideoMode = 'text2video' | 'img2video' | 'startend2video' | 'character2video';

/** How many image_url parts / imageUrls a request may carry, and how to say so in a refusal. */
export interface ImageCount {
	min: number;
	max: number;
	rule: string;
}

/** imageUrls per video mode (§8.1): none, exactly 1, 2 (start and end frame), or 2 and more. */
export const VIDEO_MODES: Record<VideoMode, ImageCount> = {
	text2video: { min: 0, max: 0, rule: 'takes no imageUrls' },
	img2video: { min: 1, max: 1, rule: 'needs exactly 1 image in imageUrls' },
	startend2video: { min: 2, max: 2, rule: 'needs exactly 2 images in imageUrls (start and end frame)' },
	character2video: { min: 2, max: Number.POSITIVE_INFINITY, rule: 'needs at least 2 images in imageUrls' },
};

export const isVideoMode = (endpoint: string): endpoint is VideoMode => Object.prototype.hasOwnProperty.call(VIDEO_MODES, endpoint);

/**
 * image_url parts an image model takes. Fotor documents no per-model rule, so the simulator keeps
 * it simple and goes by the ID alone: an "i2i" model (image to image) needs at least one image, a
 * "t2i" model (text to image only) takes none, and every other model takes any number (text only
 * = text to image, with images = edit / multi-reference, as in the SDK).
 */
export function imageModelInputs(model: string): ImageCount {
	if (model.includes('i2i')) return { min: 1, max: Number.POSITIVE_INFINITY, rule: 'edits images and needs at least 1 image_url part' };
	if (model.includes('t2i')) return { min: 0, max: 0, rule: 'is text to image only and takes no image_url parts' };
	return { min: 0, max: Number.POSITIVE_INFINITY, rule: '' };
}
