import random, sys, urllib.request, collections
f='/tmp/q/synth/synthetic-sms-call-internet-mi-2013-11-01.txt'
random.seed(7)
cells=set(random.sample(range(1,10001),150))
sums=collections.defaultdict(lambda:[0.0]*5)
with open(f) as fh:
    for line in fh:
        p=line.rstrip('\n').split('\t')
        c=int(p[0])
        if c not in cells: continue
        t=int(p[1]); v=[float(x) if x else 0.0 for x in (p+['']*8)[3:8]]
        s=sums[(c,t)]
        for i in range(5): s[i]+=v[i]
tok=[l.split()[1] for l in open('/tmp/q/refill-state/admin.token') if l.strip() and not l.startswith('#')][0]
bad=0; checked=0; maxrel=0
for c in sorted(cells):
    req=urllib.request.Request(f'http://127.0.0.1:18090/api/v1/cells/{c}/traffic?from=2013-10-31T23:00Z&to=2013-11-01T23:00Z&resolution=10min',headers={'Authorization':'Bearer '+tok})
    rows=urllib.request.urlopen(req).read().decode().splitlines()[1:]
    got={int(r.split(',')[1]):[float(x) for x in r.split(',')[2:7]] for r in rows}
    for (cc,t),s in sums.items():
        if cc!=c: continue
        checked+=1
        g=got.get(t)
        if g is None: bad+=1; continue
        for i in range(5):
            d=abs(g[i]-s[i]); rel=d/max(1e-9,abs(s[i]))
            if d>1e-6*max(1,abs(s[i])): bad+=1; maxrel=max(maxrel,rel); break
print(f'cells {len(cells)}, (cell, slot) pairs checked {checked}, mismatches {bad}, max rel {maxrel}')
