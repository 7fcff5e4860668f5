import { buildMp4 } from '../video/mp4';
import type { ResolveImage, ToolPlan, ToolSettings } from '../tools';
import { videoCredits } from './credits';
import { imageCountRefusal, imageListRefusal } from './imageList';
import { VIDEO_MODES, type VideoMode } from './models';

type Body = Record<string, unknown>;

/** Durations accepted, in whole seconds (Fotor documents none per model; the SDK's default is 5; Fotor's agent docs give Vidu Q2 Turbo 2–8 s). */
export const VIDEO_DURATION = { min: 2, max: 15 };
const SHORT_SIDE = { '480p': 480, '720p': 720, '1080p': 1080 } as const;
/** Widest aspect ratio accepted either way (21:9 is the widest the SDK names). */
const MAX_RATIO = 4;

/** Frame size for a resolution (the short side) and an aspect ratio "W:H"; a refusal for anything else. */
function frameSize(resolution: keyof typeof SHORT_SIDE, aspectRatio: unknown): { width: number; height: number } | string {
	const match = /^(\d{1,3}):(\d{1,3})$/.exec(String(aspectRatio ?? '16:9'));
	const [w, h] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
	if (!w || !h || w / h > MAX_RATIO || h / w > MAX_RATIO) return 'aspect_ratio must be a ratio such as "16:9", "9:16" or "1:1"';
	const short = SHORT_SIDE[resolution];
	const long = 2 * Math.round((short * Math.max(w, h)) / Math.min(w, h) / 2); // even, as 4:2:0 video needs
	return w >= h ? { width: long, height: short } : { width: short, height: long };
}

function fieldRefusal(mode: VideoMode, body: Body): string | undefined {
	const { prompt, duration, resolution, scenes, enableAudio, imageUrls } = body;
	if (mode === 'text2video' && (typeof prompt !== 'string' || prompt.trim() === '')) return 'prompt is required for text2video';
	if (prompt !== undefined && typeof prompt !== 'string') return 'prompt must be a string';
	const { min, max } = VIDEO_DURATION;
	if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < min || duration > max) {
		return `duration must be a whole number of seconds from ${min} to ${max}`;
	}
	if (!(String(resolution) in SHORT_SIDE)) return 'resolution must be "480p", "720p" or "1080p"';
	if (scenes !== undefined && typeof scenes !== 'string') return 'scenes must be a string';
	if (enableAudio !== undefined && typeof enableAudio !== 'boolean') return 'enableAudio must be a boolean';
	if (imageUrls !== undefined && !Array.isArray(imageUrls)) return 'imageUrls must be an array of image URLs';
	return undefined;
}

/**
 * POST /v1/aiart/{text2video|img2video|startend2video|character2video}/{model} (shared/fotor-api.md
 * §8.1): the result is an MP4 of the requested length and frame size, padded to `videoBytes` and
 * streamed on every download. Task `type`: the mode, since Fotor documents none. No audio track,
 * whatever enableAudio says.
 */
export async function planVideo(mode: VideoMode, body: Body, image: ResolveImage, settings: ToolSettings): Promise<ToolPlan | string> {
	const invalid = fieldRefusal(mode, body);
	if (invalid) return invalid;
	const resolution = body.resolution as keyof typeof SHORT_SIDE;
	const size = frameSize(resolution, body.aspect_ratio);
	if (typeof size === 'string') return size;
	const urls = (body.imageUrls as unknown[] | undefined) ?? [];
	const refusal =
		imageCountRefusal(mode, urls.length, VIDEO_MODES[mode]) ??
		(await imageListRefusal(urls.map((value, index) => ({ label: `imageUrls[${index}]`, value })), image));
	if (refusal) return refusal;
	const durationSeconds = body.duration as number;
	return {
		type: mode,
		cost: videoCredits(durationSeconds, resolution),
		render: (taskId) => [
			{
				path: `aiart/video/${taskId}.mp4`,
				contentType: 'video/mp4',
				open: async () => {
					const video = buildMp4({ ...size, durationSeconds, minBytes: settings.videoBytes });
					return { size: video.size, stream: video.open() };
				},
			},
		],
	};
}
