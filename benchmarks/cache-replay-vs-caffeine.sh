#!/usr/bin/env bash
# End-to-end replay against the Caffeine simulator (issue 16, "Performance and traces").
#
# Generates the seeded 10-million-request Zipf trace (ZipfKeyTrace: Zipf(0.9) over one million
# items, seed 42, the ranks of docs/PERFORMANCE.md's CacheReplayBenchmark trace), writes it as one
# key per line (LIRS, the format both simulators read), converts it to dnt's binary keys and to
# time,client,item CSV with `dnt cache convert`, and times the whole `dnt cache simulate` process
# (JVM start included) with LRU and C = 150 on each format, RUNS times each (median reported). Every
# replay's hit count must equal that of an independent LRU (an access-order LinkedHashMap) computed
# while generating; the script fails otherwise.
#
# The Caffeine simulator is not on Maven Central. To time it in the same run, build its start
# script from a checkout of ben-manes/caffeine at v3.2.3, either with Gradle (`./gradlew
# simulator:installDist`: simulator/build/install/simulator/bin/simulator) or, where Gradle cannot
# reach its plugin portal, with benchmarks/scripts/build-caffeine-simulator.sh CHECKOUT OUT (javac
# and Maven Central only: OUT/bin/simulator), and set CAFFEINE_SIMULATOR to it; the script passes its
# settings as -D options in JAVA_OPTS (trace lirs:WORK_DIR/trace.lirs, linked.Lru, admission Always,
# maximum-size C, csv report; WORK_DIR without spaces), and CAFFEINE_JAVA_HOME, if set, becomes its
# JAVA_HOME (it needs Java 25, newer than dnt's 17). Its report's Hits must equal the reference LRU's
# count in every run, as dnt's must (the script fails otherwise); the time its policy spent on the
# events (the report's Time column; the trace is parsed on another thread, and JVM start and
# configuration are outside it) is printed beside the whole process's.
# Otherwise the script says that the simulator is absent and prints the issue's anchor, labelled as
# such.
#
# Usage: benchmarks/cache-replay-vs-caffeine.sh [WORK_DIR]
# Environment: REQUESTS (10000000), ITEMS (1000000), ALPHA (0.9), SEED (42), CAPACITY (150),
#   RUNS (3), CSV (1: also time the CSV input; 0 to skip), CAFFEINE_SIMULATOR, CAFFEINE_JAVA_HOME.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUESTS="${REQUESTS:-10000000}"
ITEMS="${ITEMS:-1000000}"
ALPHA="${ALPHA:-0.9}"
SEED="${SEED:-42}"
CAPACITY="${CAPACITY:-150}"
RUNS="${RUNS:-3}"
CSV="${CSV:-1}"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"

cli="$here/dnt-cli/target/dnt-cli.jar"
bench="$here/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar"
if [ ! -f "$cli" ] || [ ! -f "$bench" ]; then
  echo "building dnt-cli and benchmarks (mvn -o -q -DskipTests -Derrorprone.skip package)..." >&2
  (cd "$here" && mvn -o -B -q -DskipTests -Derrorprone.skip package -pl dnt-cli,benchmarks -am) >&2
fi
dnt=(java -Djava.awt.headless=true -jar "$cli")

echo "machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "trace: $REQUESTS requests, Zipf($ALPHA) over $ITEMS items, seed $SEED; LRU, C = $CAPACITY"

