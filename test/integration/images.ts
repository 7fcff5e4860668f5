import { probeImage, renderImage } from '../simulator';

/** A real PNG or JPEG of the given size, as a test input. */
export const testImage = (width: number, height: number, format: 'png' | 'jpeg' = 'png') =>
	renderImage({ format, width, height });

export const base64Image = (width: number, height: number, format: 'png' | 'jpeg' = 'png') =>
	testImage(width, height, format).toString('base64');

/** Format and size of bytes the node produced; fails the test when they are not an image. */
export function imageInfo(bytes: Buffer) {
	const info = probeImage(bytes);
	if (!info) throw new Error(`not an image (${bytes.length} bytes)`);
	return info;
}
