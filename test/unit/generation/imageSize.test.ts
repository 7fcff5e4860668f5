import { getImageModel, IMAGE_MODELS } from '../../../nodes/Fotor/actions/generation/imageModels';
import {
	describeImageOptions,
	explicitImageSize,
	fitImageLimits,
	listAspectRatios,
	listTiers,
	parseAspectRatio,
	resolveImageSize,
	tierNumber,
} from '../../../nodes/Fotor/actions/generation/imageSize';
import { SDK_SIZES, SDK_TIERS } from './sdkSizes.fixture';

/** |log(actual ratio / asked ratio)|: 0.05 is about 5 %. The SDK's own 1k sizes are up to 4.9 % off (Kling 21:9). */
const RATIO_TOLERANCE = 0.05;

function ratioError(width: number, height: number, ratio: string): number {
	const [a, b] = parseAspectRatio(ratio) ?? [NaN, NaN];
	return Math.abs(Math.log(width / height / (a / b)));
}

const EVERY_LISTED_COMBINATION = IMAGE_MODELS.flatMap((model) =>
	listAspectRatios(model.id).flatMap((ratio) => listTiers(model.id).map((tier) => [model.id, ratio, tier] as const)),
);

describe('resolveImageSize: every model, every listed ratio and tier', () => {
	it('covers every model', () => {
		expect(new Set(EVERY_LISTED_COMBINATION.map(([id]) => id)).size).toBe(IMAGE_MODELS.length);
	});

	it.each(EVERY_LISTED_COMBINATION)('%s %s %s obeys the model limits', (id, ratio, tier) => {
		const { limits } = getImageModel(id)!;
		const size = resolveImageSize(id, ratio, tier);
		const { width, height } = size;

		expect(Number.isInteger(width) && Number.isInteger(height)).toBe(true);
		expect(width).toBeGreaterThan(0);
		expect(height).toBeGreaterThan(0);
		if (limits.minPixels) expect(width * height).toBeGreaterThanOrEqual(limits.minPixels);
		if (limits.maxPixels) expect(width * height).toBeLessThanOrEqual(limits.maxPixels);
		if (limits.maxLongSide) expect(Math.max(width, height)).toBeLessThanOrEqual(limits.maxLongSide);
		if (limits.minShortSide) expect(Math.min(width, height)).toBeGreaterThanOrEqual(limits.minShortSide);

		// A listed ratio and tier are used as asked, and the size keeps the ratio.
		expect(size.aspectRatio).toBe(ratio);
		expect(size.tier).toBe(tier);
		expect(ratioError(width, height, ratio)).toBeLessThan(RATIO_TOLERANCE);
		// Only a limit can change a listed combination, and then the message says which.
		for (const message of size.adjustments) expect(message).toMatch(/^(Raised|Reduced) \d+×\d+ to \d+×\d+ to /);
	});

	it('changes a listed combination only where a limit applies', () => {
		const adjusted = EVERY_LISTED_COMBINATION.filter(
			([id, ratio, tier]) => resolveImageSize(id, ratio, tier).adjustments.length > 0,
		).map((combination) => combination.join(' '));
		const gemini4k = ['2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9']; // 1:1 4k is exactly 4096×4096
		const wanNonSquare = ['2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'];
		const wide = ['9:16', '16:9', '21:9'];
		expect(adjusted.sort()).toEqual(
			[
				// max long side 4096
				...gemini4k.map((ratio) => `gemini-3-pro-image-preview ${ratio} 4k`),
				...gemini4k.map((ratio) => `gemini-3.1-flash-image-preview ${ratio} 4k`),
				...wanNonSquare.map((ratio) => `wan2.7-image-pro ${ratio} 4k`),
				// max long side 2048
				...wanNonSquare.map((ratio) => `wan2.7-image ${ratio} 2k`),
				// max pixels 16,777,216
				'seedream-4-0-250828 21:9 4k',
				...wide.map((ratio) => `seedream-4-5-251128 ${ratio} 4k`),
				// min short side 768 (not applied by the SDK)
				...wide.map((ratio) => `wan2.7-image ${ratio} 1k`),
				...wide.map((ratio) => `wan2.7-image-pro ${ratio} 1k`),
			].sort(),
		);
	});
});

