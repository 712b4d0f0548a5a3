#!/usr/bin/env python3
"""Writes a small H.264 stream coded with field pictures (PAFF), which no encoder at hand makes (x264 codes
interlaced video as MBAFF only), as a raw Annex B stream and as an MP4 whose samples hold whole frames.

    make_paff.py [--size WxH] OUT.h264 OUT.mp4

(--size: the frame in macroblocks, 8x6 by default; H even. The fuzz seeds seed_paff_4x2.h264 / .mp4 of the
h264 and decoder-core fuzz tests were made with --size 4x2.)

128x96 (8x6 macroblocks, fields of 8x3), Main profile, CAVLC, frame_mbs_only_flag 0 without MBAFF, POC type 0,
three reference frames, VUI with 25 fps timing and bitstream_restriction (one reorder frame). Ten frames, mixing
field pairs and frame pictures; in display order:

  F0  I field pair, IDR top field (the bottom field is a non-IDR I field): every macroblock I_PCM (content A)
  F1  B field pair, non-reference, temporal direct, every macroblock B_Skip (co-located: F2's fields)
  F2  P field pair, every macroblock P_L0_16x16 with one vector (5, -3) and no residual
  F3  B frame picture, temporal direct, B_Skip (co-located: F4, coded as fields: field-to-frame mapping)
  F4  P field pair, vector (-70, 37): blocks reach past the fields' edges
  F5  B field pair, temporal direct, B_Skip (co-located: F6, a frame picture: frame-to-field mapping)
  F6  P frame picture, vector (9, 6), predicting from F4's two fields as a frame
  F7  I field pair, IDR again (content B)
  F8  P field pair: top field vector (3, 2) from F7; the bottom field's list reordered
      (ref_pic_list_modification) to predict from the top field of its own frame, vector (-2, 5):
      opposite parity, so chroma is shifted a quarter line
  F9  P frame picture, vector (-7, -5), from F8's fields as a frame

Decode order: F0 F2 F1 F4 F3 F6 F5 F7 F8 F9. Vectors are in quarter samples (of the field for field pictures).
The content is pseudo-random texture over gradients, fixed by the seed: the point is the decoding process,
the reference output is FFmpeg's. The MP4 has one sample per frame (both fields in it, as a muxer writing whole
access units does), composition offsets and an edit list hiding the one-frame reordering delay.
"""
import random
import struct
import sys

import make_two_descriptions as mp4

W_MBS, H_MBS = 8, 6  # frame size in macroblocks
FIELD_MBS = W_MBS * H_MBS // 2
FRAME_MBS = W_MBS * H_MBS
TIMESCALE, FRAME_TICKS = 25000, 1000


class Bits:
    def __init__(self):
        self.bits = []

    def u(self, n, v):
        self.bits += [(v >> (n - 1 - i)) & 1 for i in range(n)]
        return self

    def ue(self, v):
        x = v + 1
        n = x.bit_length()
        return self.u(n - 1, 0).u(n, x)

    def se(self, v):
        return self.ue(2 * v - 1 if v > 0 else -2 * v)

    def align_zero(self):
        while len(self.bits) % 8:
            self.bits.append(0)
        return self

    def byte(self, v):
        return self.u(8, v)

    def rbsp(self):
        self.bits.append(1)  # rbsp_stop_one_bit
        self.align_zero()
        return bytes(int(''.join(map(str, self.bits[i:i + 8])), 2) for i in range(0, len(self.bits), 8))


def escape(rbsp):
    out, zeros = bytearray(), 0
    for b in rbsp:
        if zeros >= 2 and b <= 3:
            out.append(3)
            zeros = 0
        out.append(b)
        zeros = zeros + 1 if b == 0 else 0
    return bytes(out)


def nal(ref_idc, kind, bits):
    return bytes([(ref_idc << 5) | kind]) + escape(bits.rbsp())


