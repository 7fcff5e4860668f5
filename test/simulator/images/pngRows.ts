/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { once } from 'node:events';
import { createDeflate } from 'node:zlib';

import { pngFile } from './png';

/** Raw rows handed to zlib at a time. */
const BAND_BYTES = 256 * 1024;

/** Writes one RGBA row into `out` at `start` as a PNG row with filter 1 (Sub: each byte minus the one a pixel to its left). */
function subFilter(rgba: Buffer, out: Buffer, start: number, width: number, alpha: boolean): void {
	out[start] = 1;
	let o = start + 1;
	let r = 0;
	let g = 0;
	let b = 0;
	let a = 0;
	for (let i = 0; i < width * 4; i += 4) {
		out[o++] = rgba[i] - r;
		out[o++] = rgba[i + 1] - g;
		out[o++] = rgba[i + 2] - b;
		if (alpha) out[o++] = rgba[i + 3] - a;
		r = rgba[i];
		g = rgba[i + 1];
		b = rgba[i + 2];
		a = rgba[i + 3];
	}
}

/**
 * Encodes a PNG whose rows are painted on demand (`paint` fills one RGBA row), a band of rows
 * at a time with zlib's backpressure respected. Rows use PNG filter 1 (Sub), which makes
 * smooth pictures compress to almost nothing.
 */
export async function encodePngRows(
	width: number,
	height: number,
	paint: (y: number, rgbaRow: Buffer) => void,
	options: { alpha?: boolean; minBytes?: number } = {},
): Promise<Buffer> {
	const alpha = options.alpha ?? true;
	const channels = alpha ? 4 : 3;
	const rowBytes = width * channels + 1;
	const rowsPerBand = Math.max(1, Math.floor(BAND_BYTES / rowBytes));
	const rgba = Buffer.alloc(width * 4);
	const deflate = createDeflate({ level: 1 });
	const compressed: Buffer[] = [];
	deflate.on('data', (part: Buffer) => compressed.push(part));
	const ended = once(deflate, 'end');
	for (let first = 0; first < height; first += rowsPerBand) {
		const rows = Math.min(rowsPerBand, height - first);
		const band = Buffer.alloc(rows * rowBytes);
		for (let r = 0; r < rows; r++) {
			paint(first + r, rgba);
			subFilter(rgba, band, r * rowBytes, width, alpha);
		}
		if (!deflate.write(band)) await once(deflate, 'drain');
	}
	deflate.end();
	await ended;
	return pngFile(width, height, alpha, Buffer.concat(compressed), options.minBytes);
}
