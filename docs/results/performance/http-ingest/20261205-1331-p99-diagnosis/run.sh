#!/bin/bash
# usage: run.sh NAME [jvm opts...]
name=$1; shift
CP="/tmp/bj/benchmarks-0.1.0-SNAPSHOT.jar:/tmp/bj/lib/*"
rm -rf /tmp/st/state-$name
cd /work/main
uptime > /tmp/st/$name.out
java -Xmx6g --add-modules jdk.incubator.vector "$@" -Xlog:gc*,safepoint:file=/tmp/st/$name.gc.log:uptime -cp "$CP" dnt.benchmarks.live.HttpIngestRate /tmp/st/state-$name 2000 8 time on 20000 warm >> /tmp/st/$name.out 2>&1
uptime >> /tmp/st/$name.out
