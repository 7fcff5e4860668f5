/**
 * Width × height for `POST /v1/aiart/imagegeneration/{modelId}` from a model, an aspect ratio and a
 * resolution tier. Pure: no n8n imports, no I/O.
 *
 * Reproduces `_resolve_image_size` of Fotor's Python SDK (github.com/fotor-ai/fotor-sdk @ b85b88a,
 * `src/fotor_sdk/tasks.py`; [FOTOR-CODE], not published docs), written anew from its behaviour:
 * 1. A ratio the model does not list becomes 1:1; so does a listed ratio that has no 1k size
 *    (4:5 and 5:4 of Seedream and Kling Image O1).
 * 2. A tier the model does not list becomes the highest listed tier below it, else the model's default.
 * 3. The 1k size of the ratio × the tier number ("2k" doubles each side). No rounding to multiples
 *    of 8, 16 or 64: the SDK sends these integers as they are.
 * 4. Limits, in the SDK's order: min pixels (grow to the exact ratio, rounding up), max pixels
 *    (shrink to the exact ratio, rounding down), max long side (scale both sides, rounding down).
 * 5. Then min short side, which the SDK table has but the SDK does not apply (added here; it only
 *    changes Wan 2.7 at 1k for 16:9, 9:16 and 21:9, e.g. 1280×720 → 1366×768).
 * Every change from what was asked is described in `adjustments`.
 *
 * Differences from the SDK on input it would treat oddly (all recorded in `adjustments`): "auto" or
 * any tier that is not "<n>k" falls back like an unsupported tier (the SDK raises for "auto"); for a
 * model ID not in the table, a ratio that is not W:H within 1:4 … 4:1 becomes 1:1 (the SDK starts
 * from 1920×1920) and tiers stop at 4k (the SDK multiplies by any n).
 */

import {
	GENERIC_BASE_PIXELS,
	GENERIC_BASE_SIZES,
	GENERIC_TIERS,
	getImageModel,
	type ImageModel,
	type ImageSizeLimits,
	type ImageTier,
} from './imageModels';

export interface ResolvedImageSize {
	readonly width: number;
	readonly height: number;
	/** The ratio the size was computed for (1:1 when the one asked for was not usable). */
	readonly aspectRatio: string;
	/** The tier used, lower case ("2k"). */
	readonly tier: ImageTier;
	/** One sentence per change from what was asked (ratio, tier, a limit); empty when none. */
	readonly adjustments: string[];
}

/** Most extreme W:H ratio accepted for a model ID not in the table (either way round). */
export const GENERIC_MAX_RATIO = 4;

/** Bounds of explicitImageSize (each side, inclusive). */
export const EXPLICIT_SIZE_MIN = 64;
export const EXPLICIT_SIZE_MAX = 8192;

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/** "16:9" → [16, 9]; undefined unless two positive integers separated by a colon. */
export function parseAspectRatio(ratio: string): [number, number] | undefined {
	const match = /^(\d+):(\d+)$/.exec(ratio.trim());
	if (!match) return undefined;
	const a = Number(match[1]);
	const b = Number(match[2]);
	return a > 0 && b > 0 && Number.isSafeInteger(a) && Number.isSafeInteger(b) ? [a, b] : undefined;
}

/** "2k" → 2; undefined unless "<positive integer>k" (case and surrounding spaces ignored). */
export function tierNumber(tier: string): number | undefined {
	const match = /^(\d+)k$/.exec(tier.trim().toLowerCase());
	if (!match) return undefined;
	const n = Number(match[1]);
	return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}

// ---------------------------------------------------------------------------------------------
// Options per model
// ---------------------------------------------------------------------------------------------

/** Ratios that really give their own size: the listed ones that have a 1k size. */
function usableRatios(model: ImageModel): string[] {
	const sized = Object.keys(model.preferredSizes);
	if (sized.length === 0) return [...model.aspectRatios];
	return model.aspectRatios.filter((ratio) => sized.includes(ratio));
}

/**
 * Aspect ratios to offer for a model, in the SDK's order. For a model ID not in the table: the
 * ratios of the SDK's generic size table (any other W:H within 1:4 … 4:1 also works).
 */
