/** Image formats Fotor accepts and returns, recognised by their first bytes (never by name). */
export interface ImageType {
	mimeType: string;
	extension: string;
}

const SIGNATURES: Array<{ type: ImageType; matches: (bytes: Uint8Array) => boolean }> = [
	{
		type: { mimeType: 'image/png', extension: 'png' },
		matches: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
	},
	{
		type: { mimeType: 'image/jpeg', extension: 'jpg' },
		matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
	},
	{
		type: { mimeType: 'image/webp', extension: 'webp' },
		matches: (b) =>
			String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
			String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
	},
	{
		type: { mimeType: 'image/gif', extension: 'gif' },
		matches: (b) => String.fromCharCode(...b.subarray(0, 4)) === 'GIF8',
	},
];

/** The image type of these bytes, or undefined when they are not an image Fotor can take. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
	if (bytes.length < 12) return undefined;
	return SIGNATURES.find((signature) => signature.matches(bytes))?.type;
}

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/webp': 'webp',
	'image/gif': 'gif',
};

/** Image type from a Content-Type header such as "image/png; charset=binary". */
export function imageTypeFromMime(contentType: string | undefined): ImageType | undefined {
	const mimeType = contentType?.split(';')[0].trim().toLowerCase();
	const extension = mimeType ? EXTENSIONS[mimeType] : undefined;
	return mimeType && extension ? { mimeType: mimeType === 'image/jpg' ? 'image/jpeg' : mimeType, extension } : undefined;
}
