#!/bin/bash
# usage: analyse.sh LABEL  -> summary.txt in the run's folder
out=/tmp/cs-meas/$1
cd $out
{
echo "== out.txt (CityDayReplay)"; grep -v "jfr,startup" out.txt
echo; echo "== load"; cat load.txt
echo; echo "== live heap after the day (jcmd GC.class_histogram, top 15)"; head -18 histogram.txt
echo; echo "== heap after the histogram's full GC"; cat heap-after-histogram.txt
echo; echo "== GC log: pauses, peak heap before a collection, largest heap after one"
python3 - gc.log <<'PY'
import re,sys
n=0; tot=0.0; peak=0; after=0
for line in open(sys.argv[1]):
    m=re.search(r'Pause.* (\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms',line)
    if m:
        n+=1; tot+=float(m.group(4)); peak=max(peak,int(m.group(1))); after=max(after,int(m.group(2)))
print(f"{n} pauses, {tot/1000:.1f} s in total; peak heap before a collection {peak} MB; largest heap after one {after} MB")
PY
} > summary.txt 2>&1
jfr print --events jdk.ObjectAllocationSample city.jfr > alloc.txt 2>/dev/null
python3 - alloc.txt > alloc-by-class.txt <<'PY'
import re,sys,collections
w=collections.Counter(); cls=None
units={'bytes':1,'byte':1,'kB':1e3,'MB':1e6,'GB':1e9}
for line in open(sys.argv[1]):
    m=re.match(r'\s*objectClass = (\S+)',line)
    if m: cls=m.group(1)
    m=re.match(r'\s*weight = ([\d.,]+) (\S+)',line)
    if m and cls:
        w[cls]+=float(m.group(1).replace(',',''))*units.get(m.group(2),1); cls=None
total=sum(w.values())
print(f"allocation samples' weight, whole run: {total/1e9:.1f} GB")
for c,v in w.most_common(15): print(f"{v/1e9:8.2f} GB {100*v/total:5.1f} %  {c}")
PY
jfr print --events jdk.ExecutionSample --stack-depth 200 city.jfr > exec.txt 2>/dev/null
python3 - exec.txt > exec-shares.txt <<'PY'
import sys
samples=[]; cur=[]
for line in open(sys.argv[1]):
    if line.startswith('jdk.ExecutionSample'):
        if cur: samples.append('\n'.join(cur))
        cur=[]
    else: cur.append(line)
if cur: samples.append('\n'.join(cur))
n=len(samples)
print(f"{n} execution samples, whole run")
for key in ['LiveSerializer.toBinary','LiveSerializer.fromBinary','CellState.snapshot','CellState.apply','CellState.judge','CellState.totals','CellState.','SnapshotAdapter','RadioCoupling','jdbc','h2']:
    k=sum(1 for s in samples if key in s)
    print(f"{k:7d} {100*k/max(n,1):5.1f} %  {key}")
PY
rm -f alloc.txt exec.txt
