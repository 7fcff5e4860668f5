/** ISO-BMFF (ISO/IEC 14496-12) box writing: big-endian fields and size-prefixed boxes. */

export const u8 = (value: number) => Buffer.from([value & 0xff]);

export function u16(value: number): Buffer {
	const out = Buffer.alloc(2);
	out.writeUInt16BE(value & 0xffff);
	return out;
}

export function u32(value: number): Buffer {
	const out = Buffer.alloc(4);
	out.writeUInt32BE(value >>> 0);
	return out;
}

export const zeros = (count: number) => Buffer.alloc(count);

export const fourCc = (code: string) => Buffer.from(code, 'latin1');

/** A box: 32-bit size, four-character type, payload. */
export function box(type: string, ...payload: Buffer[]): Buffer {
	const body = Buffer.concat(payload);
	return Buffer.concat([u32(8 + body.length), fourCc(type), body]);
}

/** A full box: a box whose payload starts with version (8 bits) and flags (24 bits). */
export function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
	return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...payload);
}

/** The header of a box of `totalBytes` (header included) whose payload is written separately; 64-bit "largesize" past 4 GiB. */
export function boxHeader(type: string, totalBytes: number): Buffer {
	if (totalBytes <= 0xffffffff) return Buffer.concat([u32(totalBytes), fourCc(type)]);
	const size = Buffer.alloc(8);
	size.writeBigUInt64BE(BigInt(totalBytes));
	return Buffer.concat([u32(1), fourCc(type), size]);
}

/** The unity transformation matrix of mvhd and tkhd. */
export const UNITY_MATRIX = Buffer.concat([0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].map(u32));
