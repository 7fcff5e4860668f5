/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { Readable } from 'node:stream';

import type { ResultBody, ResultFile } from './types';

/** A body that sends one buffer. */
export const bufferBody = (bytes: Buffer): ResultBody => ({ size: bytes.length, stream: Readable.from([bytes]) });

/** The bytes of a result file as a stream of known length: held bytes, or produced anew (generated files). */
export async function openResult(file: ResultFile): Promise<ResultBody> {
	return 'bytes' in file ? bufferBody(file.bytes) : await file.open();
}

/** The first `maxBytes` of a result file (enough to probe an image), without reading a large one whole. */
export async function readResultHead(file: ResultFile, maxBytes: number): Promise<Buffer> {
	if ('bytes' in file) return file.bytes;
	const { stream } = await file.open();
	const parts: Buffer[] = [];
	let size = 0;
	for await (const part of stream) {
		parts.push(part as Buffer);
		size += (part as Buffer).length;
		if (size >= maxBytes) break; // leaving the loop destroys the stream
	}
	return Buffer.concat(parts);
}
