import {
	DEFAULT_VIDEO_ASPECT_RATIO,
	DEFAULT_VIDEO_DURATION,
	DEFAULT_VIDEO_MODEL,
	DEFAULT_VIDEO_RESOLUTION,
	EXAMPLE_VIDEO_RESOLUTION,
	getVideoModel,
	VIDEO_ASPECT_RATIOS,
	VIDEO_DURATION_RANGE,
	VIDEO_MODE_INFO,
	VIDEO_MODELS,
	VIDEO_MODES,
	VIDEO_RESOLUTIONS,
	modelDefaultResolution,
	videoFallbackModel,
	videoImageCountProblem,
	videoModelOptions,
} from '../../../nodes/Fotor/actions/generation/videoModels';

describe('video models and modes', () => {
	it('has the six models the SDK uses, each once', () => {
		expect(VIDEO_MODELS.map((model) => model.id).sort()).toEqual([
			'doubao-seedance-2-0-260128',
			'kling-v3',
			'kling-v3-omni',
			'kling-video-o1',
			'seedance-1-5-pro-251215',
			'viduq2-turbo',
		]);
	});

	it('keys every mode by its own path segment', () => {
		expect(Object.keys(VIDEO_MODE_INFO).sort()).toEqual([...VIDEO_MODES].sort());
		for (const mode of VIDEO_MODES) expect(VIDEO_MODE_INFO[mode].mode).toBe(mode);
	});

	it.each([...VIDEO_MODES])('%s: models and fallbacks exist and agree with each model entry', (mode) => {
		const info = VIDEO_MODE_INFO[mode];
		expect(info.models[0]).toBe(DEFAULT_VIDEO_MODEL);
		expect(new Set(info.models).size).toBe(info.models.length);
		for (const id of info.models) expect(getVideoModel(id)?.modes).toContain(mode);
		for (const model of VIDEO_MODELS) expect(info.models.includes(model.id)).toBe(model.modes.includes(mode));
		for (const [from, to] of Object.entries(info.fallbacks)) {
			expect(info.models).toContain(from);
			expect(info.models).toContain(to);
			expect(to).not.toBe(from);
		}
		const names = videoModelOptions(mode).map((option) => option.name);
		expect([...names].sort()).toEqual(names);
	});

	it('has the CLI fallback table per mode', () => {
		expect(VIDEO_MODE_INFO.text2video.fallbacks).toEqual({
			'seedance-1-5-pro-251215': 'kling-v3',
			'doubao-seedance-2-0-260128': 'kling-v3',
		});
		expect(VIDEO_MODE_INFO.img2video.fallbacks).toEqual(VIDEO_MODE_INFO.text2video.fallbacks);
		expect(VIDEO_MODE_INFO.startend2video.fallbacks).toEqual({
			'kling-video-o1': 'viduq2-turbo',
			'doubao-seedance-2-0-260128': 'viduq2-turbo',
		});
		expect(VIDEO_MODE_INFO.character2video.fallbacks).toEqual({
			'kling-v3-omni': 'kling-video-o1',
			'doubao-seedance-2-0-260128': 'kling-video-o1',
		});
		expect(videoFallbackModel('startend2video', ' doubao-seedance-2-0-260128 ')).toBe('viduq2-turbo');
		expect(videoFallbackModel('text2video', 'kling-v3')).toBeUndefined();
		expect(videoFallbackModel('text2video', 'hasOwnProperty')).toBeUndefined();
	});

	it('keeps the skill-doc hints self-consistent (the SDK modes are among them)', () => {
		for (const model of VIDEO_MODELS) {
			for (const mode of model.modes) expect(model.fotorSkillDocs.modes).toContain(mode);
			expect(model.fotorSkillDocs.durations).toContain(DEFAULT_VIDEO_DURATION);
			for (const seconds of model.fotorSkillDocs.durations) {
				expect(seconds).toBeGreaterThanOrEqual(VIDEO_DURATION_RANGE.min);
				expect(seconds).toBeLessThanOrEqual(VIDEO_DURATION_RANGE.max);
			}
			for (const ratio of model.fotorSkillDocs.aspectRatios ?? []) expect(VIDEO_ASPECT_RATIOS).toContain(ratio);
		}
	});
});

describe('defaults', () => {
	it('uses the CLI defaults', () => {
		expect([DEFAULT_VIDEO_MODEL, DEFAULT_VIDEO_RESOLUTION, DEFAULT_VIDEO_ASPECT_RATIO, DEFAULT_VIDEO_DURATION]).toEqual(
			['doubao-seedance-2-0-260128', '1080p', '16:9', 5],
		);
		expect(VIDEO_RESOLUTIONS).toEqual(['480p', '720p', '1080p']);
		expect(VIDEO_RESOLUTIONS).toContain(EXAMPLE_VIDEO_RESOLUTION);
		expect(VIDEO_ASPECT_RATIOS).toContain(DEFAULT_VIDEO_ASPECT_RATIO);
		expect(VIDEO_DURATION_RANGE.default).toBe(DEFAULT_VIDEO_DURATION);
	});
});

describe('modelDefaultResolution', () => {
	it("gives every model a resolution its docs list: 1080p where listed or unknown, else the highest", () => {
		expect(modelDefaultResolution('doubao-seedance-2-0-260128')).toBe('1080p');
		expect(modelDefaultResolution('seedance-1-5-pro-251215')).toBe('720p');
		expect(modelDefaultResolution('some-new-model')).toBe('1080p');
		for (const model of VIDEO_MODELS) expect(model.fotorSkillDocs.resolutions).toContain(modelDefaultResolution(model.id));
	});
});

describe('videoImageCountProblem', () => {
	it.each([
		['text2video', 0, undefined],
		['text2video', 1, 'Text to Video takes no images; got 1.'],
		['img2video', 1, undefined],
		['img2video', 0, 'Image to Video needs exactly 1 image; got 0.'],
		['img2video', 2, 'Image to Video needs exactly 1 image; got 2.'],
		['startend2video', 2, undefined],
		['startend2video', 1, 'Start and End Frames to Video needs exactly 2 images (start frame and end frame); got 1.'],
		['startend2video', 3, 'Start and End Frames to Video needs exactly 2 images (start frame and end frame); got 3.'],
		['character2video', 2, undefined],
		['character2video', 10, undefined],
		['character2video', 1, 'Multiple Images to Video needs at least 2 images; got 1.'],
	] as const)('%s with %i images', (mode, count, problem) => {
		expect(videoImageCountProblem(mode, count)).toBe(problem);
	});
});
