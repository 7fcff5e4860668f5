import { renderPngInRows } from '../images/render';
import { bufferBody } from '../results';
import type { ResolveImage, ToolPlan, ToolSettings } from '../tools';
import { imageGenerationCredits } from './credits';
import { imageCountRefusal, imageListRefusal } from './imageList';
import { imageModelInputs } from './models';

type Body = Record<string, unknown>;

/** Largest width or height accepted (the SDK's largest tier is 4096 on the long side). */
export const MAX_IMAGE_SIDE = 8192;
const QUALITIES = ['low', 'medium', 'high', 'auto'];

interface Parts {
	texts: string[];
	images: Array<{ label: string; value: unknown }>;
}

/** Splits `content` into text and image_url parts; a refusal for anything malformed. */
function contentParts(content: unknown): Parts | string {
	if (!Array.isArray(content) || content.length === 0) return 'content must be a non-empty array of {type:"text"} and {type:"image_url"} parts';
	const parts: Parts = { texts: [], images: [] };
	for (const [index, part] of (content as unknown[]).entries()) {
		const { type, text, url } = (part ?? {}) as Body;
		if (type === 'text') {
			if (typeof text !== 'string' || text.trim() === '') return `content[${index}].text must be a non-empty string`;
			parts.texts.push(text);
		} else if (type === 'image_url') {
			parts.images.push({ label: `content[${index}].url`, value: url });
		} else {
			return `content[${index}].type must be "text" or "image_url"`;
		}
	}
	return parts.texts.length ? parts : 'content needs a {type:"text"} part with the prompt';
}

const sideRefusal = (body: Body, field: 'width' | 'height') => {
	const value = body[field];
	const ok = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_IMAGE_SIDE;
	return ok ? undefined : `${field} must be an integer from 1 to ${MAX_IMAGE_SIDE}`;
};

/**
 * POST /v1/aiart/imagegeneration/{model} (shared/fotor-api.md §8.1): the result is a PNG of exactly
 * width × height, painted again on every download (so 4096 × 4096 results are not held in memory).
 */
export async function planImageGeneration(model: string, body: Body, image: ResolveImage, settings: ToolSettings): Promise<ToolPlan | string> {
	const invalid = sideRefusal(body, 'width') ?? sideRefusal(body, 'height');
	if (invalid) return invalid;
	if (body.quality !== undefined && !QUALITIES.includes(String(body.quality))) return `quality must be one of ${QUALITIES.join(', ')}`;
	const parts = contentParts(body.content);
	if (typeof parts === 'string') return parts;
	const refusal =
		imageCountRefusal(`model ${model}`, parts.images.length, imageModelInputs(model)) ?? (await imageListRefusal(parts.images, image));
	if (refusal) return refusal;
	const width = body.width as number;
	const height = body.height as number;
	return {
		type: 'imagegeneration', // Fotor documents no type string for these tasks: the endpoint segment.
		cost: imageGenerationCredits(width, height),
		render: (taskId) => [
			{
				path: `aiart/generation/${taskId}.png`,
				contentType: 'image/png',
				open: async () => bufferBody(await renderPngInRows({ width, height, seed: 11, minBytes: settings.resultMinBytes })),
			},
		],
	};
}
