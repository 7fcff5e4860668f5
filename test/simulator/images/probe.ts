export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export interface ImageInfo {
	format: ImageFormat;
	width: number;
	height: number;
	/** PNG only: whether pixels carry an alpha channel. */
	hasAlpha?: boolean;
}

function probeJpeg(bytes: Buffer): ImageInfo | undefined {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1];
		const length = bytes.readUInt16BE(offset + 2);
		const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isFrame) {
			return { format: 'jpeg', height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
		}
		offset += 2 + length;
	}
	return undefined;
}

function probeWebp(bytes: Buffer): ImageInfo | undefined {
	const kind = bytes.toString('ascii', 12, 16);
	if (kind === 'VP8X') return { format: 'webp', width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
	if (kind === 'VP8L') {
		const bits = bytes.readUInt32LE(21);
		return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
	}
	if (kind === 'VP8 ') return { format: 'webp', width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
	return undefined;
}

/** Format and size of an image from its header bytes; undefined for anything else. */
export function probeImage(bytes: Buffer): ImageInfo | undefined {
	if (bytes.length < 24) return undefined;
	if (bytes.readUInt32BE(0) === 0x89504e47) {
		const colorType = bytes[25];
		return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), hasAlpha: colorType === 6 || colorType === 4 };
	}
	if (bytes[0] === 0xff && bytes[1] === 0xd8) return probeJpeg(bytes);
	if (bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return probeWebp(bytes);
	if (bytes.toString('ascii', 0, 4) === 'GIF8') return { format: 'gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
	return undefined;
}
