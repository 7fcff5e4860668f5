import type { IDataObject } from 'n8n-workflow';

import type { BodyBufferPool } from './bodyBuffers';

/** Where an inline image's bytes come from when a request is sent: a buffer, or a stream of chunks. */
export type ImageBytesSource = () => Promise<Buffer | AsyncIterable<Uint8Array>>;

/**
 * An image Fotor gets inline, as a `data:<type>;base64,...` string in a JSON body. It holds no
 * bytes: they are read in chunks and base64-encoded straight into the request's body buffer when
 * the request is sent (encodeJsonBody), so a 20 MB image never exists as a 27 MB string, nor as
 * the JSON text and HTTP-client copies of it.
 */
export class InlineImage {
	constructor(
		readonly mimeType: string,
		/** Bytes of the image; the source must deliver exactly this many. */
		readonly size: number,
		private readonly read: ImageBytesSource,
	) {}

	get prefix(): string {
		return `data:${this.mimeType};base64,`;
	}

	/** Length of the data URI, known before any byte is read. */
	get dataUriLength(): number {
		return this.prefix.length + Math.ceil(this.size / 3) * 4;
	}

	/** The data URI in pieces of at most ~256 KiB (ASCII text), as the image is read. */
	async *dataUri(): AsyncGenerator<string> {
		yield this.prefix;
		const source = await this.read();
		const chunks = Buffer.isBuffer(source) ? slices(source) : source;
		let carry: Buffer = Buffer.alloc(0);
		let read = 0;
		for await (const chunk of chunks) {
			read += chunk.byteLength;
			if (read > this.size) break;
			const bytes = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			const whole = bytes.length - (bytes.length % 3);
			if (whole) yield bytes.subarray(0, whole).toString('base64');
			carry = Buffer.from(bytes.subarray(whole));
		}
		if (read !== this.size) throw new Error(`the image has ${read > this.size ? 'more' : 'fewer'} bytes than when it was checked (${this.size})`);
		if (carry.length) yield carry.toString('base64');
	}

	/** Never serialized by accident (logs, errors): only encodeJsonBody writes the bytes. */
	toJSON(): string {
		return `[inline ${this.mimeType} image, ${this.size} bytes]`;
	}
}

/** 192 KiB: a multiple of 3, so every slice but the last encodes without padding. */
const SLICE_BYTES = 3 * 64 * 1024;

function* slices(buffer: Buffer): Generator<Buffer> {
	for (let start = 0; start < buffer.length; start += SLICE_BYTES) yield buffer.subarray(start, start + SLICE_BYTES);
}

let markerSerial = 0;

/** A JSON request body ready to send: its text, or (with inline images) bytes lent by a pool. */
export type EncodedBody =
	| { kind: 'text'; text: string }
	| {
			kind: 'bytes';
			bytes: Buffer;
			/** Gives the buffer back once the request has settled (safe to call more than once). */
			release(): void;
	  };

/**
 * Encodes a request body. Without inline images it is JSON.stringify's text. With them, the text
 * around each image is serialized once and each image is written in as its data URI, into one
 * buffer of the exact length from `pool` (which bounds the bytes of such bodies in the process
 * and reuses their buffers). Images are marked in the text by a token that the rest of the body
 * is checked not to contain.
 */
export async function encodeJsonBody(body: IDataObject, pool: BodyBufferPool, signal?: AbortSignal): Promise<EncodedBody> {
	const images: InlineImage[] = [];
	const token = `fotor-inline-${Date.now().toString(36)}-${(markerSerial++).toString(36)}-`;
	const json = JSON.stringify(body, function (this: Record<string, unknown>, key: string, value: unknown) {
		const raw = this[key];
		if (!(raw instanceof InlineImage)) return value;
		images.push(raw);
		return `${token}${images.length - 1}`;
	});
	if (!images.length) return { kind: 'text', text: json };
	// split with one capture group: text, index, text, index, ..., text
	const parts = json.split(new RegExp(`"${token}(\\d+)"`));
	if (parts.length !== images.length * 2 + 1 || json.split(token).length !== images.length + 1) {
		throw new Error('the request body could not be encoded (marker clash); try again');
	}
	let length = 0;
	for (let index = 0; index < parts.length; index++) {
		length += index % 2 ? images[Number(parts[index])].dataUriLength + 2 : Buffer.byteLength(parts[index], 'utf8');
	}
	const lent = await pool.take(length, signal);
	let written = false;
	try {
		let at = 0;
		for (let index = 0; index < parts.length; index++) {
			if (index % 2 === 0) {
				at += lent.bytes.write(parts[index], at, 'utf8');
				continue;
			}
			at += lent.bytes.write('"', at, 'latin1');
			for await (const piece of images[Number(parts[index])].dataUri()) at += lent.bytes.write(piece, at, 'latin1');
			at += lent.bytes.write('"', at, 'latin1');
		}
		if (at !== length) throw new Error(`the request body has ${at} bytes, ${length} expected`);
		written = true;
		return { kind: 'bytes', bytes: lent.bytes, release: lent.give };
	} finally {
		if (!written) lent.give();
	}
}
