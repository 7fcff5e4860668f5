import { BitWriter } from './bitWriter';

/**
 * A real, decodable H.264 (Constrained Baseline) stream of a plain grey picture, written without an
 * encoder: the IDR frame codes every macroblock as Intra 16×16 DC prediction with no residual, and
 * every later frame skips all macroblocks. A 1080p frame costs 8 KB, a later frame a few bytes.
 */
export interface GreyH264 {
	sps: Buffer;
	pps: Buffer;
	/** NAL unit of frame `index` (0 is the IDR frame). */
	frame(index: number): Buffer;
}

const NAL = { slice: 1, idr: 5, sps: 7, pps: 8 };
/** log2_max_frame_num_minus4 = 0: frame_num counts modulo 16. */
const FRAME_NUM_BITS = 4;
/** I_16x16_2_0_0: DC prediction, no coded luma or chroma blocks (Table 7-11). */
const MB_I16X16_DC_NO_RESIDUAL = 3;
/** Slice types 5 to 9 say every slice of the picture has that type (Table 7-6). */
const SLICE_P = 5;
const SLICE_I = 7;

/** Lowest level whose MaxFS holds the frame (Table A-1); 24 fps stays within each level's MaxMBPS. */
function levelFor(macroblocks: number): number {
	const levels: Array<[number, number]> = [[1620, 30], [3600, 31], [5120, 32], [8192, 40], [22080, 50]];
	return levels.find(([maxFrameSize]) => macroblocks <= maxFrameSize)?.[1] ?? 51;
}

/** A NAL unit: header byte, then the RBSP with emulation prevention bytes (§7.4.1). */
function nalUnit(type: number, refIdc: number, rbsp: Buffer): Buffer {
	const out: number[] = [(refIdc << 5) | type];
	let zeros = 0;
	for (const byte of rbsp) {
		if (zeros >= 2 && byte <= 3) {
			out.push(3);
			zeros = 0;
		}
		out.push(byte);
		zeros = byte === 0 ? zeros + 1 : 0;
	}
	return Buffer.from(out);
}

export function greyH264(width: number, height: number): GreyH264 {
	const mbWidth = Math.ceil(width / 16);
	const mbHeight = Math.ceil(height / 16);
	const macroblocks = mbWidth * mbHeight;
	// 4:2:0 crops in units of 2 luma samples.
	const cropRight = (mbWidth * 16 - width) / 2;
	const cropBottom = (mbHeight * 16 - height) / 2;
	const cropped = cropRight > 0 || cropBottom > 0;

	const sps = new BitWriter()
		.bits(66, 8) // profile_idc: Baseline
		.bits(0xc0, 8) // constraint_set0 and set1: Constrained Baseline
		.bits(levelFor(macroblocks), 8)
		.ue(0) // seq_parameter_set_id
		.ue(FRAME_NUM_BITS - 4)
		.ue(2) // pic_order_cnt_type 2: output order = decoding order
		.ue(1) // max_num_ref_frames
		.flag(false) // gaps_in_frame_num_value_allowed_flag
		.ue(mbWidth - 1)
		.ue(mbHeight - 1)
		.flag(true) // frame_mbs_only_flag
		.flag(true) // direct_8x8_inference_flag
		.flag(cropped);
	if (cropped) sps.ue(0).ue(cropRight).ue(0).ue(cropBottom);
	sps.flag(false); // vui_parameters_present_flag

	const pps = new BitWriter()
		.ue(0) // pic_parameter_set_id
		.ue(0) // seq_parameter_set_id
		.flag(false) // entropy_coding_mode_flag: CAVLC
		.flag(false) // bottom_field_pic_order_in_frame_present_flag
		.ue(0) // num_slice_groups_minus1
		.ue(0) // num_ref_idx_l0_default_active_minus1
		.ue(0) // num_ref_idx_l1_default_active_minus1
		.flag(false) // weighted_pred_flag
		.bits(0, 2) // weighted_bipred_idc
		.se(0) // pic_init_qp_minus26
		.se(0) // pic_init_qs_minus26
		.se(0) // chroma_qp_index_offset
		.flag(true) // deblocking_filter_control_present_flag
		.flag(false) // constrained_intra_pred_flag
		.flag(false); // redundant_pic_cnt_present_flag

	const idr = new BitWriter()
		.ue(0) // first_mb_in_slice
		.ue(SLICE_I)
		.ue(0) // pic_parameter_set_id
		.bits(0, FRAME_NUM_BITS) // frame_num
		.ue(0) // idr_pic_id
		.flag(false) // no_output_of_prior_pics_flag
		.flag(false) // long_term_reference_flag
		.se(0) // slice_qp_delta
		.ue(1); // disable_deblocking_filter_idc
	for (let mb = 0; mb < macroblocks; mb++) {
		idr.ue(MB_I16X16_DC_NO_RESIDUAL)
			.ue(0) // intra_chroma_pred_mode: DC
			.se(0) // mb_qp_delta
			.bits(1, 1); // Intra16x16DCLevel coeff_token: no coefficients (nC 0)
	}
	const idrNal = nalUnit(NAL.idr, 3, idr.trailing());

	const skipped = (frameNum: number) =>
		nalUnit(
			NAL.slice,
			2, // a reference picture: pic_order_cnt_type 2 allows no two non-reference frames in a row
			new BitWriter()
				.ue(0) // first_mb_in_slice
				.ue(SLICE_P)
				.ue(0) // pic_parameter_set_id
				.bits(frameNum, FRAME_NUM_BITS)
				.flag(false) // num_ref_idx_active_override_flag
				.flag(false) // ref_pic_list_modification_flag_l0
				.flag(false) // adaptive_ref_pic_marking_mode_flag
				.se(0) // slice_qp_delta
				.ue(1) // disable_deblocking_filter_idc
				.ue(macroblocks) // mb_skip_run: every macroblock copies the reference frame
				.trailing(),
		);
	const later = Array.from({ length: 1 << FRAME_NUM_BITS }, (_, frameNum) => skipped(frameNum));

	return {
		sps: nalUnit(NAL.sps, 3, sps.trailing()),
		pps: nalUnit(NAL.pps, 3, pps.trailing()),
		frame: (index) => (index === 0 ? idrNal : later[index % later.length]),
	};
}
