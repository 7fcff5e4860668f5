/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { BodyBufferPool, MAX_BODY_BYTES } from '../../../nodes/shared/transport/bodyBuffers';
import { encodeJsonBody, InlineImage } from '../../../nodes/shared/transport/jsonBody';

/** The bytes a request with this body sends. */
async function sent(body: Parameters<typeof encodeJsonBody>[0]): Promise<string> {
	const encoded = await encodeJsonBody(body, new BodyBufferPool());
	if (encoded.kind === 'text') return encoded.text;
	const text = encoded.bytes.toString('utf8');
	encoded.release();
	return text;
}

const dataUri = (bytes: Buffer, mimeType = 'image/png') => `data:${mimeType};base64,${bytes.toString('base64')}`;

/** A stream of `bytes` cut into chunks of the given sizes (cycled), as n8n's binary store delivers files. */
function chunked(bytes: Buffer, sizes: number[]): AsyncIterable<Uint8Array> {
	const chunks: Buffer[] = [];
	for (let start = 0, turn = 0; start < bytes.length; turn++) {
		const size = sizes[turn % sizes.length];
		chunks.push(bytes.subarray(start, start + size));
		start += size;
	}
	return Readable.from(chunks);
}

describe('encodeJsonBody', () => {
	it('gives the same bytes as JSON.stringify of the body with data URIs, for every length mod 3 and chunking', async () => {
		for (const length of [0, 1, 2, 3, 4, 5, 196607, 196608, 196609, 500001]) {
			const bytes = randomBytes(length);
			for (const source of ['buffer', 'stream'] as const) {
				const image = new InlineImage('image/png', length, async () => (source === 'buffer' ? bytes : chunked(bytes, [1, 7, 65536, 2])));
				const body = { prompt: 'Ünïcode "quoted" \\ text 🚀', userImageUrl: image, count: 2 };
				expect(await sent(body)).toBe(JSON.stringify({ ...body, userImageUrl: dataUri(bytes) }));
			}
		}
	});

	it('writes every image of a nested list in place and leaves URLs as they are', async () => {
		const first = randomBytes(1000);
		const second = randomBytes(1001);
		const body = {
			content: [
				{ type: 'text', text: 'a lighthouse' },
				{ type: 'image_url', url: new InlineImage('image/jpeg', first.length, async () => first) },
				{ type: 'image_url', url: 'https://images.example.com/a.png' },
				{ type: 'image_url', url: new InlineImage('image/webp', second.length, async () => chunked(second, [333])) },
			],
		};
		const parsed = JSON.parse((await sent(body)));
		expect(parsed.content.map((part: { url?: string }) => part.url)).toEqual([
			undefined,
			dataUri(first, 'image/jpeg'),
			'https://images.example.com/a.png',
			dataUri(second, 'image/webp'),
		]);
	});

	it('encodes a body without images exactly as JSON.stringify does', async () => {
		const body = { prompt: 'fotor-inline-looks-like-a-marker-0', n: [1, 2, { deep: null }] };
		expect((await sent(body))).toBe(JSON.stringify(body));
	});

	it('is not fooled by text that imitates its marker', async () => {
		const bytes = randomBytes(10);
		// Marker tokens start with "fotor-inline-" + a time stamp; text carrying the same prefix must stay text.
		const prefix = `fotor-inline-${Date.now().toString(36)}`;
		const body = { a: `${prefix}-0-0`, b: `"${prefix}"`, image: new InlineImage('image/png', 10, async () => bytes) };
		expect(JSON.parse((await sent(body)))).toEqual({ a: body.a, b: body.b, image: dataUri(bytes) });
	});

	it('refuses a file whose length changed since it was checked, before anything is sent', async () => {
		const bytes = randomBytes(100);
		const pool = new BodyBufferPool();
		await expect(encodeJsonBody({ image: new InlineImage('image/png', 99, async () => chunked(bytes, [10])) }, pool)).rejects.toThrow(/more bytes/);
		await expect(encodeJsonBody({ image: new InlineImage('image/png', 101, async () => bytes) }, pool)).rejects.toThrow(/fewer bytes/);
		// The buffer went back to the pool (the second body reused the first's).
		expect(pool.keptBytes).toBe(1024 * 1024);
		expect(pool.bytesInUse).toBe(0);
	});

	it('never writes the bytes when serialized by anything else (logs, errors)', () => {
		const image = new InlineImage('image/png', 5, async () => Buffer.alloc(5));
		expect(JSON.stringify({ image })).toBe('{"image":"[inline image/png image, 5 bytes]"}');
	});
});

describe('BodyBufferPool', () => {
	it('reuses a given-back buffer, never one still lent, and lets go of them once nothing runs', async () => {
		const pool = new BodyBufferPool();
		const first = await pool.take(3_000_000);
		const second = await pool.take(3_000_000);
		expect(first.bytes.buffer).not.toBe(second.bytes.buffer);
		first.give();
		first.give(); // twice is harmless
		const third = await pool.take(2_500_000);
		expect(third.bytes.buffer).toBe(first.bytes.buffer);
		expect(third.bytes.length).toBe(2_500_000);
		second.give();
		third.give();
		expect(pool.keptBytes).toBe(2 * 3 * 1024 * 1024);
		pool.trim(true); // the account still has tasks: kept
		expect(pool.keptBytes).toBe(2 * 3 * 1024 * 1024);
		pool.trim(false);
		expect(pool.keptBytes).toBe(0);
	});

	it('holds at most MAX_BODY_BYTES of bodies at once: the next waits for one to be given back', async () => {
		const pool = new BodyBufferPool();
		const size = 40 * 1024 * 1024;
		const lent = [await pool.take(size), await pool.take(size), await pool.take(size)];
		expect(pool.bytesInUse).toBeLessThanOrEqual(MAX_BODY_BYTES);
		let fourth: Awaited<ReturnType<BodyBufferPool['take']>> | undefined;
		const waiting = pool.take(size).then((taken) => (fourth = taken));
		await new Promise((resolve) => setImmediate(resolve));
		expect(fourth).toBeUndefined();
		lent[0].give();
		await waiting;
		expect(fourth?.bytes.buffer).toBe(lent[0].bytes.buffer);
		expect(pool.bytesInUse).toBeLessThanOrEqual(MAX_BODY_BYTES);
		// One body is always allowed, whatever its size; a stopped run stops waiting.
		const alone = new BodyBufferPool();
		const huge = await alone.take(MAX_BODY_BYTES + 1);
		const stop = new AbortController();
		const blocked = alone.take(10, stop.signal);
		stop.abort();
		await expect(blocked).rejects.toThrow(/cancelled/);
		huge.give();
	});
});
