#!/usr/bin/env bash
# Generates every test video in testdata/videos and its reference outputs in testdata/reference.
#
# Needs ffmpeg/ffprobe with libx264 (Debian 12: `apt-get install ffmpeg`, FFmpeg 5.1 + x264 0.164).
# The outputs are committed: building and testing the project never runs this script.
#
#   testdata/generate.sh            regenerate everything (overwrites videos and references)
#   testdata/generate.sh --refs     only recompute the reference outputs of the committed videos
#
# Reference outputs per playable clip NAME (the truth the tests compare against):
#   reference/NAME.framemd5      ffmpeg -i F -map 0:v:0 -fps_mode passthrough -f framemd5  (native pixel format)
#   reference/NAME.packets.csv   ffprobe -show_packets of the first video stream: pts,dts,duration,size,flags
#   reference/NAME.probe.json    ffprobe -show_streams -show_format as JSON
#   reference/NAME.rgb.framemd5  the same frames converted by FFmpeg to rgb24 (swscale defaults)
#   reference/NAME.fK.rgb.gz     raw rgb24 of output frame K (a few frames per clip), gzip-compressed
# The manifest testdata/clips.tsv lists every file, what it exercises and, for inputs that must be
# refused, the error category expected.
set -euo pipefail
cd "$(dirname "$0")"
V=videos
R=reference
mkdir -p "$V" "$R" "$V/clips" "$V/refused"

FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
# Deterministic muxing: no encoder/muxer version strings that change between FFmpeg builds.
BITEXACT=(-fflags +bitexact -flags:v +bitexact)

refs_only=0
[ "${1:-}" = "--refs" ] && refs_only=1

# Source content: a Mandelbrot zoom (detailed, moving) scrolled sideways, so that motion vectors are
# both zoom-like and translational. $1 = size, $2 = frames.
src() {
  echo "mandelbrot=size=$1:rate=25:start_scale=2.5:end_scale=0.5:end_pts=60,scroll=h=0.003:v=0.002,trim=end_frame=$2"
}

encode() { # encode OUT SIZE FRAMES [extra ffmpeg output args...]
  local out=$1 size=$2 frames=$3; shift 3
  [ $refs_only = 1 ] && return 0
  "${FF[@]}" -f lavfi -i "$(src "$size" "$frames")" -c:v libx264 -pix_fmt yuv420p -crf 27 "$@" "${BITEXACT[@]}" "$out"
}

packets() { # packet table of the first video stream, in file (decode) order
  echo "pts,dts,duration,size,flags"
  ffprobe -v error -select_streams v:0 -show_entries packet=pts,dts,duration,size,flags -of csv=p=0 "$1" | sed 's/,*$//'
}

