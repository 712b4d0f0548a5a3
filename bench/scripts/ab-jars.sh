#!/usr/bin/env bash
# A/B of two builds of the h264 module across several JVMs: speed of NEW relative to OLD on one file.
#
#   bench/scripts/ab-jars.sh OLD.jar NEW.jar [FORKS [ROUNDS [FILE]]]     (default 6 forks of 8 rounds, sample.mp4)
#   JAVA_OPTS="--add-modules jdk.incubator.vector" bench/scripts/ab-jars.sh ...   (the SIMD kernels)
#   THREADS=2 bench/scripts/ab-jars.sh ...                                          (two frame threads)
#
# Each fork is one org.purecodec.bench.Interleaved run (a fresh JVM) with both builds loaded as "jar:"
# contenders, taking turns round by round; the forks alternate which build is listed first. Why forks:
# within one JVM the rounds agree to about 1%, but which build the JIT happens to compile better moves
# from one JVM to the next by 2-4% (seen 2026-12-02: the same build, loaded twice, measured 0.991 in one
# JVM and 1.038 in another), so a single run can show a gain that is not there. The figure printed is the
# geometric mean of the forks' NEW/OLD ratios with two standard errors across forks.
# Build the jars with ./mvnw -o -q install -DskipTests -pl h264 and copy
# h264/target/purecodec-h264-*.jar aside before and after the change.
set -euo pipefail
cd "$(dirname "$0")/../.."
old=${1:?usage: ab-jars.sh OLD.jar NEW.jar [FORKS [ROUNDS [FILE]]]}
new=${2:?usage: ab-jars.sh OLD.jar NEW.jar [FORKS [ROUNDS [FILE]]]}
forks=${3:-6}
rounds=${4:-8}
file=${5:-testdata/videos/sample.mp4}
[ -f bench/target/purecodec-cli.jar ] || ./purecodec --help > /dev/null
case ${THREADS:-1} in 1) kind=jar ;; 2) kind=jar2 ;; *) echo "THREADS must be 1 or 2" >&2; exit 2 ;; esac
ratios=()
for ((f = 0; f < forks; f++)); do
  if ((f % 2 == 0)); then first=$old; second=$new; else first=$new; second=$old; fi
  # shellcheck disable=SC2086
  line=$(java ${JAVA_OPTS:-} -cp bench/target/purecodec-cli.jar org.purecodec.bench.Interleaved --file "$file" \
    --rounds "$rounds" "$kind:$first" "$kind:$second" 2>&1 | grep " of $kind:")
  x=$(sed -E 's/.* x([0-9.]+) of .*/\1/' <<< "$line")
  if ((f % 2 == 0)); then r=$x; else r=$(awk -v x="$x" 'BEGIN { printf "%.4f", 1 / x }'); fi
  echo "fork $((f + 1)): NEW/OLD $r  ($line)"
  ratios+=("$r")
done
printf '%s\n' "${ratios[@]}" | awk -v n="$forks" '
  { l[NR] = log($1); m += l[NR] / n }
  END {
    for (i = 1; i <= n; i++) v += (l[i] - m) ^ 2
    se = n > 1 ? sqrt(v / (n - 1) / n) : 0
    printf "NEW/OLD over %d JVMs: %.3f (+-%.3f, 2 s.e.)\n", n, exp(m), exp(m) * 2 * se
  }'