gen="$(java -cp "$bench:$here/benchmarks/target/lib/*" dnt.benchmarks.caching.ZipfKeyTrace \
  "$work/trace.lirs" "$REQUESTS" "$ITEMS" "$ALPHA" "$SEED" "$CAPACITY")"
expected="$(sed -n 's/^lru_hits=//p' <<<"$gen")"
echo "reference LRU (LinkedHashMap) hits: $expected"
"${dnt[@]}" cache convert --in "$work/trace.lirs" --from lirs --to binary --out "$work/trace.dntk" >/dev/null
if [ "$CSV" = 1 ]; then
  "${dnt[@]}" cache convert --in "$work/trace.lirs" --from lirs --to csv --out "$work/trace.csv" >/dev/null
fi
ls -l "$work"/trace.* | awk '{printf "  %-40s %6.1f MB\n", $NF, $5 / 1e6}'

# seconds of one command's whole process, its stdout in $work/out.txt
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt" >&2; return 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

median() {
  sort -g | awk '{a[NR] = $1} END {m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m}'
}

declare -A wall
for fmt in lirs binary csv; do
  [ "$fmt" = csv ] && [ "$CSV" != 1 ] && continue
  file="$work/trace.$([ "$fmt" = binary ] && echo dntk || echo "$fmt")"
  times=()
  for ((r = 0; r < RUNS; r++)); do
    times+=("$(seconds "${dnt[@]}" cache simulate --trace "$file" --format "$fmt" \
      --capacity "$CAPACITY" --policy lru)")
    hits="$(sed -n 's/^hits=//p' "$work/out.txt")"
    if [ "$hits" != "$expected" ]; then
      echo "FAIL: dnt on $fmt gave $hits hits, the reference LRU $expected" >&2
      exit 1
    fi
  done
  wall[$fmt]="$(printf '%s\n' "${times[@]}" | median)"
  echo "dnt cache simulate --format $fmt: ${wall[$fmt]} s (median of $RUNS: ${times[*]}), hits $hits"
done

if [ -n "${CAFFEINE_SIMULATOR:-}" ]; then
  caffeine_opts="-Dcaffeine.simulator.files.paths.0=lirs:$work/trace.lirs"
  caffeine_opts+=" -Dcaffeine.simulator.policies.0=linked.Lru -Dcaffeine.simulator.admission.0=Always"
  caffeine_opts+=" -Dcaffeine.simulator.maximum-size=$CAPACITY -Dcaffeine.simulator.report.format=csv"
  caffeine_env=(env "JAVA_OPTS=$caffeine_opts")
  if [ -n "${CAFFEINE_JAVA_HOME:-}" ]; then
    caffeine_env+=("JAVA_HOME=$CAFFEINE_JAVA_HOME")
  fi
  # a column of its CSV report (a header Policy,Hit Rate,...,Hits,...,Time and a row per policy;
  # lines end with \r\n)
  report_column() {
    awk -F, -v c="$1" '{sub(/\r$/, "")} NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
      NR > 1 && $col["Policy"] == "linked.Lru" {print $col[c]}' "$work/out.txt"
  }
  times=()
  policy_ms=()
  for ((r = 0; r < RUNS; r++)); do
    times+=("$(seconds "${caffeine_env[@]}" "$CAFFEINE_SIMULATOR")")
    caffeine_hits="$(report_column Hits)"
    if [ "$caffeine_hits" != "$expected" ]; then
      sed 's/^/  /' "$work/out.txt" >&2
      echo "FAIL: the Caffeine simulator gave '$caffeine_hits' hits, the reference LRU $expected" >&2
      exit 1
    fi
    policy_ms+=("$(report_column Time)")
  done
  wall[caffeine]="$(printf '%s\n' "${times[@]}" | median)"
  echo "Caffeine simulator (linked.Lru, lirs): ${wall[caffeine]} s (median of $RUNS: ${times[*]}), hits $caffeine_hits"
  echo "  its policy's time on the events (report's Time, ms): ${policy_ms[*]}"
  echo "its last report:"
  sed 's/^/  /' "$work/out.txt"
  for fmt in lirs binary; do
    echo "speed-up of dnt ($fmt) over Caffeine, same run: $(ratio "${wall[caffeine]}" "${wall[$fmt]}")x (target >= 1.5x)"
  done
else
  echo "Caffeine simulator: absent (set CAFFEINE_SIMULATOR to time it in this run)."
  echo "Issue 16's anchor, measured by its author on another trace and NOT in this run:"
  echo "  Caffeine simulator 3.2.3, 10-million-request Zipf trace, C = 150: 2.7 s end to end, 1.34 s replay"
  for fmt in lirs binary; do
    echo "  dnt ($fmt) against that anchor: $(ratio 2.7 "${wall[$fmt]}")x (not a same-run comparison)"
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
