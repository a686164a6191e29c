#!/bin/bash
# quiet measurements at the merged main: the ingest log's p99 (snapshot-every 10, the default now,
# against 50, before), then the robust rules against numpy
set -u
OUT=${OUT:-/tmp/q}; mkdir -p $OUT/p99
CP="/tmp/bj/benchmarks-0.1.0-SNAPSHOT.jar:/tmp/bj/lib/*"
cd /work/main
run() { # name, then JVM options; the benchmark's arguments in ARGS
  local name=$1; shift
  rm -rf /tmp/q/state
  { echo "# $(date -u +%FT%TZ) java -Xmx6g --add-modules jdk.incubator.vector $* -cp \"\$CP\" dnt.benchmarks.live.HttpIngestRate /tmp/q/state ${ARGS}"; uptime; } > $OUT/p99/$name.txt
  java -Xmx6g --add-modules jdk.incubator.vector "$@" -cp "$CP" dnt.benchmarks.live.HttpIngestRate /tmp/q/state $ARGS >> $OUT/p99/$name.txt 2>&1
  uptime >> $OUT/p99/$name.txt
  echo "$name $(grep '^rate' $OUT/p99/$name.txt)"
}
PT="-Xms6g -XX:+AlwaysPreTouch"
ARGS="2000 8 time on 20000 warm"
for r in 1 2 3 4 5; do
  run open-s10-pt-$r $PT
  if [ $r -le 2 ]; then run open-s50-pt-$r $PT -Ddnt-live.ingest-log.snapshot-every=50; fi
done
run open-s10-defaultheap-1
ARGS="2000 4 time on"
run closed-s10-pt $PT
run closed-s50-pt $PT -Ddnt-live.ingest-log.snapshot-every=50
cd /work/main
OUT=$OUT/agg benchmarks/scripts/aggregation-vs-numpy.sh mean,tid,median,trimmed-mean,krum,multi-krum 100 1000000 8 > $OUT/agg-run.txt 2>&1
SIMD=scalar OUT=$OUT/agg-scalar benchmarks/scripts/aggregation-vs-numpy.sh tid,krum,multi-krum 100 1000000 8 > $OUT/agg-scalar-run.txt 2>&1
echo done
