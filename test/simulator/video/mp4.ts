/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { Readable } from 'node:stream';

import { box, boxHeader, fourCc, fullBox, u16, u32, u8, UNITY_MATRIX, zeros } from './boxes';
import { greyH264 } from './h264';

export interface Mp4Options {
	width: number;
	height: number;
	durationSeconds: number;
	/**
	 * Serve at least this many bytes: unreferenced filler at the end of mdat (allowed by
	 * ISO/IEC 14496-12), streamed in chunks, so hundreds of MB cost no memory. 0 = natural size.
	 */
	minBytes?: number;
}

export interface Mp4Body {
	/** Exact byte length of the stream. */
	size: number;
	/** A fresh stream of the file each call. */
	open: () => Readable;
}

const FPS = 24;
const TIMESCALE = FPS * 512;
const MOVIE_TIMESCALE = 1000;
const FILLER_CHUNK_BYTES = 256 * 1024;

let fillerChunk: Buffer | undefined;
/** Noise-like filler shared by every video (so padded files do not compress to nothing). */
function filler(): Buffer {
	if (!fillerChunk) {
		fillerChunk = Buffer.alloc(FILLER_CHUNK_BYTES);
		let state = 0x9e3779b9;
		for (let i = 0; i < fillerChunk.length; i++) {
			state ^= state << 13;
			state ^= state >>> 17;
			state ^= state << 5;
			fillerChunk[i] = state & 0xff;
		}
	}
	return fillerChunk;
}

function sampleEntry(width: number, height: number, sps: Buffer, pps: Buffer): Buffer {
	const avcC = box(
		'avcC',
		u8(1), // configurationVersion
		sps.subarray(1, 4), // profile, constraints, level
		u8(0xff), // lengthSizeMinusOne = 3
		u8(0xe1), // one SPS
		u16(sps.length),
		sps,
		u8(1), // one PPS
		u16(pps.length),
		pps,
	);
	const compressorName = zeros(32);
	compressorName.write('\u0004grey', 'latin1');
	return box(
		'avc1',
		zeros(6),
		u16(1), // data_reference_index
		zeros(16),
		u16(width),
		u16(height),
		u32(0x00480000), // 72 dpi
		u32(0x00480000),
		zeros(4),
		u16(1), // frame_count
		compressorName,
		u16(0x18), // depth
		u16(0xffff), // pre_defined = -1
		avcC,
	);
}

function movieBox(options: Mp4Options, sampleSizes: number[], sps: Buffer, pps: Buffer, dataOffset: number): Buffer {
	const { width, height } = options;
	const frames = sampleSizes.length;
	const movieDuration = Math.round((frames * MOVIE_TIMESCALE) / FPS);
	const mediaDuration = frames * (TIMESCALE / FPS);
	const stbl = box(
		'stbl',
		fullBox('stsd', 0, 0, u32(1), sampleEntry(width, height, sps, pps)),
		fullBox('stts', 0, 0, u32(1), u32(frames), u32(TIMESCALE / FPS)),
		fullBox('stss', 0, 0, u32(1), u32(1)), // only the first frame is a sync sample
		fullBox('stsc', 0, 0, u32(1), u32(1), u32(frames), u32(1)), // one chunk with every sample
		fullBox('stsz', 0, 0, u32(0), u32(frames), ...sampleSizes.map(u32)),
		fullBox('stco', 0, 0, u32(1), u32(dataOffset)),
	);
	const minf = box(
		'minf',
		fullBox('vmhd', 0, 1, zeros(8)),
		box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
		stbl,
	);
	const mdia = box(
		'mdia',
		fullBox('mdhd', 0, 0, zeros(8), u32(TIMESCALE), u32(mediaDuration), u16(0x55c4) /* "und" */, zeros(2)),
		fullBox('hdlr', 0, 0, zeros(4), fourCc('vide'), zeros(12), Buffer.from('VideoHandler\0', 'latin1')),
		minf,
	);
	const tkhd = fullBox(
		'tkhd',
		0,
		3, // enabled, in movie
		zeros(8),
		u32(1), // track_ID
		zeros(4),
		u32(movieDuration),
		zeros(8),
		zeros(8), // layer, alternate_group, volume, reserved
		UNITY_MATRIX,
		u32(width * 0x10000),
		u32(height * 0x10000),
	);
	const mvhd = fullBox(
		'mvhd',
		0,
		0,
		zeros(8),
		u32(MOVIE_TIMESCALE),
		u32(movieDuration),
		u32(0x00010000), // rate 1.0
		u16(0x0100), // volume 1.0
		zeros(10),
		UNITY_MATRIX,
		zeros(24),
		u32(2), // next_track_ID
	);
	return box('moov', mvhd, box('trak', tkhd, mdia));
}

/**
 * A valid, playable MP4 (ISO-BMFF: ftyp, moov, mdat, moov first) of a grey H.264 picture at
 * 24 fps, built by code. The head is a few KB; the filler that makes up `minBytes` is streamed.
 */
export function buildMp4(options: Mp4Options): Mp4Body {
	const stream = greyH264(options.width, options.height);
	const frames = Math.max(1, Math.round(options.durationSeconds * FPS));
	const samples = Array.from({ length: frames }, (_, index) => {
		const nal = stream.frame(index);
		return Buffer.concat([u32(nal.length), nal]);
	});
	const sampleBytes = samples.reduce((sum, sample) => sum + sample.length, 0);
	const ftyp = box('ftyp', fourCc('isom'), u32(512), ...['isom', 'iso2', 'avc1', 'mp41'].map(fourCc));
	const sizes = samples.map((sample) => sample.length);
	const moovBytes = movieBox(options, sizes, stream.sps, stream.pps, 0).length;
	const mdatBytes = Math.max(8 + sampleBytes, (options.minBytes ?? 0) - ftyp.length - moovBytes);
	const mdatHeader = boxHeader('mdat', mdatBytes);
	const padding = mdatBytes - mdatHeader.length - sampleBytes;
	const moov = movieBox(options, sizes, stream.sps, stream.pps, ftyp.length + moovBytes + mdatHeader.length);
	const head = Buffer.concat([ftyp, moov, mdatHeader, ...samples]);
	return {
		size: ftyp.length + moovBytes + mdatBytes,
		open: () => Readable.from(chunks(head, padding)),
	};
}

function* chunks(head: Buffer, padding: number): Generator<Buffer> {
	yield head;
	const chunk = filler();
	for (let left = padding; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
}
