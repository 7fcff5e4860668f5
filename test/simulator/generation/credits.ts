/**
 * Tokens a finished model-based task charges (creditsIncrement). Fotor documents no price for
 * these models or for video (shared/fotor-api.md §8.1: "read creditsIncrement"); the values are
 * plausible stand-ins that differ from the classic tools' 1 token, so a client that assumes
 * "1 per task" shows up in tests.
 */

/** 4 tokens an image, 8 above 2048 × 2048 pixels (the 4k tier). */
export const imageGenerationCredits = (width: number, height: number) => (width * height > 2048 * 2048 ? 8 : 4);

/** Per second of video: 3 tokens at 480p, 5 at 720p, 8 at 1080p (a 5 s 1080p video: 40). */
export const videoCredits = (durationSeconds: number, resolution: '480p' | '720p' | '1080p') =>
	durationSeconds * { '480p': 3, '720p': 5, '1080p': 8 }[resolution];
