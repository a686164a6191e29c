#!/bin/bash
# Fill a 10,000-cell twin from one synthetic day, stop it with SIGTERM, restart it and time the radio twin's refill.
cd /work/main
S=/tmp/q/refill-state; rm -rf $S
export DNT_JAVA_OPTS="-Xms8g -Xmx8g"
./dnt serve --state $S --port 18090 --replay-from /tmp/q/synth --speed max > /tmp/q/refill-serve1.log 2>&1 &
for i in $(seq 1 120); do curl -s localhost:18090/api/v1/health >/dev/null 2>&1 && break; sleep 1; done
TOK=$(awk '!/^#/ && NF==2 {print $2}' $S/admin.token | head -1)
t0=$(date +%s)
while true; do H=$(curl -s localhost:18090/api/v1/health); echo "$H" | grep -q '"state":"finished"' && break; echo "$H" | grep -q '"state":"failed"' && { echo "replay failed: $H"; break; }; sleep 5; done
echo "replay done after $(( $(date +%s) - t0 )) s: $H"
sleep 10
curl -s -H "Authorization: Bearer $TOK" localhost:18090/api/v1/kpis > /tmp/q/refill-kpis-before.json
curl -s localhost:18090/api/v1/health > /tmp/q/refill-health-before.json
pkill -TERM -f "dnt-cli.jar serve"; while pgrep -f "dnt-cli.jar serve" >/dev/null; do sleep 1; done
echo "stopped at $(date -u +%T)"
./dnt serve --state $S --port 18090 --replay off > /tmp/q/refill-serve2.log 2>&1 &
T=$(date +%s.%N)
: > /tmp/q/refill-progress.txt
for i in $(seq 1 1200); do
  H=$(curl -s localhost:18090/api/v1/health 2>/dev/null)
  if [ -n "$H" ]; then
    K=$(curl -s -H "Authorization: Bearer $TOK" localhost:18090/api/v1/kpis 2>/dev/null)
    echo "$(echo "$(date +%s.%N) - $T" | bc) $H $K" >> /tmp/q/refill-progress.txt
    if echo "$H" | grep -q '"cellTwinsToStart":\([1-9][0-9]*\),"cellTwinsStarted":\1'; then
      python3 - "$K" <<'PY' && break
import json,sys
a=json.load(open('/tmp/q/refill-kpis-before.json')); b=json.loads(sys.argv[1])
def strip(x):
    x=dict(x); [x.pop(k,None) for k in ('updatedAt','asOf','time','timestamp')]; return x
sys.exit(0 if strip(a.get('network',a))==strip(b.get('network',b)) else 1)
PY
    fi
  fi
  sleep 0.5
done
echo "refilled after $(tail -1 /tmp/q/refill-progress.txt | cut -d' ' -f1) s"
sleep 2
curl -s -H "Authorization: Bearer $TOK" localhost:18090/api/v1/kpis > /tmp/q/refill-kpis-after.json
pkill -TERM -f "dnt-cli.jar serve"
