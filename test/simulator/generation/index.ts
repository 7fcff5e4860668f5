import type { Tool } from '../tools';
import { planImageGeneration } from './imageGeneration';
import { IMAGE_MODELS, isVideoMode, VIDEO_MODELS } from './models';
import { planVideo } from './videoGeneration';

/** Model-based endpoints: POST /v1/aiart/{endpoint}/{modelId}. */
const MODEL_PATH = /^\/v1\/aiart\/(imagegeneration|text2video|img2video|startend2video|character2video)\/([^/]+)$/;

/** The endpoint segment and the (decoded) model ID of a model-based submit path, or undefined. */
export function modelRoute(path: string): { endpoint: string; model: string } | undefined {
	const match = MODEL_PATH.exec(path);
	if (!match) return undefined;
	try {
		return { endpoint: match[1], model: decodeURIComponent(match[2]) };
	} catch {
		return { endpoint: match[1], model: match[2] };
	}
}

/**
 * The request log's mode: "text2image" or "image2image" for imagegeneration (without or with
 * image_url parts, the SDK's names), else the video mode.
 */
export function modelMode(endpoint: string, body: unknown): string {
	if (endpoint !== 'imagegeneration') return endpoint;
	const content = (body as { content?: unknown } | undefined)?.content;
	const hasImage = Array.isArray(content) && content.some((part) => (part as { type?: unknown } | null)?.type === 'image_url');
	return hasImage ? 'image2image' : 'text2image';
}

/**
 * The validating planner of a model-based endpoint. An unknown model is refused before anything
 * else (no task, no charge), as Fotor refuses it at submit (the SDK's own test expects an API error).
 */
export function modelTool(endpoint: string, model: string): Tool {
	return async (body, image, settings) => {
		const known = endpoint === 'imagegeneration' ? IMAGE_MODELS : VIDEO_MODELS;
		if (!known.has(model)) return `model ${model} is not supported by ${endpoint}`;
		return isVideoMode(endpoint) ? await planVideo(endpoint, body, image, settings) : await planImageGeneration(model, body, image, settings);
	};
}