def sps():
    b = Bits().u(8, 77).u(8, 0).u(8, 30).ue(0)  # Main, level 3.0, seq_parameter_set_id 0
    b.ue(0)  # log2_max_frame_num_minus4: frame_num has 4 bits
    b.ue(0).ue(4)  # pic_order_cnt_type 0, log2_max_pic_order_cnt_lsb_minus4 4 (8 bits)
    b.ue(3).u(1, 0)  # max_num_ref_frames 3, gaps_in_frame_num_value_allowed_flag 0
    b.ue(W_MBS - 1).ue(H_MBS // 2 - 1)  # width in macroblocks, height in map units (pairs of rows)
    b.u(1, 0).u(1, 0).u(1, 1)  # frame_mbs_only_flag 0, mb_adaptive_frame_field_flag 0, direct_8x8_inference_flag 1
    b.u(1, 0)  # frame_cropping_flag
    b.u(1, 1)  # vui_parameters_present_flag
    b.u(1, 0).u(1, 0).u(1, 0).u(1, 0)  # aspect ratio, overscan, video signal type, chroma location: absent
    b.u(1, 1).u(32, 1).u(32, 50).u(1, 1)  # timing: tick 1/50 s (a field), 25 frames/s, fixed rate
    b.u(1, 0).u(1, 0).u(1, 0)  # no NAL / VCL HRD, pic_struct_present_flag 0
    b.u(1, 1).u(1, 1).ue(0).ue(0).ue(16).ue(16)  # bitstream_restriction, motion vectors over boundaries
    b.ue(1).ue(3)  # max_num_reorder_frames 1, max_dec_frame_buffering 3
    return nal(3, 7, b)


def pps():
    b = Bits().ue(0).ue(0).u(1, 0).u(1, 0).ue(0)  # ids 0, CAVLC, no bottom-field POC delta, one slice group
    b.ue(0).ue(0).u(1, 0).u(2, 0)  # one reference per list by default, no weighted prediction
    b.se(0).se(0).se(0)  # pic_init_qp 26, pic_init_qs 26, chroma_qp_index_offset 0
    b.u(1, 1).u(1, 0).u(1, 0)  # deblocking_filter_control_present_flag 1, no constrained intra, no redundant_pic_cnt
    return nal(3, 8, b)


P, B, I = 5, 6, 7  # slice_type (all slices of the picture the same type)


def slice_header(b, kind, frame_num, field, poc_lsb, idr, ref, direct_spatial=False, modification=None):
    b.ue(0).ue(kind).ue(0).u(4, frame_num)  # first_mb_in_slice, slice_type, pic_parameter_set_id, frame_num
    b.u(1, 1 if field else 0)  # field_pic_flag
    if field:
        b.u(1, 1 if field == 'bottom' else 0)  # bottom_field_flag
    if idr:
        b.ue(0)  # idr_pic_id
    b.u(8, poc_lsb)
    if kind == B:
        b.u(1, 1 if direct_spatial else 0)
    if kind in (P, B):
        b.u(1, 0)  # num_ref_idx_active_override_flag
        if modification is None:
            b.u(1, 0)
        else:  # ref_pic_list_modification_flag_l0 and its commands: (idc, value) pairs, then idc 3
            b.u(1, 1)
            for idc, value in modification:
                b.ue(idc).ue(value)
            b.ue(3)
        if kind == B:
            b.u(1, 0)
    if ref:
        if idr:
            b.u(1, 0).u(1, 0)  # no_output_of_prior_pics_flag, long_term_reference_flag
        else:
            b.u(1, 0)  # adaptive_ref_pic_marking_mode_flag
    b.se(0)  # slice_qp_delta
    b.ue(0).se(0).se(0)  # deblocking on, no offsets


def texture(seed, w, h, amplitude):
    r = random.Random(seed)
    return [[max(0, min(255, (x * 160 // w + y * 80 // h + 8) + r.randint(-amplitude, amplitude))) for x in range(w)]
            for y in range(h)]


def write_pcm(b, seed, field):
    """The slice data of an I picture whose macroblocks are all I_PCM, filled from textures of the seed."""
    rows = H_MBS // 2 if field else H_MBS
    luma = texture(seed, W_MBS * 16, rows * 16, 40)
    cb = texture(seed + 1000, W_MBS * 8, rows * 8, 30)
    cr = texture(seed + 2000, W_MBS * 8, rows * 8, 30)
    for my in range(rows):
        for mx in range(W_MBS):
            b.ue(25).align_zero()  # mb_type I_PCM, pcm_alignment_zero_bit
            for y in range(16):
                for x in range(16):
                    b.byte(luma[my * 16 + y][mx * 16 + x])
            for plane in (cb, cr):
                for y in range(8):
                    for x in range(8):
                        b.byte(plane[my * 8 + y][mx * 8 + x])


def write_motion(b, mbs, mv):
    """Every macroblock P_L0_16x16 with the vector mv and coded_block_pattern 0: mvd is mv for the first and 0
    for the others (their prediction is mv from the left, above and above-right neighbours)."""
    for i in range(mbs):
        b.ue(0)  # mb_skip_run
        b.ue(0)  # mb_type P_L0_16x16 (one reference: no ref_idx_l0)
        b.se(mv[0] if i == 0 else 0).se(mv[1] if i == 0 else 0)
        b.ue(0)  # coded_block_pattern 0 (inter mapping)


def picture(kind, frame_num, field, poc_lsb, idr=False, ref=True, seed=None, mv=None, modification=None):
    b = Bits()
    slice_header(b, kind, frame_num, field, poc_lsb, idr, ref, modification=modification)
    mbs = FIELD_MBS if field else FRAME_MBS
    if kind == I:
        write_pcm(b, seed, field)
    elif kind == P:
        write_motion(b, mbs, mv)
    else:
        b.ue(mbs)  # mb_skip_run: every macroblock B_Skip (direct)
    return nal(3 if ref else 0, 5 if idr else 1, b)


def frames():
    """(display index, [NAL units]) of the frames in decode order."""
    return [
        (0, [picture(I, 0, 'top', 0, idr=True, seed=1), picture(I, 0, 'bottom', 1, seed=2)]),
        (2, [picture(P, 1, 'top', 8, mv=(5, -3)), picture(P, 1, 'bottom', 9, mv=(5, -3))]),
        (1, [picture(B, 2, 'top', 4, ref=False), picture(B, 2, 'bottom', 5, ref=False)]),
        (4, [picture(P, 2, 'top', 16, mv=(-70, 37)), picture(P, 2, 'bottom', 17, mv=(-70, 37))]),
        (3, [picture(B, 3, None, 12, ref=False)]),
        (6, [picture(P, 3, None, 24, mv=(9, 6))]),
        (5, [picture(B, 4, 'top', 20, ref=False), picture(B, 4, 'bottom', 21, ref=False)]),
        (7, [picture(I, 0, 'top', 0, idr=True, seed=3), picture(I, 0, 'bottom', 1, seed=4)]),
        # the bottom field's list: CurrPicNum 3 (2 * frame_num + 1), abs_diff_pic_num_minus1 0 -> PicNum 2, the
        # top field of the same frame (other parity: 2 * FrameNumWrap)
        (8, [picture(P, 1, 'top', 8, mv=(3, 2)), picture(P, 1, 'bottom', 9, mv=(-2, 5), modification=[(0, 0)])]),
        (9, [picture(P, 2, None, 16, mv=(-7, -5))]),
    ]


def main(raw_name, mp4_name):
    params = [sps(), pps()]
    coded = frames()
    start = b'\x00\x00\x00\x01'
    with open(raw_name, 'wb') as f:
        for i, (_, units) in enumerate(coded):
            for u in (params if i == 0 else []) + units:
                f.write(start + u)
    # MP4: avcC with the SPS and PPS, one sample per frame (its fields, 4-byte lengths)
    s, p = params
    avcc = mp4.box('avcC', bytes([1, s[1], s[2], s[3], 0xff, 0xe1]), struct.pack('>H', len(s)), s,
                   bytes([1]), struct.pack('>H', len(p)), p)
    entry = mp4.box('avc1', bytes(6), struct.pack('>H', 1), bytes(16), struct.pack('>HH', W_MBS * 16, H_MBS * 16),
                    struct.pack('>II', 0x480000, 0x480000), bytes(4), struct.pack('>H', 1), bytes(32),
                    struct.pack('>Hh', 0x18, -1), avcc)
    samples = [b''.join(struct.pack('>I', len(u)) + u for u in units) for _, units in coded]
    n = len(samples)
    delay = FRAME_TICKS  # the reordering delay: composition = display index + 1 frame, decode = decode index
    offsets = [d * FRAME_TICKS + delay - i * FRAME_TICKS for i, (d, _) in enumerate(coded)]
    assert min(offsets) >= 0
    sync = [i + 1 for i, (_, units) in enumerate(coded) if units[0][0] & 0x1f == 5]
    duration = n * FRAME_TICKS
    ftyp = mp4.box('ftyp', b'isom', struct.pack('>I', 512), b'isomiso2avc1mp41')
    mdat = mp4.box('mdat', b''.join(samples))
    chunk = len(ftyp) + 8
    stbl = mp4.box('stbl',
                   mp4.full('stsd', 0, 0, struct.pack('>I', 1), entry),
                   mp4.full('stts', 0, 0, struct.pack('>III', 1, n, FRAME_TICKS)),
                   mp4.full('ctts', 0, 0, struct.pack('>I', n), *[struct.pack('>II', 1, o) for o in offsets]),
                   mp4.full('stss', 0, 0, struct.pack('>I', len(sync)), *[struct.pack('>I', x) for x in sync]),
                   mp4.full('stsc', 0, 0, struct.pack('>IIII', 1, 1, n, 1)),
                   mp4.full('stsz', 0, 0, struct.pack('>II', 0, n), *[struct.pack('>I', len(x)) for x in samples]),
                   mp4.full('stco', 0, 0, struct.pack('>II', 1, chunk)))
    movie_ms = duration * 1000 // TIMESCALE
    minf = mp4.box('minf', mp4.full('vmhd', 0, 1, bytes(8)),
                   mp4.box('dinf', mp4.full('dref', 0, 0, struct.pack('>I', 1), mp4.full('url ', 0, 1))), stbl)
    mdia = mp4.box('mdia', mp4.full('mdhd', 0, 0, struct.pack('>IIIIHH', 0, 0, TIMESCALE, duration, 0x55c4, 0)),
                   mp4.full('hdlr', 0, 0, struct.pack('>I', 0), b'vide', bytes(12), b'VideoHandler\0'), minf)
    edts = mp4.box('edts', mp4.full('elst', 0, 0, struct.pack('>IIIHH', 1, movie_ms, delay, 1, 0)))
    tkhd = mp4.full('tkhd', 0, 3, struct.pack('>IIIII', 0, 0, 1, 0, movie_ms), bytes(8), struct.pack('>hhhh', 0, 0, 0, 0),
                    mp4.MATRIX, struct.pack('>II', (W_MBS * 16) << 16, (H_MBS * 16) << 16))
    mvhd = mp4.full('mvhd', 0, 0, struct.pack('>IIII', 0, 0, 1000, movie_ms), struct.pack('>IH', 0x10000, 0x100),
                    bytes(10), mp4.MATRIX, bytes(24), struct.pack('>I', 2))
    moov = mp4.box('moov', mvhd, mp4.box('trak', tkhd, edts, mdia))
    with open(mp4_name, 'wb') as f:
        f.write(ftyp + mdat + moov)


if __name__ == '__main__':
    args = sys.argv[1:]
    if len(args) == 4 and args[0] == '--size':
        W_MBS, H_MBS = (int(v) for v in args[1].split('x'))
        if H_MBS % 2:
            raise SystemExit('the height in macroblocks must be even (pairs of rows)')
        FIELD_MBS = W_MBS * H_MBS // 2
        FRAME_MBS = W_MBS * H_MBS
        args = args[2:]
    if len(args) != 2:
        raise SystemExit(__doc__)
    main(args[0], args[1])
