#!/usr/bin/env bash
# Robust aggregation, Java (AggregationBenchmark, JMH) against numpy on the same float32 input
# (n updates of d parameters, same distribution), one after the other in one run, and a table
# of both with the ratio numpy / Java (above 1: Java is faster). The numpy half is skipped when
# python3 or numpy is missing; the JMH half runs alone then.
#
# Usage (from the repository root; build first with
#   mvn -o -B -q -DskipTests package -pl benchmarks -am):
#   benchmarks/scripts/aggregation-vs-numpy.sh [RULES] [N] [D] [ITERATIONS]
# defaults: mean,median,trimmed-mean,tid,krum,multi-krum,bulyan  100  1000000  5
# The JMH fork runs with --add-modules jdk.incubator.vector (AggregationBenchmark's @Fork), so the
# Vector API kernels are measured; SIMD=scalar (or SIMD=vector,scalar) measures the plain loops,
# and Krum's and Multi-Krum's float Gram product through PyTorch instead of the Java kernel.
# Output: aggregation-vs-numpy/{jmh.csv,numpy.csv,comparison.csv} under $OUT (default: target/).
set -euo pipefail
rules="${1:-mean,median,trimmed-mean,tid,krum,multi-krum,bulyan}"
n="${2:-100}"
d="${3:-1000000}"
iterations="${4:-5}"
simd="${SIMD:-auto}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/benchmarks/target}/aggregation-vs-numpy"
mkdir -p "$out"
jar="$root/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ]; then
  echo "aggregation-vs-numpy: $jar is missing; build it with: mvn -o -B -q -DskipTests package -pl benchmarks -am" >&2
  exit 2
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" | tee "$out/load.txt"
java -cp "$jar:$root/benchmarks/target/lib/*" org.openjdk.jmh.Main AggregationBenchmark \
  -p rule="$rules" -p simd="$simd" -p n="$n" -p d="$d" -f 1 -wi 1 -i "$iterations" -w 5s -r 5s \
  -rf csv -rff "$out/jmh.csv" | tee "$out/jmh.txt"
echo "load between: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" | tee -a "$out/load.txt"
numpy=yes
if ! command -v python3 >/dev/null ||
    ! python3 "$here/aggregation_numpy.py" --n "$n" --d "$d" --repeats "$iterations" \
      --rules "$rules" > "$out/numpy.csv"; then
  numpy=no
  echo "aggregation-vs-numpy: no numpy half (python3 or numpy missing); JMH results only" >&2
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" | tee -a "$out/load.txt"
python_or_awk_table() {
  # JMH csv: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",
  # then one "Param: <name>" column per parameter (d, n, networks, rule, simd): the rule's column
  # is found by its header
  echo "rule,java_ms,java_error_ms,numpy_ms,numpy_over_java,simd"
  awk -F, -v numpy="$numpy" -v npfile="$out/numpy.csv" '
    BEGIN { if (numpy == "yes") { while ((getline line < npfile) > 0) { split(line, a, ","); np[a[1]] = a[2] } } }
    { gsub(/["\r]/, "") }
    NR == 1 { for (c = 1; c <= NF; c++) { if ($c == "Param: rule") rc = c; if ($c == "Param: simd") sc = c }; next }
    {
      rule = $rc; score = $5; err = $6;
      ratio = (rule in np && score > 0) ? sprintf("%.2f", np[rule] / score) : "";
      printf "%s,%.1f,%.1f,%s,%s,%s\n", rule, score, err, (rule in np ? np[rule] : ""), ratio, (sc ? $sc : "")
    }' "$out/jmh.csv"
}
python_or_awk_table | tee "$out/comparison.csv"
