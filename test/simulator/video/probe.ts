/** What probeMp4 learned from an ISO-BMFF (MP4) file. */
export interface Mp4Info {
	majorBrand: string;
	compatibleBrands: string[];
	/** Top-level box types in file order, e.g. ["ftyp", "moov", "mdat"]. */
	boxes: string[];
	durationSeconds: number;
	tracks: Mp4Track[];
	totalBytes: number;
}

export interface Mp4Track {
	/** hdlr handler type: "vide", "soun", … */
	handler: string;
	/** Sample entry type of stsd, e.g. "avc1". */
	codec: string;
	/** tkhd presentation size. */
	width: number;
	height: number;
	sampleCount: number;
	durationSeconds: number;
}

interface Box {
	type: string;
	/** Offset of the payload (after the header) and of the end of the box, in the file. */
	start: number;
	end: number;
}

/** Boxes inside `[start, end)`; undefined when a size is impossible. */
function boxesIn(bytes: Buffer, start: number, end: number, fileEnd = end): Box[] | undefined {
	const boxes: Box[] = [];
	let offset = start;
	while (offset < end) {
		if (offset + 8 > bytes.length) return undefined;
		let size = bytes.readUInt32BE(offset);
		const type = bytes.toString('latin1', offset + 4, offset + 8);
		let header = 8;
		if (size === 1) {
			if (offset + 16 > bytes.length) return undefined;
			size = Number(bytes.readBigUInt64BE(offset + 8));
			header = 16;
		} else if (size === 0) {
			size = fileEnd - offset;
		}
		if (size < header || offset + size > end) return undefined;
		boxes.push({ type, start: offset + header, end: offset + size });
		offset += size;
	}
	return boxes;
}

const find = (boxes: Box[] | undefined, type: string) => boxes?.find((b) => b.type === type);

/** The children of a container box that lies wholly in `bytes`. */
function children(bytes: Buffer, parent: Box | undefined, skip = 0): Box[] | undefined {
	if (!parent || parent.end > bytes.length) return undefined;
	return boxesIn(bytes, parent.start + skip, parent.end);
}

/** timescale and duration of an mvhd or mdhd, version 0 (32-bit times) or 1 (64-bit). */
function timing(bytes: Buffer, fullBox: Box): { timescale: number; duration: number } {
	const v1 = bytes[fullBox.start] === 1;
	const at = fullBox.start + 4 + (v1 ? 16 : 8);
	const timescale = bytes.readUInt32BE(at);
	const duration = v1 ? Number(bytes.readBigUInt64BE(at + 4)) : bytes.readUInt32BE(at + 4);
	return { timescale, duration };
}

/** Sample byte ranges from stsc, stsz and stco/co64; undefined when the tables disagree. */
function sampleRanges(bytes: Buffer, stbl: Box[]): Array<[number, number]> | undefined {
	const stsz = find(stbl, 'stsz');
	const stsc = find(stbl, 'stsc');
	const offsets = find(stbl, 'stco') ?? find(stbl, 'co64');
	if (!stsz || !stsc || !offsets) return undefined;
	const fixedSize = bytes.readUInt32BE(stsz.start + 4);
	const count = bytes.readUInt32BE(stsz.start + 8);
	const sizeOf = (i: number) => fixedSize || bytes.readUInt32BE(stsz.start + 12 + i * 4);
	const chunkCount = bytes.readUInt32BE(offsets.start + 4);
	const wide = offsets.type === 'co64';
	const chunkOffset = (i: number) =>
		wide ? Number(bytes.readBigUInt64BE(offsets.start + 8 + i * 8)) : bytes.readUInt32BE(offsets.start + 8 + i * 4);
	const runs = bytes.readUInt32BE(stsc.start + 4);
	const ranges: Array<[number, number]> = [];
	for (let run = 0; run < runs; run++) {
		const entry = stsc.start + 8 + run * 12;
		const firstChunk = bytes.readUInt32BE(entry);
		const nextFirst = run + 1 < runs ? bytes.readUInt32BE(entry + 12) : chunkCount + 1;
		const perChunk = bytes.readUInt32BE(entry + 4);
		for (let chunk = firstChunk; chunk < nextFirst; chunk++) {
			let at = chunkOffset(chunk - 1);
			for (let s = 0; s < perChunk && ranges.length < count; s++) {
				ranges.push([at, at + sizeOf(ranges.length)]);
				at += sizeOf(ranges.length - 1);
			}
		}
	}
	return ranges.length === count ? ranges : undefined;
}

