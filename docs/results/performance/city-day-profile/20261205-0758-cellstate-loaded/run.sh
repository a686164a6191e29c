#!/bin/bash
# usage: run.sh LABEL CLASSPATH_DIR CELLS
set -u
label=$1; dir=$2; cells=$3
out=/tmp/cs-meas/$label; mkdir -p $out
work=/tmp/cs-work-$label; rm -rf $work
cd $out
echo "load before: $(cat /proc/loadavg)" > $out/load.txt
nice -n 10 java -Xmx4g -Ddnt.data.dir=/work/wt/cellstate/data/milan -Xlog:gc:file=$out/gc.log:uptime \
  -XX:StartFlightRecording=filename=$out/city.jfr,settings=profile \
  -cp "$dir/benchmarks-0.1.0-SNAPSHOT.jar:$dir/lib/*" \
  dnt.benchmarks.live.CityDayReplay $work $cells 3 60 on > $out/out.txt 2>&1 &
pid=$!
# after the measured day (its 100% line) the twin still holds its state: histogram of the live set
while kill -0 $pid 2>/dev/null; do
  if grep -q "^100%" $out/out.txt 2>/dev/null; then
    jcmd $pid GC.class_histogram > $out/histogram.txt 2>&1
    jcmd $pid GC.heap_info > $out/heap-after-histogram.txt 2>&1
    break
  fi
  sleep 1
done
wait $pid
echo "rc $?" >> $out/load.txt
echo "load after: $(cat /proc/loadavg)" >> $out/load.txt
