#!/usr/bin/env bash
# Single-thread decode speed on one file: FFmpeg's plain C decoder (-cpuflags 0), FFmpeg with its SIMD
# code, next to our decoder (own backend; also with 2 frame threads, the only multi-threaded row), our
# decoder on the JCodec backend and plain JCodec, measured
# in the same run on the same machine. Prints frames/s and the ratios to FFmpeg's plain C decoder.
#
#   bench/scripts/compare-ffmpeg.sh [FILE]        (default: testdata/videos/sample.mp4)
#
# FFmpeg is optional: without it only the Java decoders are measured (and the script says so). Ours
# are measured with JMH (DecodeThroughputBenchmark: 1 fork, 2 warm-up and 3 measured iterations of 5 s),
# so JIT warm-up is excluded; FFmpeg's time is the best of 3 runs of `-benchmark` (its utime).
set -euo pipefail
cd "$(dirname "$0")/../.."
file=${1:-testdata/videos/sample.mp4}
frames=$(java -cp bench/target/purecodec-cli.jar org.purecodec.bench.Launcher info "$file" --json 2>/dev/null \
  | grep -o '"num_frames" *: *[0-9]*' | head -1 | grep -o '[0-9]*$' || true)
[ -f bench/target/purecodec-cli.jar ] || ./purecodec --help > /dev/null

ffmpeg_fps() { # ffmpeg_fps EXTRA_ARGS... : best frames/s of 3 runs from -benchmark's utime
  local best=0
  for _ in 1 2 3; do
    local out utime
    out=$(ffmpeg -hide_banner -nostdin -benchmark "$@" -threads 1 -i "$file" -map 0:v:0 -f null - 2>&1)
    utime=$(echo "$out" | grep -o 'utime=[0-9.]*s' | head -1 | tr -dc '0-9.')
    best=$(awk -v f="$frames" -v u="$utime" -v b="$best" 'BEGIN { v = (u > 0) ? f / u : 0; print (v > b) ? v : b }')
  done
  echo "$best"
}

declare -A fps
if command -v ffmpeg > /dev/null; then
  fps[ffmpeg_c]=$(ffmpeg_fps -cpuflags 0)
  fps[ffmpeg_simd]=$(ffmpeg_fps)
else
  echo "ffmpeg not installed: measuring the Java decoders only"
fi

jmh=$(java -Dpurecodec.sample="$file" -cp bench/target/purecodec-cli.jar org.openjdk.jmh.Main \
  'DecodeThroughputBenchmark.(purecodecOwnBackendAllFrames|purecodecOwnBackendTwoFrameThreads|purecodecJcodecBackendAllFrames|jcodecFrameGrabAllFrames)' \
  -f 1 -wi 2 -w 5s -i 3 -r 5s -jvmArgsAppend "-Dpurecodec.sample=$file" 2>&1)
pick() { echo "$jmh" | grep -E "^DecodeThroughputBenchmark\.$1:frames " | awk '{print $(NF-3)}'; }
fps[ours_own]=$(pick purecodecOwnBackendAllFrames)
fps[ours_own_2_frame_threads]=$(pick purecodecOwnBackendTwoFrameThreads)
fps[ours_jcodec_backend]=$(pick purecodecJcodecBackendAllFrames)
fps[jcodec]=$(pick jcodecFrameGrabAllFrames)

base=${fps[ffmpeg_c]:-}
echo "file: $file ($frames frames), $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)"
printf '%-34s %10s %14s\n' decoder frames/s "vs ffmpeg -cpuflags 0"
for k in ffmpeg_simd ffmpeg_c ours_own ours_own_2_frame_threads ours_jcodec_backend jcodec; do
  v=${fps[$k]:-}
  [ -n "$v" ] || continue
  r=$([ -n "$base" ] && awk -v a="$v" -v b="$base" 'BEGIN { printf "%.2fx", a / b }' || echo -)
  printf '%-34s %10.1f %14s\n' "$k" "$v" "$r"
done
