import { createHash, type Hash } from 'node:crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ImageInput } from '../imageInput';

const IMAGE_KINDS = new Set(['url', 'bytes', 'stored']);

const isImageInput = (value: object): value is ImageInput =>
	IMAGE_KINDS.has((value as { kind?: unknown }).kind as string) && ('url' in value || 'load' in value || 'binaryId' in value);

/** An image as its content: the URL itself, or a SHA-256 of the bytes (binary IDs differ between runs). */
async function imageDigest(context: IExecuteFunctions, image: ImageInput): Promise<string> {
	if (image.kind === 'url') return `url:${image.url}`;
	const hash = createHash('sha256');
	if (image.kind === 'bytes') hash.update(await image.load());
	else await hashStream(hash, await context.helpers.getBinaryStream(image.binaryId));
	return `sha256:${hash.digest('hex')}`;
}

async function hashStream(hash: Hash, stream: AsyncIterable<Buffer | string>): Promise<void> {
	for await (const chunk of stream) hash.update(chunk);
}

/** A JSON-able copy of a prepared input: keys sorted, images as digests, functions left out. */
async function canonical(context: IExecuteFunctions, value: unknown): Promise<unknown> {
	if (Array.isArray(value)) return await Promise.all(value.map(async (entry) => await canonical(context, entry)));
	if (typeof value === 'function' || value === undefined) return undefined;
	if (value === null || typeof value !== 'object') return value;
	if (isImageInput(value)) return { image: await imageDigest(context, value) };
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value).sort()) copy[key] = await canonical(context, (value as Record<string, unknown>)[key]);
	return copy;
}

/**
 * One key per item for the request it makes at Fotor: the operation and the item's checked
 * inputs (the endpoint and body fields, images by content), without the run settings in
 * `options` (waiting, output), which a user may change before a retry. Equal requests are told
 * apart by their occurrence ("…#0", "…#1"), so two equal items never share a task. Items that
 * failed their checks (undefined input) get no key.
 */
export async function requestKeys(context: IExecuteFunctions, operation: string, inputs: unknown[]): Promise<Array<string | undefined>> {
	const seen = new Map<string, number>();
	const keys: Array<string | undefined> = [];
	for (const input of inputs) {
		if (input === undefined || input === null || typeof input !== 'object') {
			keys.push(undefined);
			continue;
		}
		const request: Record<string, unknown> = { ...(input as Record<string, unknown>) };
		delete request.options;
		const digest = createHash('sha256')
			.update(JSON.stringify([operation, await canonical(context, request)]))
			.digest('hex')
			.slice(0, 32);
		const occurrence = seen.get(digest) ?? 0;
		seen.set(digest, occurrence + 1);
		keys.push(`${digest}#${occurrence}`);
	}
	return keys;
}