describe('resolveImageSize: sizes derived by hand from the SDK', () => {
	it.each([
		// gpt-image-2: 1k size × tier, nothing to limit.
		['gpt-image-2', '1:1', '1k', 1024, 1024],
		['gpt-image-2', '1:1', '2k', 2048, 2048],
		['gpt-image-2', '21:9', '1k', 1568, 672],
		['gpt-image-2', '16:9', '2k', 2784, 1504],
		// Gemini 3 Pro at its default tier (2k): 1376×768 doubled.
		['gemini-3-pro-image-preview', '16:9', '2k', 2752, 1536],
		['gemini-3-pro-image-preview', '1:1', '2k', 2048, 2048],
		// 1584×672 × 4 = 6336×2688 → long side 4096: 2688 × 4096/6336 = 1737.7, rounded down.
		['gemini-3-pro-image-preview', '21:9', '4k', 4096, 1737],
		// Seedream 4.5 16:9 2k: 1424×800 × 2 = 2848×1600 = 4,556,800 px, inside 3,686,400 … 16,777,216.
		['seedream-4-5-251128', '16:9', '2k', 2848, 1600],
		// Seedream 4.5 16:9 4k: 5696×3200 is too many pixels → h = ⌊√(16777216·9/16)⌋ = 3072, w = ⌊3072·16/9⌋ = 5461.
		['seedream-4-5-251128', '16:9', '4k', 5461, 3072],
		// Seedream 4.0 21:9 4k: 6272×2688 → h = ⌊√(16777216·9/21)⌋ = 2681, w = ⌊2681·21/9⌋ = 6255.
		['seedream-4-0-250828', '21:9', '4k', 6255, 2681],
		['seedream-4-0-250828', '1:1', '4k', 4096, 4096],
		// Seedream 5.0 3k: 1424×800 × 3.
		['seedream-5-0-260128', '16:9', '3k', 4272, 2400],
		// Kling's 1k square is 1280.
		['kling-image-o1', '1:1', '2k', 2560, 2560],
		// Wan 2.7 Image 21:9 2k: 2688×1152 → long side 2048: 1152 × 2048/2688 = 877.7 → 877.
		['wan2.7-image', '21:9', '2k', 2048, 877],
	])('%s %s %s → %i×%i', (id, ratio, tier, width, height) => {
		const size = resolveImageSize(id, ratio, tier);
		expect([size.width, size.height]).toEqual([width, height]);
		expect([size.aspectRatio, size.tier]).toEqual([ratio, tier]);
	});

	it('applies min pixels like the SDK (its own test: Seedream 16:9 at 1k → 2560×1440)', () => {
		const limits = getImageModel('seedream-4-5-251128')!.limits;
		const fitted = fitImageLimits(1424, 800, '16:9', limits, 'Seedream 4.5');
		expect([fitted.width, fitted.height]).toEqual([2560, 1440]);
		expect(fitted.adjustments).toEqual([
			"Raised 1424×800 to 2560×1440 to meet Seedream 4.5's minimum of 3,686,400 pixels.",
		]);
		// No change, no message.
		expect(fitImageLimits(2048, 2048, '1:1', limits)).toEqual({ width: 2048, height: 2048, adjustments: [] });
	});

	it('applies the min short side the SDK skips (Wan 2.7 at 1k), keeping the ratio and the long-side limit', () => {
		const size = resolveImageSize('wan2.7-image', '21:9', '1k');
		expect([size.width, size.height]).toEqual([1792, 768]);
		expect(size.adjustments).toEqual([
			"Raised 1344×576 to 1792×768 to meet Wan 2.7 Image's minimum short side of 768 px.",
		]);
		expect(resolveImageSize('wan2.7-image', '16:9', '1k')).toMatchObject({ width: 1366, height: 768 });
		expect(resolveImageSize('wan2.7-image-pro', '9:16', '1k')).toMatchObject({ width: 768, height: 1366 });
		// Both limits at once cannot keep the ratio: the long side wins its limit.
		expect(fitImageLimits(2000, 100, '20:1', { maxLongSide: 2048, minShortSide: 768 })).toMatchObject({
			width: 2048,
			height: 768,
		});
	});
});

