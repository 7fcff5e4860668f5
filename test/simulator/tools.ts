import type { ImageInfo } from './images/probe';
import { renderImage } from './images/render';
import type { ResultFile } from './types';

type Body = Record<string, unknown>;
/** Checks an image input: `field` of the body, or `value` named `field` (e.g. "imageUrls[1]"); its info or a refusal. */
export type ResolveImage = (field: string, value?: unknown) => Promise<ImageInfo | string>;

export interface ToolPlan {
	/** Task `type` as Fotor reports it (path name; "avatar" for headshots; the endpoint segment for model-based tasks). */
	type: string;
	cost: number;
	render: (taskId: string) => ResultFile[];
	avatarTemplates?: Array<{ templateId: string; num: number }>;
}

export interface ToolSettings {
	resultMinBytes: number;
	textToImageSize: number;
	videoBytes: number;
}

export type Tool = (body: Body, image: ResolveImage, settings: ToolSettings) => Promise<ToolPlan | string>;

const RATIOS: Record<string, [number, number]> = { '1:1': [1, 1], '4:3': [4, 3], '3:4': [3, 4], '16:9': [16, 9], '9:16': [9, 16] };

const nonEmpty = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const optionalString = (body: Body, field: string) =>
	body[field] === undefined || typeof body[field] === 'string' ? undefined : `${field} must be a string`;

function single(
	type: string,
	info: ImageInfo,
	settings: ToolSettings,
	options: { format?: 'png' | 'jpeg'; width?: number; height?: number; transparent?: boolean; seed: number },
): ToolPlan {
	const format = options.format ?? (info.format === 'png' ? 'png' : 'jpeg');
	const extension = format === 'png' ? 'png' : 'jpg';
	return {
		type,
		cost: 1,
		render: (taskId) => [
			{
				path: `aiart/results/${taskId}.${extension}`,
				contentType: format === 'png' ? 'image/png' : 'image/jpeg',
				bytes: renderImage({
					format,
					width: options.width ?? info.width,
					height: options.height ?? info.height,
					transparent: options.transparent,
					minBytes: settings.resultMinBytes,
					seed: options.seed,
				}),
			},
		],
	};
}

/** Scales (w,h) by `factor`, then shrinks proportionally to fit the caps. */
function upscaled(info: ImageInfo, factor: number, maxWidth: number, maxHeight: number) {
	const width = info.width * factor;
	const height = info.height * factor;
	const shrink = Math.min(1, maxWidth / width, maxHeight / height);
	return { width: Math.max(1, Math.round(width * shrink)), height: Math.max(1, Math.round(height * shrink)) };
}

const isInteger = (value: unknown, min: number) => typeof value === 'number' && Number.isInteger(value) && value >= min;

