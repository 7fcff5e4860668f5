import jpeg from 'jpeg-js';

/** Encodes RGBA pixels as a baseline JPEG (jpeg-js, pure JavaScript). */
export function encodeJpeg(width: number, height: number, rgba: Buffer, quality = 80): Buffer {
	return Buffer.from(jpeg.encode({ data: rgba, width, height }, quality).data);
}

/** Decodes a JPEG to RGBA (tests use it to check what the node saved). */
export function decodeJpeg(bytes: Buffer): { width: number; height: number; data: Buffer } {
	const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
	return { width: image.width, height: image.height, data: Buffer.from(image.data) };
}
