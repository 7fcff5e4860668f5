import type { ResolveImage } from '../tools';
import type { ImageCount } from './models';

/** A refusal when `count` images break `limit`, naming `subject` (a mode or a model). */
export function imageCountRefusal(subject: string, count: number, limit: ImageCount): string | undefined {
	return count < limit.min || count > limit.max ? `${subject} ${limit.rule} (got ${count})` : undefined;
}

/**
 * Checks each image as the classic image fields are checked (http(s) URL, data:image URI or
 * base64 of PNG/JPEG/WEBP/GIF); the first problem found, or undefined.
 */
export async function imageListRefusal(images: Array<{ label: string; value: unknown }>, image: ResolveImage): Promise<string | undefined> {
	for (const { label, value } of images) {
		const info = await image(label, value);
		if (typeof info === 'string') return info;
	}
	return undefined;
}