describe('resolveImageSize: fallbacks', () => {
	it('uses 1:1 for a ratio the model does not support, and says so', () => {
		const size = resolveImageSize('gpt-image-1-low', '16:9', '1k');
		expect(size).toEqual({
			width: 1024,
			height: 1024,
			aspectRatio: '1:1',
			tier: '1k',
			adjustments: ['GPT Image 1 (Low) does not support aspect ratio 16:9; used 1:1 (supported: 1:1, 2:3, 3:2).'],
		});
	});

	it('uses 1:1 for a ratio the model lists but has no size for (Seedream and Kling 4:5, 5:4)', () => {
		const size = resolveImageSize('seedream-4-5-251128', '4:5', '2k');
		expect(size).toMatchObject({ width: 2048, height: 2048, aspectRatio: '1:1', tier: '2k' });
		expect(size.adjustments).toEqual(['Seedream 4.5 has no size for aspect ratio 4:5; used 1:1.']);
		expect(listAspectRatios('seedream-4-5-251128')).not.toContain('4:5');
		expect(listAspectRatios('kling-image-o1')).not.toContain('5:4');
		expect(resolveImageSize('kling-image-o1', '5:4', '1k')).toMatchObject({
			width: 1280,
			height: 1280,
			aspectRatio: '1:1',
		});
	});

	it('uses the highest supported tier below an unsupported one', () => {
		const size = resolveImageSize('gpt-image-2', '1:1', '4k');
		expect(size).toMatchObject({ width: 2048, height: 2048, tier: '2k' });
		expect(size.adjustments).toEqual([
			'GPT Image 2 does not support resolution 4k; used 2k, the highest below it (supported: 1k, 2k).',
		]);
		expect(resolveImageSize('seedream-5-0-260128', '16:9', '4k')).toMatchObject({
			width: 4272,
			height: 2400,
			tier: '3k',
		});
		expect(resolveImageSize('gemini-3-pro-image-preview', '1:1', '3k')).toMatchObject({ width: 2048, tier: '2k' });
	});

	it('uses the model default when no supported tier is lower, or the tier is not "<n>k"', () => {
		const size = resolveImageSize('seedream-4-5-251128', '1:1', '1k');
		expect(size).toMatchObject({ width: 2048, height: 2048, tier: '2k' });
		expect(size.adjustments).toEqual([
			'Seedream 4.5 does not support resolution 1k; used its default 2k (supported: 2k, 3k, 4k).',
		]);
		expect(resolveImageSize('gemini-3-pro-image-preview', '1:1', 'auto')).toMatchObject({ tier: '2k', width: 2048 });
		expect(resolveImageSize('gpt-image-2', '1:1', '').adjustments[0]).toBe(
			'GPT Image 2 does not support resolution ""; used its default 1k (supported: 1k, 2k).',
		);
	});

	it('accepts case and spaces like the SDK (tier lower-cased, both trimmed)', () => {
		expect(resolveImageSize(' gpt-image-2 ', ' 16:9 ', ' 2K ')).toEqual({
			width: 2784,
			height: 1504,
			aspectRatio: '16:9',
			tier: '2k',
			adjustments: [],
		});
	});

	it('records both changes when ratio and tier fall back', () => {
		const size = resolveImageSize('wan2.5-t2i-preview', '9:21', '2k');
		expect(size).toMatchObject({ width: 1024, height: 1024, aspectRatio: '1:1', tier: '1k' });
		expect(size.adjustments).toHaveLength(2);
	});
});

describe('resolveImageSize: a model ID not in the table', () => {
	it('uses the SDK generic table and pixel budget, with no limits (SDK tests: 16:9 1392×752, 7:5 1213×866)', () => {
		expect(resolveImageSize('my-model', '1:1', '1k')).toEqual({
			width: 1024,
			height: 1024,
			aspectRatio: '1:1',
			tier: '1k',
			adjustments: [],
		});
		expect(resolveImageSize('my-model', '16:9', '1k')).toMatchObject({ width: 1392, height: 752 });
		expect(resolveImageSize('my-model', '7:5', '1k')).toMatchObject({ width: 1213, height: 866 });
		expect(resolveImageSize('my-model', '21:9', '4k')).toMatchObject({ width: 6272, height: 2688 });
	});

	it('falls back to 1:1 for a ratio that is not W:H within 1:4 … 4:1, and stops at 4k', () => {
		const odd = resolveImageSize('my-model', 'auto', '2k');
		expect(odd).toMatchObject({ width: 2048, height: 2048, aspectRatio: '1:1' });
		expect(odd.adjustments).toEqual([
			'Model "my-model" is not in the built-in list and auto is not a W:H aspect ratio from 1:4 to 4:1; used 1:1.',
		]);
		expect(resolveImageSize('my-model', '5:1', '1k').aspectRatio).toBe('1:1');
		expect(resolveImageSize('my-model', '4:1', '4k')).toMatchObject({ width: 8192, height: 2048 });
		expect(resolveImageSize('my-model', '1:1', '8k')).toMatchObject({ tier: '4k', width: 4096 });
		expect(resolveImageSize('my-model', '1:1', '1080p')).toMatchObject({ tier: '1k', width: 1024 });
		for (const inherited of ['constructor', '__proto__', 'toString']) {
			expect(resolveImageSize('my-model', inherited, '1k')).toMatchObject({
				width: 1024,
				height: 1024,
				aspectRatio: '1:1',
			});
			expect(resolveImageSize('gpt-image-2', inherited, '1k')).toMatchObject({
				width: 1024,
				height: 1024,
				aspectRatio: '1:1',
			});
		}
	});

	it('never gives a side outside the explicit-size bounds', () => {
		for (const ratio of ['1:4', '4:1', '1:1', '21:9', '9:21', '3:1']) {
			for (const tier of listTiers('my-model')) {
				const { width, height } = resolveImageSize('my-model', ratio, tier);
				expect(explicitImageSize(width, height)).toBeUndefined();
			}
		}
	});
});