/** Validation and result planning per Fotor tool, following shared/fotor-api.md §2. */
export const TOOLS: Record<string, Tool> = {
	async imgupscale(body, image, settings) {
		const factor = body.upscaling_resize;
		if (factor !== 2 && factor !== 4) return 'upscaling_resize must be 2 or 4';
		if (!isInteger(body.max_image_width, 1)) return 'max_image_width must be a positive integer';
		if (!isInteger(body.max_image_height, 1)) return 'max_image_height must be a positive integer';
		const info = await image('userImageUrl');
		if (typeof info === 'string') return info;
		return single('imgupscale', info, settings, {
			...upscaled(info, factor, body.max_image_width as number, body.max_image_height as number),
			seed: 1,
		});
	},
	async retouchskin(_body, image, settings) {
		const info = await image('userImageUrl');
		return typeof info === 'string' ? info : single('retouchskin', info, settings, { seed: 2 });
	},
	async text2img(body, _image, settings) {
		if (!nonEmpty(body.content)) return 'content is required';
		if (!nonEmpty(body.sizeId)) return 'sizeId is required';
		if (!nonEmpty(body.templateId)) return 'templateId is required';
		const invalid = optionalString(body, 'negativePrompt');
		if (invalid) return invalid;
		const [w, h] = RATIOS[String(body.sizeId)] ?? [1, 1];
		const long = settings.textToImageSize;
		const info: ImageInfo = { format: 'png', width: w >= h ? long : Math.round((long * w) / h), height: h >= w ? long : Math.round((long * h) / w) };
		return single('text2img', info, settings, { format: 'png', seed: 3 });
	},
	async img2img(body, image, settings) {
		if (!nonEmpty(body.templateId)) return 'templateId is required';
		for (const field of ['content', 'negativePrompt']) {
			const invalid = optionalString(body, field);
			if (invalid) return invalid;
		}
		if (body.format !== undefined && body.format !== 'jpg' && body.format !== 'png') return 'format must be jpg or png';
		if (body.strength !== undefined && (typeof body.strength !== 'number' || body.strength < 0 || body.strength > 1)) {
			return 'strength must be a number from 0 to 1';
		}
		const info = await image('userImageUrl');
		if (typeof info === 'string') return info;
		return single('img2img', info, settings, { format: body.format === 'png' ? 'png' : 'jpeg', seed: 4 });
	},
	async backgroundremover(body, image, settings) {
		if (body.action !== undefined && !['auto', 'SegmentBody', 'SegmentCommonImage'].includes(String(body.action))) {
			return 'action must be auto, SegmentBody or SegmentCommonImage';
		}
		const info = await image('userImageUrl');
		return typeof info === 'string' ? info : single('backgroundremover', info, settings, { format: 'png', transparent: true, seed: 5 });
	},
	async avatar(body, image) {
		const templates = body.avatarTemplateParams;
		if (!Array.isArray(templates) || templates.length === 0) return 'avatarTemplateParams must be a non-empty array';
		for (const template of templates as Body[]) {
			if (!template || !nonEmpty(template.templateId)) return 'avatarTemplateParams[].templateId is required';
			if (!isInteger(template.num, 1)) return 'avatarTemplateParams[].num must be an integer >= 1';
		}
		const info = await image('userImageUrl');
		if (typeof info === 'string') return info;
		const avatarTemplates = (templates as Body[]).map((t) => ({ templateId: String(t.templateId), num: t.num as number }));
		const count = avatarTemplates.reduce((sum, t) => sum + t.num, 0);
		return {
			type: 'avatar',
			cost: count,
			avatarTemplates,
			render: (taskId) =>
				Array.from({ length: count }, (_, n) => ({
					path: `aiart/avatar/${taskId}/${n + 1}.jpg`,
					contentType: 'image/jpeg',
					bytes: renderImage({ format: 'jpeg', width: 256, height: 256, seed: 10 + n }),
				})),
		};
	},
	async colorize(body, image, settings) {
		if (body.modelName !== undefined && !nonEmpty(body.modelName)) return 'modelName must be a non-empty string';
		if (body.renderFactor !== undefined && !isInteger(body.renderFactor, 1)) return 'renderFactor must be a positive integer';
		if (body.watermarked !== undefined && typeof body.watermarked !== 'boolean') return 'watermarked must be a boolean';
		const info = await image('userImageUrl');
		return typeof info === 'string' ? info : single('colorize', info, settings, { seed: 6 });
	},
	async restoration(body, image, settings) {
		for (const field of ['faceUpsample', 'backgroundEnhance']) {
			if (typeof body[field] !== 'boolean') return `${field} must be a boolean`;
		}
		if (!isInteger(body.upscale, 1) || (body.upscale as number) > 4) return 'upscale must be an integer from 1 to 4';
		if (typeof body.fidelityWeight !== 'number' || body.fidelityWeight < 0 || body.fidelityWeight > 1) {
			return 'fidelityWeight must be a number from 0 to 1';
		}
		const info = await image('userImageUrl');
		if (typeof info === 'string') return info;
		const factor = body.upscale as number;
		return single('restoration', info, settings, { width: info.width * factor, height: info.height * factor, seed: 7 });
	},
	async faceswap(_body, image, settings) {
		const face = await image('userImageUrl');
		if (typeof face === 'string') return face;
		const target = await image('templateImageUrl');
		return typeof target === 'string' ? target : single('faceswap', target, settings, { seed: 8 });
	},
	async replacer(body, image, settings) {
		if (!nonEmpty(body.content)) return 'content is required';
		const source = await image('imageUrl');
		if (typeof source === 'string') return source;
		const mask = await image('maskImageUrl');
		return typeof mask === 'string' ? mask : single('replacer', source, settings, { seed: 9 });
	},
};