export function listAspectRatios(modelId: string): string[] {
	const model = getImageModel(modelId);
	return model ? usableRatios(model) : Object.keys(GENERIC_BASE_SIZES);
}

/** Resolution tiers to offer for a model, lowest first. */
export function listTiers(modelId: string): ImageTier[] {
	const model = getImageModel(modelId);
	return [...(model ? model.tiers : GENERIC_TIERS)];
}

/** A short text of what a model accepts, for a field description or an error hint. */
export function describeImageOptions(modelId: string): string {
	const model = getImageModel(modelId);
	if (!model) {
		return (
			`Model "${modelId.trim()}" is not in the built-in list: any W:H aspect ratio from 1:${GENERIC_MAX_RATIO} to ` +
			`${GENERIC_MAX_RATIO}:1 (1k sizes from the SDK's generic table), resolutions ${GENERIC_TIERS.join(', ')}; ` +
			'no size limits are known, so Fotor may refuse some sizes.'
		);
	}
	const parts = [
		`aspect ratios ${usableRatios(model).join(', ')}`,
		`resolutions ${model.tiers.join(', ')} (default ${model.defaultTier})`,
	];
	const limits = describeLimits(model.limits);
	if (limits) parts.push(limits);
	return `${model.name}: ${parts.join('; ')}.`;
}

