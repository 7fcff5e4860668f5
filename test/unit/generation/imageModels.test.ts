import {
	DEFAULT_IMAGE_ASPECT_RATIO,
	DEFAULT_IMAGE_MODEL,
	DEFAULT_IMAGE_TIER,
	GENERIC_TIERS,
	getImageModel,
	IMAGE_MODEL_FALLBACKS,
	IMAGE_MODEL_FAMILIES,
	IMAGE_MODEL_IDS,
	IMAGE_MODELS,
	imageFallbackModel,
	imageModelOptions,
} from '../../../nodes/Fotor/actions/generation/imageModels';
import { listAspectRatios, listTiers, tierNumber } from '../../../nodes/Fotor/actions/generation/imageSize';

/** The models of the SDK's table named in shared/fotor-api.md §8.1. */
const SECTION_8_1_MODELS = [
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
];

describe('image model table', () => {
	it('has one entry per model of the SDK table (the §8.1 list plus wan2.7-image and wan2.7-image-pro)', () => {
		expect(new Set(IMAGE_MODEL_IDS).size).toBe(IMAGE_MODEL_IDS.length);
		expect([...IMAGE_MODEL_IDS].sort()).toEqual([...SECTION_8_1_MODELS, 'wan2.7-image', 'wan2.7-image-pro'].sort());
	});

	it.each(IMAGE_MODELS.map((model) => [model.id, model] as const))('%s is consistent', (_id, model) => {
		expect(model.name.trim()).toBe(model.name);
		expect(model.name.length).toBeGreaterThan(0);
		expect(model.description.length).toBeGreaterThan(0);
		expect(IMAGE_MODEL_FAMILIES).toContain(model.family);

		// Tiers: "<n>k", lowest first, default among them.
		const ranks = model.tiers.map((tier) => tierNumber(tier));
		expect(ranks.every((rank) => rank !== undefined)).toBe(true);
		expect([...ranks].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(ranks);
		expect(model.tiers).toContain(model.defaultTier);

		// Every sized ratio is a listed ratio, sizes are positive integers near the ratio, and 1:1 is usable.
		for (const [ratio, [w, h]] of Object.entries(model.preferredSizes)) {
			expect(model.aspectRatios).toContain(ratio);
			expect(Number.isInteger(w) && Number.isInteger(h) && w > 0 && h > 0).toBe(true);
			const [a, b] = ratio.split(':').map(Number);
			expect(Math.abs(Math.log(w / h / (a / b)))).toBeLessThan(0.05);
		}
		expect(model.preferredSizes['1:1']).toBeDefined();
		expect(listAspectRatios(model.id)).toContain('1:1');

		if (model.referenceImages === 'none') expect(model.maxReferenceImages).toBeUndefined();
	});

	it('keeps the limits exactly as in the SDK file', () => {
		const limits = Object.fromEntries(IMAGE_MODELS.map((model) => [model.id, model.limits]));
		expect(limits['gpt-image-2']).toEqual({ maxLongSide: 4096, minShortSide: 64 });
		expect(limits['kontextdev']).toEqual({ maxLongSide: 4096, minShortSide: 512 });
		expect(limits['midjourney-v7']).toEqual({ maxLongSide: 4096, minShortSide: 512 });
		expect(limits['kling-image-o1']).toEqual({ maxLongSide: 4096, minShortSide: 300 });
		expect(limits['seedream-4-0-250828']).toEqual({ minPixels: 921600, maxPixels: 16777216 });
		expect(limits['seedream-4-5-251128']).toEqual({ minPixels: 3686400, maxPixels: 16777216 });
		expect(limits['seedream-5-0-260128']).toEqual({ minPixels: 3686400, maxPixels: 16777216 });
		expect(limits['wan2.5-t2i-preview']).toEqual({ maxLongSide: 2048, minShortSide: 512 });
		expect(limits['wan2.7-image']).toEqual({ maxLongSide: 2048, minShortSide: 768 });
		expect(limits['wan2.7-image-pro']).toEqual({ maxLongSide: 4096, minShortSide: 768 });
	});

	it('keeps the SDK tiers and defaults', () => {
		const tiers = (id: string) => [getImageModel(id)?.tiers, getImageModel(id)?.defaultTier];
		expect(tiers('gpt-image-2')).toEqual([['1k', '2k'], '1k']);
		expect(tiers('gpt-image-1-low')).toEqual([['1k'], '1k']);
		expect(tiers('gemini-3-pro-image-preview')).toEqual([['1k', '2k', '4k'], '2k']);
		expect(tiers('seedream-4-0-250828')).toEqual([['1k', '2k', '4k'], '2k']);
		expect(tiers('seedream-4-5-251128')).toEqual([['2k', '3k', '4k'], '2k']);
		expect(tiers('seedream-5-0-260128')).toEqual([['2k', '3k'], '2k']);
		expect(tiers('wan2.7-image-pro')).toEqual([['1k', '2k', '4k'], '1k']);
	});

	it('lists models grouped by family in the family order', () => {
		const familyIndexes = IMAGE_MODELS.map((model) => IMAGE_MODEL_FAMILIES.indexOf(model.family));
		expect([...familyIndexes].sort((a, b) => a - b)).toEqual(familyIndexes);
		expect(new Set(IMAGE_MODELS.map((model) => model.family))).toEqual(new Set(IMAGE_MODEL_FAMILIES));
	});

	it('gives dropdown options sorted by name, each family in one block', () => {
		const options = imageModelOptions();
		expect(options.map((option) => option.value).sort()).toEqual([...IMAGE_MODEL_IDS].sort());
		const names = options.map((option) => option.name);
		expect([...names].sort()).toEqual(names);
		const families = options.map((option) => getImageModel(option.value)?.family);
		const blocks = families.filter((family, i) => i === 0 || family !== families[i - 1]);
		expect(new Set(blocks).size).toBe(blocks.length);
	});

	it('marks text-only and edit-only models', () => {
		expect(getImageModel('wan2.5-i2i-preview')?.referenceImages).toBe('required');
		expect(getImageModel('wan2.5-t2i-preview')?.referenceImages).toBe('none');
		expect(getImageModel('gpt-image-1-mini')?.referenceImages).toBe('none');
		expect(getImageModel('midjourney-v7')?.maxReferenceImages).toBe(5);
	});

	it('finds a model by trimmed ID and nothing for an unknown ID', () => {
		expect(getImageModel(' gpt-image-2 ')?.name).toBe('GPT Image 2');
		expect(getImageModel('GPT-IMAGE-2')).toBeUndefined();
		expect(getImageModel('toString')).toBeUndefined();
		expect(listTiers('some-new-model')).toEqual([...GENERIC_TIERS]);
	});
});

describe('defaults and fallbacks', () => {
	it('uses the CLI defaults, which the default model supports', () => {
		expect([DEFAULT_IMAGE_MODEL, DEFAULT_IMAGE_ASPECT_RATIO, DEFAULT_IMAGE_TIER]).toEqual(['gpt-image-2', '1:1', '2k']);
		expect(listAspectRatios(DEFAULT_IMAGE_MODEL)).toContain(DEFAULT_IMAGE_ASPECT_RATIO);
		expect(listTiers(DEFAULT_IMAGE_MODEL)).toContain(DEFAULT_IMAGE_TIER);
	});

	it('has the CLI fallback table, and every model in it exists', () => {
		for (const task of ['text2image', 'image2image'] as const) {
			expect(IMAGE_MODEL_FALLBACKS[task]).toEqual({
				'gemini-3.1-flash-image-preview': 'seedream-5-0-260128',
				'gpt-image-2': 'gemini-3.1-flash-image-preview',
			});
			for (const [from, to] of Object.entries(IMAGE_MODEL_FALLBACKS[task])) {
				expect(getImageModel(from)).toBeDefined();
				expect(getImageModel(to)).toBeDefined();
				expect(to).not.toBe(from);
			}
		}
	});

	it('looks a fallback up by model', () => {
		expect(imageFallbackModel('gpt-image-2', 'text2image')).toBe('gemini-3.1-flash-image-preview');
		expect(imageFallbackModel('gemini-3.1-flash-image-preview', 'image2image')).toBe('seedream-5-0-260128');
		expect(imageFallbackModel('seedream-5-0-260128', 'text2image')).toBeUndefined();
		expect(imageFallbackModel('constructor', 'text2image')).toBeUndefined();
	});
});
