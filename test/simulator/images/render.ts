import { encodeJpeg } from './jpeg';
import { encodePng } from './png';

export interface RenderOptions {
	format: 'png' | 'jpeg';
	width: number;
	height: number;
	/** PNG: keep a transparent border (background removal). */
	transparent?: boolean;
	minBytes?: number;
	/** Varies the colours so different tools give different pictures. */
	seed?: number;
}

/** Draws a simple gradient picture of the requested size and encodes it. */
export function renderImage(options: RenderOptions): Buffer {
	const { width, height } = options;
	const seed = options.seed ?? 0;
	const rgba = Buffer.alloc(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 4;
			rgba[i] = (x * 255) / Math.max(1, width - 1);
			rgba[i + 1] = (y * 255) / Math.max(1, height - 1);
			rgba[i + 2] = (seed * 47) % 256;
			const border = x < width / 8 || x >= (width * 7) / 8 || y < height / 8 || y >= (height * 7) / 8;
			rgba[i + 3] = options.transparent && border ? 0 : 255;
		}
	}
	return options.format === 'jpeg'
		? encodeJpeg(width, height, rgba)
		: encodePng(width, height, rgba, { alpha: options.transparent ?? false, minBytes: options.minBytes });
}
