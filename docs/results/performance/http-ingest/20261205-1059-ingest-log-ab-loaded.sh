#!/bin/bash
cd /work/wt/ingestlog
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
run() { # label props args...
  label=$1; props=$2; shift 2
  rm -rf /tmp/il-bench-$label
  echo "=== $label $props $* start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  nice -n 10 java -Xmx6g $props -cp "$CP" dnt.benchmarks.live.HttpIngestRate /tmp/il-bench-$label "$@" 2>&1 | grep -v "^\s*$" | tail -25
  echo "=== $label end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -rf /tmp/il-bench-$label
}
LOG="-Ddnt-live.ingest-log.partitions=4"
run openA1 "" 2000 8 time on 20000 warm
run openB1 "$LOG" 2000 8 time on 20000 warm
run openA2 "" 2000 8 time on 20000 warm
run openB2 "$LOG" 2000 8 time on 20000 warm
run closedA1 "" 2000 4 time on
run closedB1 "$LOG" 2000 4 time on
echo ALLDONE
