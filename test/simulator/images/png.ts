/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body) >>> 0);
	return Buffer.concat([length, body, crc]);
}

/**
 * Wraps compressed pixel data (zlib) as a PNG file. `minBytes` pads with a private ancillary
 * chunk, so large results cost no pixel work.
 */
export function pngFile(width: number, height: number, alpha: boolean, idat: Buffer, minBytes = 0): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = alpha ? 6 : 2; // RGBA or RGB
	const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', idat)];
	const size = parts.reduce((sum, part) => sum + part.length, 0) + 12;
	if (minBytes && size < minBytes) parts.push(chunk('prVt', Buffer.alloc(Math.max(0, minBytes - size - 12))));
	parts.push(chunk('IEND', Buffer.alloc(0)));
	return Buffer.concat(parts);
}

/**
 * Encodes RGBA pixels (4 bytes a pixel) as PNG; `alpha: false` drops the alpha channel.
 * `minBytes` pads with a private ancillary chunk, so large results cost no pixel work.
 */
export function encodePng(
	width: number,
	height: number,
	rgba: Buffer,
	options: { alpha?: boolean; minBytes?: number } = {},
): Buffer {
	const alpha = options.alpha ?? true;
	const channels = alpha ? 4 : 3;
	const raw = Buffer.alloc((width * channels + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * channels + 1);
		for (let x = 0; x < width; x++) {
			const source = (y * width + x) * 4;
			const target = row + 1 + x * channels;
			raw[target] = rgba[source];
			raw[target + 1] = rgba[source + 1];
			raw[target + 2] = rgba[source + 2];
			if (alpha) raw[target + 3] = rgba[source + 3];
		}
	}
	return pngFile(width, height, alpha, deflateSync(raw, { level: 1 }), options.minBytes);
}
