#!/usr/bin/env python3
"""Per bot and step: young GCs, pause p50/max, survivors after GC (age-table total), eden allocated per reply."""
import re, sys, glob, os, statistics
from datetime import datetime
D = sys.argv[1]
out = open(os.path.join(D, 'out.txt')).read()
def ts(s):
    s = s.replace('Z', '+0000')
    return datetime.strptime(s[:23] + s[-5:] if '+' in s[19:] else s, '%Y-%m-%dT%H:%M:%S.%f%z').timestamp()
marks = []  # (time, bot, step)
for m in re.finditer(r'^# (\S+) (\S+) (.+) starts$', out, re.M):
    t = m.group(1)
    t = datetime.fromisoformat(t.replace('Z', '+00:00')).timestamp()
    marks.append((t, m.group(2), m.group(3)))
rows = [l for l in out.splitlines() if l.startswith('| ') and re.match(r'\| \d', l)]
# replies per (run, bot, step) in table order
table = []
for l in rows:
    c = [x.strip() for x in l.strip('|').split('|')]
    table.append(dict(run=c[0], bot=c[1], step=c[2], replies=int(c[6]), p50=c[9], p99=c[10], load=c[11], cpu=c[13], acks=c[3], rps=c[4]))
logs = sorted(glob.glob(os.path.join(D, 'gc-*.log')), key=lambda p: open(p).readline()[:30])  # by start time
# spawn order: runs alternate the bot order
bots = []
order = None
for t, b, s in marks:
    if s == 'saturation':
        bots.append(b)
def parse(path, agepath):
    gcs = {}
    for l in open(path):
        m = re.match(r'\[(\S+)\] GC\((\d+)\) (.*)', l)
        if not m: continue
        t, n, rest = m.group(1), int(m.group(2)), m.group(3)
        g = gcs.setdefault(n, {'young': False})
        mm = re.match(r'Pause Young .* (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms', rest)
        if mm:
            g['young'] = True; g['pause'] = float(mm.group(3)); g['t'] = datetime.strptime(t[:23], '%Y-%m-%dT%H:%M:%S.%f').timestamp() + 0  # utc
        mm = re.match(r'Eden regions: (\d+)->', rest)
        if mm: g['eden'] = int(mm.group(1))
        mm = re.match(r'Survivor regions: (\d+)->(\d+)', rest)
        if mm: g['surv_regions'] = int(mm.group(2))
        mm = re.match(r'Humongous regions: (\d+)->(\d+)', rest)
        if mm: g['hum'] = int(mm.group(2))
    if agepath and os.path.exists(agepath):
        for l in open(agepath):
            m = re.match(r'\[(\S+)\] GC\((\d+)\) - age +(\d+): +(\d+) bytes, +(\d+) total', l)
            if m:
                g = gcs.setdefault(int(m.group(2)), {'young': False})
                g['surv'] = int(m.group(5)); 
                if int(m.group(3)) == 1: g['age1'] = int(m.group(4))
    return [g for n, g in sorted(gcs.items()) if g.get('young')]
from datetime import timezone
res = []
for i, path in enumerate(logs):
    bot = bots[i] if i < len(bots) else '?'
    run = 1 + i // 2
    gcs = parse(path, path.replace('gc-', 'age-'))
    for g in gcs:  # utctime decorator has +0000: the strptime above dropped it; treat as UTC
        g['t'] = datetime.strptime(datetime.fromtimestamp(g['t']).strftime('%Y-%m-%dT%H:%M:%S.%f'), '%Y-%m-%dT%H:%M:%S.%f').replace(tzinfo=timezone.utc).timestamp() if False else g['t']
    mine = [(t, s) for (t, b, s) in marks if b == bot]
    mine = mine[(run - 1) * 6:(run) * 6] if len(mine) > 6 else mine
    steps = []
    for j, (t, s) in enumerate(mine):
        end = mine[j + 1][0] if j + 1 < len(mine) else 1e18
        steps.append((s, t, end))
    trows = [r for r in table if r['bot'] == bot and r['run'] == str(run)]
    tot_alloc = 0; tot_rep = 0
    for k, (s, t0, t1) in enumerate(steps):
        sel = [g for g in gcs if t0 <= g['t'] < t1]
        pauses = sorted(g['pause'] for g in sel)
        surv = [g.get('surv', 0) / 1e6 for g in sel]
        age1 = [g.get('age1', 0) / 1e6 for g in sel]
        alloc = sum(g.get('eden', 0) for g in sel)  # MB (1 MB regions)
        r = trows[k] if k < len(trows) else {}
        rep = r.get('replies', 0)
        tot_alloc += alloc; tot_rep += rep
        print(f"run{run} {bot:14s} {s:22s} GCs {len(sel):2d}  pause p50 {statistics.median(pauses) if pauses else 0:5.1f} max {max(pauses) if pauses else 0:5.1f} ms"
              f"  surv/GC {statistics.mean(surv) if surv else 0:4.1f} MB (age1 {statistics.mean(age1) if age1 else 0:4.1f})"
              f"  hum {sel[-1].get('hum','-') if sel else '-'}  eden {alloc:4d} MB  replies {rep:6d}"
              f"  KB/reply {alloc*1024/rep if rep else 0:5.1f}  p50/p99 {r.get('p50')}/{r.get('p99')}  cpu {r.get('cpu')}µs  rps {r.get('rps')}  load {r.get('load','')[:16]}")
    print(f"run{run} {bot:14s} TOTAL measured: {tot_alloc} MB eden / {tot_rep} replies = {tot_alloc*1024/max(tot_rep,1):.1f} KB/reply  ({path})")
