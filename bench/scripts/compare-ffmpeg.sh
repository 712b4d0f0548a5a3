#!/usr/bin/env bash
# Single-thread decode speed on one file: FFmpeg's plain C decoder (-cpuflags 0 -threads 1) and FFmpeg with
# its SIMD code (-threads 1) next to our decoder (one thread; two frame threads) and plain JCodec, and
# FFmpeg with two frame threads (-threads 2 -thread_type frame, plain C and SIMD: the scaling that our two
# frame threads can be set beside), all in
# one interleaved run (org.purecodec.bench.Interleaved: the contenders take turns round by round, so the
# machine's slow and fast phases do not bias the ratios; each line gives the ratio to the first contender,
# FFmpeg's plain C decoder, with two standard errors). Then the same with our opt-in SIMD kernels
# (--add-modules jdk.incubator.vector).
#
#   bench/scripts/compare-ffmpeg.sh [FILE [ROUNDS]]     (default: testdata/videos/sample.mp4, 12 rounds)
#
# After each run a line gives each decoder's two-frame-thread throughput over its one-thread throughput in
# that run (ours, FFmpeg plain C, FFmpeg SIMD).
#
# FFmpeg is optional: without it only the Java decoders are measured (and the script says so). Ours are
# timed in one JVM after 4 warm-up rounds; FFmpeg runs one process per round, timed by its -benchmark real
# time (decoding without process start-up).
set -euo pipefail
cd "$(dirname "$0")/../.."
file=${1:-testdata/videos/sample.mp4}
rounds=${2:-12}
[ -f bench/target/purecodec-cli.jar ] || ./purecodec --help > /dev/null
if command -v ffmpeg > /dev/null; then
  contenders=(ffmpeg-c own own2 ffmpeg jcodec ffmpeg-c2 ffmpeg2)
else
  echo "ffmpeg not installed: measuring the Java decoders only"
  contenders=(own own2 jcodec)
fi
run() { # run JVM_OPTION...
  local out
  out=$(java "$@" -cp bench/target/purecodec-cli.jar org.purecodec.bench.Interleaved --file "$file" \
    --rounds "$rounds" "${contenders[@]}" 2>&1 | grep -v '^WARNING: Using incubator modules')
  echo "$out"
  # each decoder's two-frame-thread throughput over its one-thread throughput, from the same run
  awk '$3 == "frames/s" { fps[$1] = $2 }
    function ratio(name, one, two) {
      return fps[one] > 0 && fps[two] > 0 ? sprintf(", %s %.2fx", name, fps[two] / fps[one]) : ""
    }
    END {
      r = ratio("ours", "own", "own2") ratio("FFmpeg plain C", "ffmpeg-c", "ffmpeg-c2") ratio("FFmpeg SIMD", "ffmpeg", "ffmpeg2")
      if (r != "") print "  two frame threads against one thread: " substr(r, 3)
    }' <<< "$out"
}
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "== our scalar kernels (the default)"
run
echo "== our SIMD kernels (--add-modules jdk.incubator.vector)"
run --add-modules jdk.incubator.vector
