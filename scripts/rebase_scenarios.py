# Re-base the complete distributions a scenario file copies from the calibrated baseline: keep the
# scenario's change (scenario - old baseline, share by share) and apply it to the new baseline.
# A share the scenario empties stays empty; what that frees is taken from the shares it raised.
# Numbers in a line's comment that quote the old baseline are replaced by the new baseline.
#
# After `doorstroom calibrate` has written a new models/data/calibrated.toml, from the repository root:
#   git show HEAD:models/data/parameters.toml > /tmp/old_parameters.toml
#   git show HEAD:models/data/calibrated.toml > /tmp/old_calibrated.toml
#   python3 scripts/rebase_scenarios.py /tmp/old_parameters.toml /tmp/old_calibrated.toml \
#       models/data/parameters.toml models/data/calibrated.toml scenarios/*.toml
import re, sys, tomllib
def merged(params, cal):
    p=tomllib.load(open(params,'rb')); c=tomllib.load(open(cal,'rb'))
    for sec,recs in c.items():
        for name,rec in recs.items():
            for k,v in rec.items():
                p.setdefault(sec,{}).setdefault(name,{})[k]=v
    return p
old=merged(sys.argv[1], sys.argv[2]); new=merged(sys.argv[3], sys.argv[4])
def fmt(x):
    text=f"{x:.6g}"
    return text if any(c in text for c in '.e') else text+'.0'  # a TOML float, never an integer
LINE=re.compile(r'^(\s*)("?[A-Za-z0-9_:]+"?)(\s*=\s*)([0-9.eE+-]+)(.*)$')
for path in sys.argv[5:]:
    lines=open(path).read().split('\n')
    tables={}; table=None
    for i,line in enumerate(lines):
        m=re.match(r'^\[(route|stratum)\.([a-z0-9_]+)\.(to|start)\]\s*$', line)
        if m: table=m.groups(); continue
        if line.startswith('['): table=None
        m=LINE.match(line)
        if table and m: tables.setdefault(table,[]).append(i)
    changed=0
    for (sec,name,field),idx in tables.items():
        ob=old[sec][name][field]; nb=new[sec][name][field]
        vals={}
        for i in idx:
            m=LINE.match(lines[i]); k=m.group(2).strip('"'); sv=float(m.group(4))
            vals[i]=(k, sv, ob.get(k,0.0), nb.get(k,0.0))
        nv={i: nbk+(sv-obk) for i,(k,sv,obk,nbk) in vals.items()}
        deficit=sum(-v for v in nv.values() if v<0)
        for i in nv: nv[i]=max(nv[i],0.0)
        raised=[i for i,(k,sv,obk,nbk) in vals.items() if sv-obk>1e-12]
        tot=sum(nv[i] for i in raised)
        for i in raised: nv[i]-=deficit*nv[i]/tot
        for i,(k,sv,obk,nbk) in vals.items():
            m=LINE.match(lines[i]); rest=m.group(5)
            # Numbers in the comment that quote the old baseline of this table now quote the new one.
            def requote(a):
                x=float(a.group(0))
                for key,old_value in ob.items():
                    if abs(x-old_value)<5e-6 and x>0: return fmt(nb.get(key,0.0))
                return a.group(0)
            rest=re.sub(r'(?<![\w.])[0-9]+\.[0-9]+(?![\w.])', requote, rest)
            if abs(nv[i]-sv)>1e-9: changed+=1
            lines[i]=f"{m.group(1)}{m.group(2)}{m.group(3)}{fmt(nv[i])}{rest}"
        s=sum(nv.values())
        if abs(s-1)>2e-6: sys.exit(f"{path}: {sec}.{name}.{field} sums to {s}")
    open(path,'w').write('\n'.join(lines)); print(path, changed, 'shares re-based')
