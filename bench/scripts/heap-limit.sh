#!/usr/bin/env bash
# The smallest heap (-Xmx, in MB, even sizes) with which decoding FILE works in every one of RUNS runs, with
# THREADS decoder threads (1: one thread; 2 or more: frame threads), through the CLI's framemd5 command (the
# public VideoDecoder API; the frames' checksums are discarded):
#
#   bench/scripts/heap-limit.sh [FILE [THREADS [RUNS]]]     (default: the 1080p test clip, 1 thread, 3 runs)
#
# Near the limit the outcome varies from run to run (how many pictures are in flight when the heap is fullest
# depends on timing), hence several runs per size. A binary search between 4 MB and 512 MB on "every run
# worked", so a size is tried only where the answer changes; each size tried is printed with how many runs
# worked, and a run that takes longer than 120 s counts as failed and is named (a decoder that hangs when
# the heap runs out is a bug). Uses the JVM on the PATH (or JAVA_HOME); JAVA_OPTS adds JVM options; JAR names
# another CLI jar (e.g. an older build's copy, to compare) instead of bench/target/purecodec-cli.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
file=${1:-testdata/videos/clips/hd1080.mp4}
threads=${2:-1}
runs=${3:-3}
jar=${JAR:-bench/target/purecodec-cli.jar}
[ -f "$jar" ] || ./purecodec --help > /dev/null
java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
"$java" -version 2>&1 | head -1

worked() { # worked MB -> number of runs (of $runs) that decoded the whole file with -Xmx${MB}m
  local mb=$1 ok=0 rc
  for ((r = 0; r < runs; r++)); do
    rc=0
    # shellcheck disable=SC2086
    timeout 120 "$java" ${JAVA_OPTS:-} -Xmx"${mb}"m -cp "$jar" org.purecodec.cli.Main \
      framemd5 "$file" --threads "$threads" > /dev/null 2>&1 || rc=$?
    if ((rc == 0)); then
      ok=$((ok + 1))
    elif ((rc == 124)); then
      echo "  ${mb}m: run $((r + 1)) timed out after 120 s (a hang?)" >&2
    fi
  done
  echo "$ok"
}

lo=4    # assumed to fail
hi=512  # must work in every run
n=$(worked $hi)
echo "  ${hi}m: $n of $runs"
if ((n < runs)); then
  echo "decoding fails even with -Xmx${hi}m" >&2
  exit 1
fi
below=-1
while ((hi - lo > 2)); do
  mid=$(((lo + hi) / 4 * 2))
  n=$(worked $mid)
  echo "  ${mid}m: $n of $runs"
  if ((n == runs)); then
    hi=$mid
  else
    lo=$mid
    below=$n
  fi
done
if ((below < 0)); then
  echo "$file, $threads thread(s): -Xmx${hi}m worked in $runs of $runs runs (${lo}m not tried)"
else
  echo "$file, $threads thread(s): -Xmx${hi}m worked in $runs of $runs runs; -Xmx${lo}m in $below of $runs"
fi
