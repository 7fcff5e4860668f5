import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, requireOption } from '../../../shared/validation';
import { DEFAULT_IMAGE_ASPECT_RATIO, DEFAULT_IMAGE_TIER, GENERIC_TIERS, IMAGE_MODEL_IDS } from './imageModels';
import { EXPLICIT_SIZE_MAX, EXPLICIT_SIZE_MIN, explicitImageSideProblem, listAspectRatios, resolveImageSize } from './imageSize';
import { BY_ID } from './modelFields';

/** Every aspect ratio some model of the table has a size for. */
export const IMAGE_ASPECT_RATIOS: readonly string[] = [...new Set(IMAGE_MODEL_IDS.flatMap(listAspectRatios))];

const RATIO_NAMES: Readonly<Record<string, string>> = {
	'1:1': '1:1 (Square)',
	'16:9': '16:9 (Landscape)',
	'9:16': '9:16 (Portrait, Stories)',
	'21:9': '21:9 (Cinematic)',
	'9:21': '9:21 (Tall)',
};

/** How the size of one item is asked for: by ratio and tier (a model of the table) or in pixels (By ID). */
export type ImageSizeRequest = { aspectRatio: string; tier: string } | { width: number; height: number };

/** The size sent to one model, and how the output describes it. */
export interface ImageSizePlan {
	width: number;
	height: number;
	/** width, height, aspectRatio and resolution used, and `sizeAdjustments` (empty when none). */
	details: IDataObject;
}

/** Aspect Ratio and Resolution for the table's models; Width and Height for a model By ID. */
export function imageSizeFields(modelParameter: string): INodeProperties[] {
	const side = (displayName: string, name: string): INodeProperties => ({
		displayName,
		name,
		type: 'number',
		default: 1024,
		typeOptions: { minValue: EXPLICIT_SIZE_MIN, maxValue: EXPLICIT_SIZE_MAX },
		description: `${displayName} of the image in pixels, sent as it is (the limits of a model By ID are not known)`,
		displayOptions: { show: { [modelParameter]: [BY_ID] } },
	});
	return [
		{
			displayName: 'Aspect Ratio',
			name: 'aspectRatio',
			type: 'options',
			default: DEFAULT_IMAGE_ASPECT_RATIO,
			description:
				"Shape of the image. Not every model has every ratio (see the model's description): an unsupported one becomes 1:1, as in Fotor's SDK, and the output lists the change in sizeAdjustments next to the width and height sent.",
			options: IMAGE_ASPECT_RATIOS.map((ratio) => ({ name: RATIO_NAMES[ratio] ?? ratio, value: ratio })).sort((a, b) =>
				a.name.localeCompare(b.name),
			),
			displayOptions: { hide: { [modelParameter]: [BY_ID] } },
		},
		{
			displayName: 'Resolution',
			name: 'resolution',
			type: 'options',
			default: DEFAULT_IMAGE_TIER,
			description:
				"Size tier: 1K is about one megapixel (1024×1024 for 1:1 on most models), 2K doubles each side. A tier the model lacks becomes its highest tier below, else its default; the model's pixel and side limits apply last (Fotor's SDK rules). Every change is listed in sizeAdjustments.",
			options: GENERIC_TIERS.map((tier) => ({ name: tier.toUpperCase(), value: tier })),
			displayOptions: { hide: { [modelParameter]: [BY_ID] } },
		},
		side('Width', 'width'),
		side('Height', 'height'),
	];
}

/** A number field as expressions may give it (numeric text is accepted). */
const asNumber = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

function readSide(context: IExecuteFunctions, itemIndex: number, name: string, field: string): number {
	const value = asNumber(context.getNodeParameter(name, itemIndex, 1024));
	const problem = explicitImageSideProblem(value);
	if (problem) throw invalidField(context, itemIndex, field, `it ${problem}`);
	return value as number;
}

/** Reads and checks the size fields in use for one item. */
export function readImageSizeRequest(context: IExecuteFunctions, itemIndex: number, byId: boolean): ImageSizeRequest {
	if (byId) return { width: readSide(context, itemIndex, 'width', 'Width'), height: readSide(context, itemIndex, 'height', 'Height') };
	return {
		aspectRatio: requireOption(context, itemIndex, 'aspectRatio', 'Aspect Ratio', IMAGE_ASPECT_RATIOS, DEFAULT_IMAGE_ASPECT_RATIO),
		tier: requireOption(context, itemIndex, 'resolution', 'Resolution', GENERIC_TIERS, DEFAULT_IMAGE_TIER),
	};
}

/**
 * The size to send to a model: pixels given by hand as they are, else Fotor's SDK rules for the
 * model (resolveImageSize), with every change from what was asked in `sizeAdjustments`.
 */
export function planImageSize(model: string, request: ImageSizeRequest): ImageSizePlan {
	if ('width' in request) {
		return { width: request.width, height: request.height, details: { width: request.width, height: request.height, sizeAdjustments: [] } };
	}
	const size = resolveImageSize(model, request.aspectRatio, request.tier);
	return {
		width: size.width,
		height: size.height,
		details: {
			width: size.width,
			height: size.height,
			aspectRatio: size.aspectRatio,
			resolution: size.tier,
			sizeAdjustments: size.adjustments,
		},
	};
}