function describeLimits(limits: ImageSizeLimits): string {
	const parts: string[] = [];
	if (limits.minPixels && limits.maxPixels) {
		parts.push(`${formatInt(limits.minPixels)} to ${formatInt(limits.maxPixels)} pixels`);
	} else if (limits.minPixels) {
		parts.push(`at least ${formatInt(limits.minPixels)} pixels`);
	} else if (limits.maxPixels) {
		parts.push(`at most ${formatInt(limits.maxPixels)} pixels`);
	}
	if (limits.maxLongSide) parts.push(`long side at most ${limits.maxLongSide} px`);
	if (limits.minShortSide) parts.push(`short side at least ${limits.minShortSide} px`);
	return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------------------------

/**
 * The size to send for a model, aspect ratio and tier (see the file header for the algorithm).
 * Never throws: anything unusable falls back, and the fallback is described in `adjustments`.
 */
export function resolveImageSize(modelId: string, aspectRatio: string, tier: string): ResolvedImageSize {
	const model = getImageModel(modelId);
	return model ? resolveForModel(model, aspectRatio, tier) : resolveGeneric(modelId.trim(), aspectRatio, tier);
}

function resolveForModel(model: ImageModel, aspectRatio: string, tier: string): ResolvedImageSize {
	const adjustments: string[] = [];

	const asked = aspectRatio.trim();
	let ratio = asked;
	if (model.aspectRatios.length > 0 && !model.aspectRatios.includes(ratio)) {
		ratio = '1:1';
		adjustments.push(
			`${model.name} does not support aspect ratio ${quoteIfOdd(asked)}; used 1:1 (supported: ${usableRatios(model).join(', ')}).`,
		);
	}
	const hasSizes = Object.keys(model.preferredSizes).length > 0;
	if (hasSizes && ratio !== '1:1' && !ownSize(model.preferredSizes, ratio)) {
		adjustments.push(`${model.name} has no size for aspect ratio ${ratio}; used 1:1.`);
		ratio = '1:1';
	}

	const usedTier = chooseTier(tier, model.tiers, model.defaultTier, model.name, adjustments);
	const multiplier = tierNumber(usedTier) ?? 1;

	const base = hasSizes
		? (ownSize(model.preferredSizes, ratio) ?? ownSize(model.preferredSizes, '1:1') ?? [1024, 1024])
		: genericBaseSize(ratio);
	let width = base[0] * multiplier;
	let height = base[1] * multiplier;
	[width, height] = applyLimits(width, height, ratio, model.limits, model.name, adjustments);

	return { width, height, aspectRatio: ratio, tier: usedTier, adjustments };
}

function resolveGeneric(modelId: string, aspectRatio: string, tier: string): ResolvedImageSize {
	const adjustments: string[] = [];
	const label = `Model "${modelId}"`;

	const asked = aspectRatio.trim();
	let ratio = asked;
	const parsed = parseAspectRatio(ratio);
	if (
		!ownSize(GENERIC_BASE_SIZES, ratio) &&
		(!parsed || Math.max(parsed[0] / parsed[1], parsed[1] / parsed[0]) > GENERIC_MAX_RATIO)
	) {
		ratio = '1:1';
		adjustments.push(
			`${label} is not in the built-in list and ${quoteIfOdd(asked)} is not a W:H aspect ratio from ` +
				`1:${GENERIC_MAX_RATIO} to ${GENERIC_MAX_RATIO}:1; used 1:1.`,
		);
	}
	const usedTier = chooseTier(tier, GENERIC_TIERS, GENERIC_TIERS[0], label, adjustments);
	const multiplier = tierNumber(usedTier) ?? 1;
	const base = genericBaseSize(ratio);
	return { width: base[0] * multiplier, height: base[1] * multiplier, aspectRatio: ratio, tier: usedTier, adjustments };
}

/** The SDK's `_choose_supported_resolution`, recording the change. */
function chooseTier(
	requested: string,
	supported: readonly ImageTier[],
	fallback: ImageTier,
	label: string,
	adjustments: string[],
): ImageTier {
	const normalized = requested.trim().toLowerCase();
	if (supported.includes(normalized)) return normalized;

	const list = supported.join(', ');
	const rank = tierNumber(normalized);
	if (rank !== undefined) {
		let best: ImageTier | undefined;
		let bestRank = 0;
		for (const candidate of supported) {
			const candidateRank = tierNumber(candidate);
			if (candidateRank !== undefined && candidateRank <= rank && candidateRank > bestRank) {
				best = candidate;
				bestRank = candidateRank;
			}
		}
		if (best !== undefined) {
			adjustments.push(
				`${label} does not support resolution ${normalized}; used ${best}, the highest below it (supported: ${list}).`,
			);
			return best;
		}
	}
	const used = supported.includes(fallback) ? fallback : supported[0];
	adjustments.push(
		`${label} does not support resolution ${quoteIfOdd(requested.trim())}; used its default ${used} (supported: ${list}).`,
	);
	return used;
}

/** 1k size for a ratio without a model size: the SDK's generic table, else `GENERIC_BASE_PIXELS` at that ratio. */
function genericBaseSize(ratio: string): readonly [number, number] {
	const known = ownSize(GENERIC_BASE_SIZES, ratio);
	if (known) return known;
	const parsed = parseAspectRatio(ratio);
	if (!parsed) return [1024, 1024];
	const [a, b] = parsed;
	const height = Math.ceil(Math.sqrt((GENERIC_BASE_PIXELS * b) / a));
	const width = Math.ceil((height * a) / b);
	return [width, height];
}

/** A size-table entry, ignoring inherited keys ("constructor", "__proto__"). */
function ownSize(
	table: Readonly<Record<string, readonly [number, number]>>,
	ratio: string,
): readonly [number, number] | undefined {
	return Object.prototype.hasOwnProperty.call(table, ratio) ? table[ratio] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Limits (the SDK's `_apply_image_limits`, then min short side)
// ---------------------------------------------------------------------------------------------

/**
 * Fits a size into limits the way resolveImageSize does (step 4 and 5 of the file header), e.g. for
 * a model whose limits come from elsewhere. `aspectRatio` ("W:H") is the ratio the pixel limits keep.
 */
export function fitImageLimits(
	width: number,
	height: number,
	aspectRatio: string,
	limits: ImageSizeLimits,
	modelName = 'The model',
): { width: number; height: number; adjustments: string[] } {
	const adjustments: string[] = [];
	const [w, h] = applyLimits(width, height, aspectRatio.trim(), limits, modelName, adjustments);
	return { width: w, height: h, adjustments };
}

function applyLimits(
	width: number,
	height: number,
	ratio: string,
	limits: ImageSizeLimits,
	name: string,
	adjustments: string[],
): [number, number] {
	const { minPixels, maxPixels, maxLongSide, minShortSide } = limits;
	let w = width;
	let h = height;
	const parsed = parseAspectRatio(ratio) ?? [w, h];

	if (minPixels && w * h < minPixels) {
		const [w2, h2] = growToPixels(parsed, minPixels);
		adjustments.push(`Raised ${w}×${h} to ${w2}×${h2} to meet ${name}'s minimum of ${formatInt(minPixels)} pixels.`);
		[w, h] = [w2, h2];
	}
	if (maxPixels && w * h > maxPixels) {
		const [w2, h2] = shrinkToPixels(parsed, maxPixels);
		adjustments.push(`Reduced ${w}×${h} to ${w2}×${h2} to fit ${name}'s maximum of ${formatInt(maxPixels)} pixels.`);
		[w, h] = [w2, h2];
	}
	if (maxLongSide && Math.max(w, h) > maxLongSide) {
		const scale = maxLongSide / Math.max(w, h);
		const w2 = Math.max(1, Math.floor(w * scale));
		const h2 = Math.max(1, Math.floor(h * scale));
		adjustments.push(`Reduced ${w}×${h} to ${w2}×${h2} to fit ${name}'s maximum long side of ${maxLongSide} px.`);
		[w, h] = [w2, h2];
	}
	if (minShortSide && Math.min(w, h) < minShortSide) {
		const short = Math.min(w, h);
		let long = Math.ceil((Math.max(w, h) * minShortSide) / short);
		if (maxLongSide && long > maxLongSide) long = maxLongSide;
		const [w2, h2] = w >= h ? [long, minShortSide] : [minShortSide, long];
		adjustments.push(`Raised ${w}×${h} to ${w2}×${h2} to meet ${name}'s minimum short side of ${minShortSide} px.`);
		[w, h] = [w2, h2];
	}
	return [w, h];
}

/** Smallest size at ratio a:b with at least `pixels` pixels (SDK `_size_for_min_pixels`). */
function growToPixels([a, b]: readonly [number, number], pixels: number): [number, number] {
	let h = Math.max(1, Math.ceil(Math.sqrt((pixels * b) / a)));
	let w = Math.max(1, Math.ceil((h * a) / b));
	while (w * h < pixels) {
		if (w / h < a / b) w += 1;
		else h += 1;
	}
	return [w, h];
}

/** Largest size at ratio a:b with at most `pixels` pixels (SDK `_size_for_max_pixels`). */
function shrinkToPixels([a, b]: readonly [number, number], pixels: number): [number, number] {
	let h = Math.max(1, Math.floor(Math.sqrt((pixels * b) / a)));
	let w = Math.max(1, Math.floor((h * a) / b));
	while (w * h > pixels) {
		if (w >= h) w -= 1;
		else h -= 1;
	}
	return [w, h];
}

// ---------------------------------------------------------------------------------------------
// Explicit sizes (custom model IDs)
// ---------------------------------------------------------------------------------------------

/**
 * Checks a width and height entered by hand (for a model ID whose limits are unknown): each a whole
 * number of pixels from EXPLICIT_SIZE_MIN to EXPLICIT_SIZE_MAX. Returns the problem, or undefined.
 */
export function explicitImageSize(width: unknown, height: unknown): string | undefined {
	const problem = (label: string, value: unknown) => {
		const found = explicitImageSideProblem(value);
		return found && `${label} ${found}`;
	};
	return problem('Width', width) ?? problem('Height', height);
}

/** The problem with one side entered by hand ("must be a whole number … got 63."), or undefined. */
export function explicitImageSideProblem(value: unknown): string | undefined {
	const ok =
		typeof value === 'number' && Number.isInteger(value) && value >= EXPLICIT_SIZE_MIN && value <= EXPLICIT_SIZE_MAX;
	if (ok) return undefined;
	const shown = typeof value === 'number' || typeof value === 'string' ? String(value) : typeof value;
	return `must be a whole number of pixels from ${EXPLICIT_SIZE_MIN} to ${EXPLICIT_SIZE_MAX}; got ${shown || 'nothing'}.`;
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/** 16777216 → "16,777,216" (fixed format, independent of the locale). */
function formatInt(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Shows empty or odd input visibly in a message. */
function quoteIfOdd(value: string): string {
	return /^[\w.:]+$/.test(value) ? value : `"${value}"`;
}
