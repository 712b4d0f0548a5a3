#!/usr/bin/env bash
# Times the CABAC syntax layer alone (every macroblock of every slice parsed, nothing reconstructed) for two
# builds of the h264 module side by side in one JVM, taking turns round by round (org.purecodec.bench.
# CabacLapsRunner driving h264's test class org.purecodec.h264.CabacLaps). For a change to the entropy
# decoding, whose effect on the whole decoder is within the machine's noise.
#
#   bench/scripts/cabac-laps.sh OLD NEW [STREAM [ROUNDS [FORKS]]]
#
# OLD, NEW: an h264 jar or classes directory each (e.g. a copy of h264/target/purecodec-h264-*.jar saved
# before the change, and h264/target/classes). STREAM: a CABAC Annex B stream (default
# testdata/videos/annexb/hd1080.h264; for sample.mp4, `ffmpeg -i testdata/videos/sample.mp4 -c copy
# -bsf:v h264_mp4toannexb sample.h264`). ROUNDS: default 20, after 4 warm-up rounds each. FORKS: JVMs, default
# 3 -- which build the JIT happens to compile better moves from one JVM to the next (see ab-jars.sh); the last
# line is the geometric mean of the forks' NEW/OLD ratios with two standard errors across forks. The same
# build against itself gave 1.014, 0.988 and 0.986 in three single JVMs (sample.mp4, 20 rounds, 2026-12-04).
# Needs h264's test classes (`./mvnw -q -pl h264 -am test-compile`) and the CLI jar (`./purecodec --help`
# builds it).
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$1
new=$2
stream=${3:-testdata/videos/annexb/hd1080.h264}
rounds=${4:-20}
forks=${5:-3}
tool=h264/target/test-classes/org/purecodec/h264/CabacLaps.class
[ -f "$tool" ] || { echo "build the tool first: ./mvnw -q -pl h264 -am test-compile" >&2; exit 1; }
./purecodec --help > /dev/null # builds the CLI jar when it is missing or older than the sources
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for side in old new; do
  src=$(realpath "${!side}")
  mkdir -p "$work/$side"
  if [ -d "$src" ]; then
    cp -r "$src"/. "$work/$side"/
  else
    (cd "$work/$side" && jar xf "$src")
  fi
  mkdir -p "$work/$side/org/purecodec/h264"
  cp h264/target/test-classes/org/purecodec/h264/CabacLaps*.class "$work/$side/org/purecodec/h264/"
done
for f in $(seq 1 "$forks"); do
  out=$(java -cp bench/target/purecodec-cli.jar org.purecodec.bench.CabacLapsRunner "$work/old" "$work/new" "$stream" \
    "$rounds")
  echo "fork $f: $(echo "$out" | tr '\n' ' ')"
done | tee "$work/forks"
awk '/new \/ old:/ { r = $NF; n++; s += log(r); q += log(r) * log(r) }
  END {
    m = s / n
    se = n > 1 ? sqrt((q - n * m * m) / (n - 1) / n) : 0
    printf "new / old over %d JVMs: %.4f (+-%.4f, 2 s.e.)\n", n, exp(m), 2 * se * exp(m)
  }' "$work/forks"
