#!/bin/bash
# the sustained tail: 4,000 cells (about 2,000 batches, 100 s at 20,000 rows/s after a warm-up of 200)
OUT=/tmp/q/long; mkdir -p $OUT
CP="/tmp/bj/benchmarks-0.1.0-SNAPSHOT.jar:/tmp/bj/lib/*"
cd /work/main
for r in 1 2; do
  rm -rf /tmp/q/state
  { echo "# $(date -u +%FT%TZ) java -Xmx6g -Xms6g -XX:+AlwaysPreTouch --add-modules jdk.incubator.vector -cp \"\$CP\" dnt.benchmarks.live.HttpIngestRate /tmp/q/state 4000 8 time on 20000 warm"; uptime; } > $OUT/open-4000-s10-pt-$r.txt
  java -Xmx6g -Xms6g -XX:+AlwaysPreTouch --add-modules jdk.incubator.vector -cp "$CP" dnt.benchmarks.live.HttpIngestRate /tmp/q/state 4000 8 time on 20000 warm >> $OUT/open-4000-s10-pt-$r.txt 2>&1
  uptime >> $OUT/open-4000-s10-pt-$r.txt
  echo "run $r $(grep '^rate' $OUT/open-4000-s10-pt-$r.txt)"
done
