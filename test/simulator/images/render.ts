import { encodeJpeg } from './jpeg';
import { encodePng } from './png';
import { encodePngRows } from './pngRows';

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

/**
 * Paints row `y` of the gradient picture into `row` (RGBA, width × 4 bytes). Nothing but
 * arithmetic runs per pixel: a global such as Math costs a lot under jest's sandbox.
 */
function paintRow(row: Buffer, y: number, options: RenderOptions): void {
	const { width, height } = options;
	const span = Math.max(1, width - 1);
	const blue = ((options.seed ?? 0) * 47) % 256;
	const green = (y * 255) / Math.max(1, height - 1);
	const opaqueFrom = options.transparent && !(y < height / 8 || y >= (height * 7) / 8) ? width / 8 : Number.POSITIVE_INFINITY;
	const opaqueTo = (width * 7) / 8;
	const outside = options.transparent ? 0 : 255;
	for (let x = 0; x < width; x++) {
		const i = x * 4;
		row[i] = (x * 255) / span;
		row[i + 1] = green;
		row[i + 2] = blue;
		row[i + 3] = x >= opaqueFrom && x < opaqueTo ? 255 : outside;
	}
}

/** Draws a simple gradient picture of the requested size and encodes it. */
export function renderImage(options: RenderOptions): Buffer {
	const { width, height } = options;
	const rgba = Buffer.alloc(width * height * 4);
	for (let y = 0; y < height; y++) paintRow(rgba.subarray(y * width * 4, (y + 1) * width * 4), y, options);
	return options.format === 'jpeg'
		? encodeJpeg(width, height, rgba)
		: encodePng(width, height, rgba, { alpha: options.transparent ?? false, minBytes: options.minBytes });
}

/**
 * The same picture as a PNG, painted and compressed a few rows at a time: no whole-image pixel
 * buffer exists, so an 8192 × 8192 result costs a few MB of memory while it is encoded.
 */
export async function renderPngInRows(options: Omit<RenderOptions, 'format'>): Promise<Buffer> {
	const picture: RenderOptions = { ...options, format: 'png' };
	return await encodePngRows(options.width, options.height, (y, row) => paintRow(row, y, picture), {
		alpha: options.transparent ?? false,
		minBytes: options.minBytes,
	});
}