describe('resolveImageSize matches the SDK output (sdkSizes.fixture.ts)', () => {
	const cases = SDK_SIZES.flatMap(([id, ratio, sizes]) =>
		sizes.map((size, i) => [id, ratio, SDK_TIERS[i], size[0], size[1]] as const),
	);

	it('has the whole fixture', () => {
		expect(cases.length).toBe(1386);
	});

	it('gives the same size for every case, except a short side the SDK leaves below the model minimum', () => {
		const mismatches: string[] = [];
		let raisedShortSides = 0;
		for (const [id, ratio, tier, width, height] of cases) {
			const size = resolveImageSize(id, ratio, tier);
			const minShortSide = getImageModel(id)?.limits.minShortSide ?? 0;
			if (Math.min(width, height) >= minShortSide) {
				if (size.width !== width || size.height !== height) {
					mismatches.push(`${id} ${ratio} ${tier}: SDK ${width}×${height}, here ${size.width}×${size.height}`);
				}
			} else {
				// The one intended difference: raised to the minimum short side, and said so.
				raisedShortSides += 1;
				const ok =
					Math.min(size.width, size.height) === minShortSide &&
					size.adjustments.some((message) => message.includes('minimum short side'));
				if (!ok) mismatches.push(`${id} ${ratio} ${tier}: short side not raised (${size.width}×${size.height})`);
			}
		}
		expect(mismatches).toEqual([]);
		// Only Wan 2.7 Image and Image Pro at 1k, for 9:16, 16:9 and 21:9.
		expect(raisedShortSides).toBe(6);
	});
});

describe('options and descriptions', () => {
	it('lists ratios in the SDK order and tiers lowest first', () => {
		expect(listAspectRatios('gpt-image-2')).toEqual([
			'1:1',
			'2:3',
			'3:2',
			'3:4',
			'4:3',
			'4:5',
			'5:4',
			'9:16',
			'16:9',
			'21:9',
			'9:21',
		]);
		expect(listAspectRatios('seedream-4-0-250828')).toEqual([
			'1:1',
			'2:3',
			'3:2',
			'3:4',
			'4:3',
			'9:16',
			'16:9',
			'21:9',
		]);
		expect(listTiers('seedream-4-5-251128')).toEqual(['2k', '3k', '4k']);
		// Copies: changing them does not change the table.
		listTiers('gpt-image-2').push('8k');
		expect(listTiers('gpt-image-2')).toEqual(['1k', '2k']);
		expect(listAspectRatios('my-model')).toEqual(['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9']);
	});

	it('describes what a model accepts', () => {
		expect(describeImageOptions('gpt-image-2')).toBe(
			'GPT Image 2: aspect ratios 1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9, 9:21; resolutions 1k, 2k (default 1k); ' +
				'long side at most 4096 px, short side at least 64 px.',
		);
		expect(describeImageOptions('seedream-4-5-251128')).toBe(
			'Seedream 4.5: aspect ratios 1:1, 2:3, 3:2, 3:4, 4:3, 9:16, 16:9, 21:9; resolutions 2k, 3k, 4k (default 2k); ' +
				'3,686,400 to 16,777,216 pixels.',
		);
		expect(describeImageOptions('my-model')).toMatch(/^Model "my-model" is not in the built-in list/);
	});

	it('parses ratios and tiers', () => {
		expect(parseAspectRatio('16:9')).toEqual([16, 9]);
		for (const bad of ['auto', '0:1', '1:0', '1.5:1', '16/9', '', '1:2:3'])
			expect(parseAspectRatio(bad)).toBeUndefined();
		expect(tierNumber('2K')).toBe(2);
		for (const bad of ['auto', '0k', 'k', '1.5k', '1080p', '']) expect(tierNumber(bad)).toBeUndefined();
	});
});

describe('explicitImageSize', () => {
	it('accepts whole numbers from 64 to 8192', () => {
		expect(explicitImageSize(64, 8192)).toBeUndefined();
		expect(explicitImageSize(1024, 768)).toBeUndefined();
	});

	it('names the first bad side and what was given', () => {
		expect(explicitImageSize(63, 1024)).toBe('Width must be a whole number of pixels from 64 to 8192; got 63.');
		expect(explicitImageSize(1024, 8193)).toBe('Height must be a whole number of pixels from 64 to 8192; got 8193.');
		expect(explicitImageSize(1024.5, 1024)).toMatch(/^Width .* got 1024\.5\.$/);
		expect(explicitImageSize(Number.NaN, 1024)).toMatch(/got NaN\.$/);
		expect(explicitImageSize('1024', 1024)).toMatch(/^Width .* got 1024\.$/);
		expect(explicitImageSize(1024, undefined)).toMatch(/^Height .* got undefined\.$/);
		expect(explicitImageSize(1024, '')).toMatch(/got nothing\.$/);
	});
});