refs() { # refs NAME FILE [rgb frame indices...]
  local name=$1 f=$2; shift 2
  # a stream that changes its picture size: every frame at its own size (FFmpeg scales to the first by default)
  local keep=(); case $name in size_change*) keep=(-autoscale 0) ;; esac
  "${FF[@]}" -i "$f" -map 0:v:0 -fps_mode passthrough "${keep[@]}" -f framemd5 "$R/$name.framemd5"
  packets "$f" > "$R/$name.packets.csv"
  ffprobe -v error -show_streams -show_format -of json "$f" > "$R/$name.probe.json"
  "${FF[@]}" -i "$f" -map 0:v:0 -fps_mode passthrough "${keep[@]}" -pix_fmt rgb24 -f framemd5 "$R/$name.rgb.framemd5"
  local k
  for k in "$@"; do
    if [ ${#keep[@]} -gt 0 ]; then
      # the select filter counts frames afresh when a new size rebuilds the filter graph: cut frame k out of all
      # frames instead (each frame's size from the rgb framemd5)
      "${FF[@]}" -i "$f" -map 0:v:0 -fps_mode passthrough "${keep[@]}" -pix_fmt rgb24 -f rawvideo - | python3 -c '
import sys
sizes = [int(l.split(",")[4]) for l in open(sys.argv[1]) if not l.startswith("#")]
k = int(sys.argv[2])
data = sys.stdin.buffer.read()
sys.stdout.buffer.write(data[sum(sizes[:k]):sum(sizes[:k + 1])])' "$R/$name.rgb.framemd5" "$k" | gzip -9n > "$R/$name.f$k.rgb.gz"
      continue
    fi
    "${FF[@]}" -i "$f" -map 0:v:0 -fps_mode passthrough -vf "select=eq(n\\,$k)" -frames:v 1 -pix_fmt rgb24 -f rawvideo - \
      | gzip -9n > "$R/$name.f$k.rgb.gz"
  done
}

# ---------------------------------------------------------------------------------------------------
# sample.mp4: the embedded default video. 640x360, 25 fps, 345 frames (13.8 s), x264 High profile
# with its default settings (CABAC, 3 B-frames with pyramid, keyint 250, 8x8 transform), ~1.7 Mbit/s.
if [ $refs_only = 0 ]; then
  "${FF[@]}" -f lavfi -i "mandelbrot=size=640x360:rate=25:start_scale=3:end_scale=0.3:end_pts=400" -t 13.8 \
    -c:v libx264 -profile:v high -pix_fmt yuv420p "${BITEXACT[@]}" "$V/sample.mp4"
fi
refs sample "$V/sample.mp4" 0 100

# ---------------------------------------------------------------------------------------------------
# The clip matrix: small clips, one or two coding tools each. 320x240 unless said otherwise, 2 s.
S=320x240
N=50
C=$V/clips
encode "$C/baseline_cavlc.mp4"      $S $N -profile:v baseline -x264-params keyint=25
encode "$C/main_cabac.mp4"          $S $N -profile:v main
encode "$C/high_cqm_jvt.mp4"        $S $N -profile:v high -x264-params cqm=jvt:8x8dct=1
encode "$C/bframes_pyramid.mp4"     $S $N -profile:v high -x264-params bframes=3:b-pyramid=normal:b-adapt=0
encode "$C/bframes_nopyramid.mp4"   $S $N -profile:v high -x264-params bframes=3:b-pyramid=none:b-adapt=0
encode "$C/implicit_weightb.mp4"    $S $N -profile:v high -x264-params weightp=0:weightb=1:bframes=3
encode "$C/direct_temporal.mp4"     $S $N -profile:v high -x264-params direct=temporal:bframes=3:b-adapt=0
encode "$C/no_deblock.mp4"          $S $N -profile:v high -x264-params no-deblock=1
encode "$C/slices4.mp4"             $S $N -profile:v high -x264-params slices=4
encode "$C/odd_642x362.mp4"         642x362 25 -profile:v high
encode "$C/intra_only.mp4"          $S 25 -profile:v high -x264-params keyint=1
encode "$C/long_gop.mp4"            $S 120 -profile:v high -x264-params keyint=600:min-keyint=600:scenecut=0
encode "$C/open_gop.mp4"            $S 100 -profile:v high -x264-params keyint=25:min-keyint=25:scenecut=0:open-gop=1:bframes=3:b-adapt=0
encode "$C/one_frame.mp4"           $S 1 -profile:v high
encode "$C/two_frames.mp4"          $S 2 -profile:v high
encode "$C/multiref.mp4"            $S $N -profile:v high -x264-params ref=4:bframes=2
encode "$C/bt709.mp4"               $S $N -profile:v high -colorspace bt709 -color_primaries bt709 -color_trc bt709
encode "$C/mov_container.mov"       $S $N -profile:v high
# Progressive pictures in a stream flagged as one that may code fields (frame_mbs_only_flag 0, no MBAFF), as
# x264 --fake-interlaced makes for Blu-ray's 25p/30p: 240 rows coded as 8 map units of two macroblock rows,
# cropped in units of four rows; temporal direct.
encode "$C/fake_interlaced.mp4"     $S $N -profile:v high -x264-params fake-interlaced=1:direct=temporal:bframes=3:b-adapt=0
# 30000/1001 fps (NTSC): its raw Annex B copy carries the rate only in the SPS's VUI timing info.
encode "$C/ntsc_2997.mp4"           $S $N -profile:v main -r 30000/1001
# Monochrome (4:0:0, High profile): x264 from grey input. FFmpeg outputs yuv420p with chroma 128.
#   monochrome: CABAC, 8x8 transform, B-frames, weighted prediction over a fade-in.
#   monochrome_cavlc: CAVLC (coded_block_pattern's 4:0:0 table), weighted P, no 8x8 transform, no B-frames.
if [ $refs_only = 0 ]; then
  "${FF[@]}" -f lavfi -i "$(src $S $N),fade=in:0:20,format=gray" -c:v libx264 -pix_fmt gray -profile:v high -crf 27 \
    -x264-params weightp=2:bframes=3:weightb=1 "${BITEXACT[@]}" "$C/monochrome.mp4"
  "${FF[@]}" -f lavfi -i "$(src $S $N),format=gray" -c:v libx264 -pix_fmt gray -profile:v high -crf 27 \
    -x264-params cabac=0:weightp=2:8x8dct=0:bframes=0 "${BITEXACT[@]}" "$C/monochrome_cavlc.mp4"
fi
# 1080p for scaling and heap measurements: 1920x1080 (coded 1920x1088, cropped at the bottom), 40 frames,
# x264 High with its default settings like sample.mp4 (CABAC, 8x8 transform, 3 B-frames with pyramid),
# crf 27 (~1.5 MB, ~7.4 Mbit/s). Like every clip here, the bitstream depends on the number of x264
# threads, which x264 derives from the core count (threads=3 on the 2-core machines this was made on).
encode "$C/hd1080.mp4"              1920x1080 40 -profile:v high
# Explicit weighted prediction: x264 only uses it on fades, so fade the content in and out.
if [ $refs_only = 0 ]; then
  "${FF[@]}" -f lavfi -i "$(src $S $N),fade=in:0:20,fade=out:30:20" -c:v libx264 -pix_fmt yuv420p -profile:v high \
    -x264-params weightp=2:bframes=0 "${BITEXACT[@]}" "$C/explicit_weightp.mp4"
  # Full range (yuvj420p, video_full_range_flag=1).
  "${FF[@]}" -f lavfi -i "$(src $S $N),format=yuvj420p" -c:v libx264 -pix_fmt yuvj420p -profile:v high \
    -color_range pc "${BITEXACT[@]}" "$C/fullrange.mp4"
  # Variable frame rate: frame durations alternate between 40 ms, 80 ms and 20 ms.
  "${FF[@]}" -f lavfi -i "$(src $S $N),settb=1/1000,setpts='(N*40+if(gte(N\,20)\,(N-20)*40\,0)-if(gte(N\,35)\,(N-35)*60\,0))/1000/TB'" \
    -fps_mode passthrough -c:v libx264 -pix_fmt yuv420p -profile:v high -video_track_timescale 1000 \
    "${BITEXACT[@]}" "$C/vfr.mp4"
  # Fragmented MP4 (moov without samples, one moof/mdat per GOP, default-base-is-moof).
  "${FF[@]}" -f lavfi -i "$(src $S 75)" -c:v libx264 -pix_fmt yuv420p -profile:v high -x264-params keyint=25 \
    -movflags frag_keyframe+empty_moov+default_base_moof "${BITEXACT[@]}" "$C/fragmented.mp4"
  # Audio track first (track 1 = AAC audio, track 2 = video).
  "${FF[@]}" -f lavfi -i "$(src $S $N)" -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=2" \
    -map 1:a -map 0:v -c:v libx264 -pix_fmt yuv420p -profile:v high -c:a aac -b:a 64k \
    "${BITEXACT[@]}" "$C/audio_first.mp4"
  # Rotated: display matrix of 90 degrees in tkhd (stream copy of main_cabac).
  "${FF[@]}" -i "$C/main_cabac.mp4" -c copy -metadata:s:v:0 rotate=90 "${BITEXACT[@]}" "$C/rotated90.mp4"
  # Edit list starting on a B-frame: stream-copy cut of bframes_pyramid at frame 6 (a B-frame in
  # presentation order; decoding starts at the IDR and frames 0-5 are decoded but not presented).
  "${FF[@]}" -ss 0.24 -i "$C/bframes_pyramid.mp4" -c copy "${BITEXACT[@]}" "$C/editlist_bframe.mp4"
  # Two sample descriptions in one track: 25 frames Constrained Baseline (CAVLC) then 25 frames Main (CABAC,
  # no B-frames), each half with its own avcC whose SPS and PPS both have id 0 (so decoding the second half
  # with the first half's parameter sets goes wrong); joined without re-encoding by make_two_descriptions.py.
  parts=$(mktemp -d)
  "${FF[@]}" -f lavfi -i "$(src $S 25)" -c:v libx264 -pix_fmt yuv420p -crf 27 -profile:v baseline \
    "${BITEXACT[@]}" "$parts/a.mp4"
  "${FF[@]}" -f lavfi -i "$(src $S $N),trim=start_frame=25,setpts=PTS-STARTPTS" -c:v libx264 -pix_fmt yuv420p -crf 27 \
    -profile:v main -x264-params bframes=0 "${BITEXACT[@]}" "$parts/b.mp4"
  python3 make_two_descriptions.py "$parts/a.mp4" "$parts/b.mp4" "$C/two_descriptions.mp4"
  # avc3 with parameter sets in band only: the same two halves with a key frame every 10 frames, each half's
  # SPS and PPS (ids 0) moved from its avcC into its first sample, not repeated at the later key frames.
  "${FF[@]}" -f lavfi -i "$(src $S 25)" -c:v libx264 -pix_fmt yuv420p -crf 27 -profile:v baseline \
    -x264-params keyint=10 "${BITEXACT[@]}" "$parts/a10.mp4"
  "${FF[@]}" -f lavfi -i "$(src $S $N),trim=start_frame=25,setpts=PTS-STARTPTS" -c:v libx264 -pix_fmt yuv420p -crf 27 \
    -profile:v main -x264-params bframes=0:keyint=10 "${BITEXACT[@]}" "$parts/b10.mp4"
  python3 make_two_descriptions.py --in-band "$parts/a10.mp4" "$parts/b10.mp4" "$C/in_band_avc3.mp4"
  # A track whose second sample description changes the picture size (320x240, then 160x120).
  "${FF[@]}" -f lavfi -i "$(src $S 10)" -c:v libx264 -pix_fmt yuv420p -profile:v baseline "${BITEXACT[@]}" "$parts/big.mp4"
  "${FF[@]}" -f lavfi -i "$(src 160x120 10)" -c:v libx264 -pix_fmt yuv420p -profile:v main -x264-params bframes=0 \
    "${BITEXACT[@]}" "$parts/small.mp4"
  python3 make_two_descriptions.py --any-size "$parts/big.mp4" "$parts/small.mp4" "$C/size_change.mp4"
  # One sample description, the picture size changing in band: 10 frames 160x120 (Main, full range, no matrix
  # given: BT.601), then 10 frames 320x240 (Constrained Baseline, BT.709 full range) whose SPS and PPS (ids 0 in
  # both) come in their samples (key frames every 5, each with its parameter sets); the raw streams joined and muxed
  # again. Both halves full range: a change of range would change FFmpeg's pixel format (yuv420p / yuvj420p), and
  # its framemd5 would convert the second half's samples to the first's range instead of hashing them.
  "${FF[@]}" -f lavfi -i "$(src 160x120 10),format=yuvj420p" -c:v libx264 -pix_fmt yuvj420p -profile:v main \
    -x264-params keyint=5:bframes=0 -color_range pc "${BITEXACT[@]}" "$parts/small5.mp4"
  "${FF[@]}" -f lavfi -i "$(src $S 10),format=yuvj420p" -c:v libx264 -pix_fmt yuvj420p -profile:v baseline \
    -x264-params keyint=5 -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range pc \
    "${BITEXACT[@]}" "$parts/big5.mp4"
  for p in small5 big5; do
    "${FF[@]}" -i "$parts/$p.mp4" -c copy -bsf:v h264_mp4toannexb -f h264 "$parts/$p.h264"
  done
  cat "$parts/small5.h264" "$parts/big5.h264" > "$parts/joined.h264"
  "${FF[@]}" -r 25 -f h264 -i "$parts/joined.h264" -c copy "${BITEXACT[@]}" "$C/size_change_inband.mp4"
  # The same change with the parameter sets given once per part (at its first key frame, not repeated at the
  # later ones: key frames every 5): a seek to frame 15 needs the SPS and PPS of frame 10's sample.
  "${FF[@]}" -f lavfi -i "$(src 160x120 10)" -c:v libx264 -pix_fmt yuv420p -profile:v main \
    -x264-params keyint=5:bframes=0 "${BITEXACT[@]}" "$parts/small_once.mp4"
  "${FF[@]}" -f lavfi -i "$(src $S 10)" -c:v libx264 -pix_fmt yuv420p -profile:v baseline -x264-params keyint=5 \
    "${BITEXACT[@]}" "$parts/big_once.mp4"
  for p in small_once big_once; do
    "${FF[@]}" -i "$parts/$p.mp4" -c copy -bsf:v h264_mp4toannexb -f h264 "$parts/$p.all.h264"
    python3 strip_parameter_sets.py "$parts/$p.all.h264" "$parts/$p.h264"
  done
  cat "$parts/small_once.h264" "$parts/big_once.h264" > "$parts/joined_once.h264"
  "${FF[@]}" -r 25 -f h264 -i "$parts/joined_once.h264" -c copy "${BITEXACT[@]}" "$C/size_change_once.mp4"
  rm -r "$parts"
  # Field pictures (PAFF), which x264 cannot make (it codes interlaced video as MBAFF): a synthetic stream
  # written bit by bit (I_PCM fields, P fields and frames with one vector each, B fields and frames of direct
  # skips), as an MP4 whose samples are whole frames and as its raw Annex B stream (see make_paff.py).
  mkdir -p "$V/annexb"
  python3 make_paff.py "$V/annexb/paff.h264" "$C/paff.mp4"
fi

for f in "$C"/*.mp4 "$C"/*.mov; do
  name=$(basename "${f%.*}")
  case $name in
    fullrange|bt709|odd_642x362) refs "$name" "$f" 0 10 ;;   # colour-conversion cases: two frames
    hd1080) refs "$name" "$f" 0 ;;                           # one frame: 6 MB of rgb24 (1.3 MB gzipped)
    two_descriptions|in_band_avc3) refs "$name" "$f" 0 30 ;; # a frame of each half
    size_change) refs "$name" "$f" 0 15 ;;                    # a frame of each size
    size_change_inband|size_change_once) refs "$name" "$f" 5 15 ;;
    *) refs "$name" "$f" 0 ;;
  esac
done

# Raw Annex B elementary streams of a few clips, for h264-module tests that have no MP4 demuxer:
# the same bitstream as the MP4 (stream copy + h264_mp4toannexb), so the same framemd5 applies.
mkdir -p "$V/annexb"
for name in baseline_cavlc main_cabac bframes_pyramid implicit_weightb direct_temporal slices4 odd_642x362 hd1080 \
    fake_interlaced ntsc_2997 monochrome size_change_inband; do
  "${FF[@]}" -i "$C/$name.mp4" -map 0:v:0 -c copy -bsf:v h264_mp4toannexb -f h264 "$V/annexb/$name.h264"
done

# ---------------------------------------------------------------------------------------------------
# Inputs that must be refused with a typed error (see clips.tsv for the category expected).
X=$V/refused
if [ $refs_only = 0 ]; then
  : > "$X/empty.mp4"
  # 64 KiB of random bytes from a fixed seed (reproducible without /dev/urandom).
  python3 -c "import random; r=random.Random(20261124); open('$X/random.bin','wb').write(bytes(r.getrandbits(8) for _ in range(65536)))"
  # moov missing: ftyp + mdat only (the muxer writes moov last unless faststart; cut it off).
  "${FF[@]}" -f lavfi -i "$(src $S 10)" -c:v libx264 -pix_fmt yuv420p "${BITEXACT[@]}" /tmp/purecodec_moovlast.mp4
  python3 - "$X/no_moov.mp4" <<'PY'
import struct, sys
data = open('/tmp/purecodec_moovlast.mp4', 'rb').read()
out, pos = b'', 0
while pos < len(data):
    size, typ = struct.unpack('>I4s', data[pos:pos + 8])
    if typ != b'moov':
        out += data[pos:pos + size]
    pos += size
open(sys.argv[1], 'wb').write(out)
PY
  "${FF[@]}" -f lavfi -i "$(src $S 10)" -c:v libx264 -pix_fmt yuv444p -profile:v high444 "${BITEXACT[@]}" "$X/high444.mp4"
  "${FF[@]}" -f lavfi -i "$(src $S 10)" -c:v libx264 -pix_fmt yuv420p10le -profile:v high10 "${BITEXACT[@]}" "$X/high10.mp4"
  "${FF[@]}" -f lavfi -i "$(src $S 10)" -c:v libx264 -pix_fmt yuv420p -x264-params interlaced=1:tff=1 "${BITEXACT[@]}" "$X/interlaced_mbaff.mp4"
  # Truncated mdat: moov first (faststart), file cut at 60% of its size: the frames whose bytes are
  # all present must decode, the others must give a typed "truncated" error.
  "${FF[@]}" -i "$C/main_cabac.mp4" -c copy -movflags +faststart "${BITEXACT[@]}" /tmp/purecodec_faststart.mp4
  size=$(stat -c %s /tmp/purecodec_faststart.mp4)
  head -c $((size * 6 / 10)) /tmp/purecodec_faststart.mp4 > "$X/truncated_mdat.mp4"
  rm -f /tmp/purecodec_moovlast.mp4 /tmp/purecodec_faststart.mp4
  # The field pictures of paff.h264 copied by FFmpeg into an MP4: its h264 parser makes each field a packet, so
  # each sample holds one field (two samples per frame), which the decoder refuses at open.
  "${FF[@]}" -r 25 -f h264 -i "$V/annexb/paff.h264" -c copy "${BITEXACT[@]}" "$X/paff_field_samples.mp4"
  # Audio only: no video stream at all.
  "${FF[@]}" -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=1" -c:a aac -b:a 32k -fflags +bitexact "$X/audio_only.m4a"
fi
# What FFmpeg still decodes from the truncated file (ffmpeg reports an error but outputs these frames).
"${FF[@]}" -i "$X/truncated_mdat.mp4" -map 0:v:0 -fps_mode passthrough -f framemd5 "$R/truncated_mdat.framemd5" 2>/dev/null || true
packets "$X/truncated_mdat.mp4" > "$R/truncated_mdat.packets.csv" 2>/dev/null || true

echo "done: $(du -sh "$V" | cut -f1) of videos, $(du -sh "$R" | cut -f1) of references"
