import { probeImage, type ImageInfo } from './images/probe';

/** Hosts the simulator may fetch input images from; anything else is never contacted. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Stand-in for a public URL the simulator must not fetch. */
const REMOTE_IMAGE: ImageInfo = { format: 'jpeg', width: 512, height: 384 };

export type ImageResolution = { ok: true; info: ImageInfo } | { ok: false; error: string };

/**
 * Checks one image field as Fotor would: an http(s) URL, a data:image URI or bare base64 of
 * PNG/JPEG/WEBP/GIF. Loopback URLs are fetched to learn the real size.
 */
export async function resolveImageField(
	field: string,
	value: unknown,
	readLocal: (url: URL) => Promise<Buffer | undefined>,
): Promise<ImageResolution> {
	if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: `${field} is required` };
	const text = value.trim();
	if (/^https?:\/\//i.test(text)) {
		let url: URL;
		try {
			url = new URL(text);
		} catch {
			return { ok: false, error: `${field} is not a valid URL` };
		}
		if (!LOOPBACK.has(url.hostname)) return { ok: true, info: REMOTE_IMAGE };
		const bytes = await readLocal(url);
		const info = bytes && probeImage(bytes);
		return info ? { ok: true, info } : { ok: false, error: `${field} could not be downloaded as an image` };
	}
	if (/^[a-z][a-z0-9+.-]*:(?!.*;base64,)/i.test(text) && !text.startsWith('data:')) {
		return { ok: false, error: `${field} must be an http(s) URL or base64 image data` };
	}
	const payload = text.replace(/^data:image\/[a-z0-9.+-]+;base64,/i, '');
	if (payload.startsWith('data:') || !/^[A-Za-z0-9+/=\s_-]+$/.test(payload)) {
		return { ok: false, error: `${field} must be an http(s) URL or base64 image data` };
	}
	const info = probeImage(Buffer.from(payload, 'base64'));
	return info ? { ok: true, info } : { ok: false, error: `${field} is not a supported image (PNG, JPEG, WEBP, GIF)` };
}