function probeTrack(bytes: Buffer, trak: Box, media: Box[]): Mp4Track | undefined {
	const parts = children(bytes, trak);
	const tkhd = find(parts, 'tkhd');
	const mdia = children(bytes, find(parts, 'mdia'));
	const mdhd = find(mdia, 'mdhd');
	const hdlr = find(mdia, 'hdlr');
	const stbl = children(bytes, find(children(bytes, find(mdia, 'minf')), 'stbl'));
	const stsd = find(stbl, 'stsd');
	const stts = find(stbl, 'stts');
	if (!tkhd || !mdhd || !hdlr || !stbl || !stsd || !stts) return undefined;
	const entries = children(bytes, stsd, 8);
	if (!entries?.length) return undefined;
	let sampleCount = 0;
	for (let i = 0; i < bytes.readUInt32BE(stts.start + 4); i++) sampleCount += bytes.readUInt32BE(stts.start + 8 + i * 8);
	const ranges = sampleRanges(bytes, stbl);
	const inMedia = (range: [number, number]) => media.some((m) => range[0] >= m.start && range[1] <= m.end);
	if (!ranges || ranges.length !== sampleCount || !ranges.every(inMedia)) return undefined;
	const { timescale, duration } = timing(bytes, mdhd);
	const sizeAt = tkhd.end - 8;
	return {
		handler: bytes.toString('latin1', hdlr.start + 8, hdlr.start + 12),
		codec: entries[0].type,
		width: bytes.readUInt32BE(sizeAt) / 0x10000,
		height: bytes.readUInt32BE(sizeAt + 4) / 0x10000,
		sampleCount,
		durationSeconds: timescale ? duration / timescale : 0,
	};
}

/**
 * Checks the box structure of an MP4 as a demuxer would: top-level boxes that exactly fill the
 * file, ftyp first, a moov with mvhd and tracks whose sample tables agree and point into mdat.
 * `bytes` may be just the head of a longer file of `totalBytes` (a streamed download) as long as it
 * holds ftyp, moov and the header of every top-level box.
 * Returns undefined for anything else.
 */
export function probeMp4(bytes: Buffer, totalBytes = bytes.length): Mp4Info | undefined {
	try {
		const top = boxesIn(bytes, 0, totalBytes);
		const ftyp = top?.[0];
		if (!top || ftyp?.type !== 'ftyp' || ftyp.end > bytes.length) return undefined;
		const moov = children(bytes, find(top, 'moov'));
		const mvhd = find(moov, 'mvhd');
		const media = top.filter((b) => b.type === 'mdat');
		if (!moov || !mvhd || media.length === 0) return undefined;
		const tracks = moov.filter((b) => b.type === 'trak').map((trak) => probeTrack(bytes, trak, media));
		if (tracks.length === 0 || tracks.some((t) => !t)) return undefined;
		const brands: string[] = [];
		for (let at = ftyp.start + 8; at + 4 <= ftyp.end; at += 4) brands.push(bytes.toString('latin1', at, at + 4));
		const { timescale, duration } = timing(bytes, mvhd);
		return {
			majorBrand: bytes.toString('latin1', ftyp.start, ftyp.start + 4),
			compatibleBrands: brands,
			boxes: top.map((b) => b.type),
			durationSeconds: timescale ? duration / timescale : 0,
			tracks: tracks as Mp4Track[],
			totalBytes,
		};
	} catch {
		return undefined; // a field read past the end of the buffer
	}
}
