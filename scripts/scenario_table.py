# Prints the opening table of docs/scenarios.md ("All scenarios at a glance") from a compare folder.
# The lever, mechanism, measured and assumed columns are written here by hand, per scenario; the
# two result columns come from the folder's comparison.csv and costs.csv. From the repository root:
#   build/doorstroom compare scenarios/baseline.toml $(ls scenarios/*.toml | grep -v baseline.toml) \
#     scenarios/warme_overdracht.toml+scenarios/loopbaancoach.toml \
#     scenarios/arbeidsmarktroute.toml+scenarios/driejarig_mbo1_2.toml \
#     --students 100000 --replications 10 --out out/overview
#   python3 scripts/scenario_table.py out/overview   # then paste over the table in docs/scenarios.md
import csv, sys
folder = sys.argv[1]
rows = list(csv.DictReader(open(folder + '/comparison.csv')))
costs = list(csv.DictReader(open(folder + '/costs.csv')))
def nl(x, d=0):
    s = f"{abs(x):,.{d}f}".replace(',', 'X').replace('.', ',').replace('X', '.')
    if s.strip('0,.') == '': return '0'
    return ('+' if x > 0 else '-') + s
def cell(name, pop, origin, measure, h, col='delta'):
    for r in rows:
        if r['scenario'] == name and r['population'] == pop and r['origin'] == origin and r['measure'] == measure and int(r['horizon_years']) == h:
            return f"{nl(1000*float(r[col]))} ({nl(1000*float(r[col+'_ci_low']))} tot {nl(1000*float(r[col+'_ci_high']))})"
    return 'n/a'
def sk(name):
    for c in costs:
        if c['scenario'] == name and c['origin'] == 'all':
            return f"{nl(1000*float(c['delta_startkwalificatie_per_student']),1)} ({nl(1000*float(c['delta_sk_ci_low']),1)} tot {nl(1000*float(c['delta_sk_ci_high']),1)})"
    return 'n/a'
# name: (lever, mechanism, measured, assumed (drawn), headline (population, origin, measure, h, words))
S = {
 'mbo_raad_1_overstap': ("pro examendeelnemers to the regular entree (MBO Raad 1)", "`pro_verlaten`: examendeelnemer share to bol", "variant outcomes (003 Tabel 5.1a/b, calibrated)", "target group × causal share [0, 0.75], drawn", ('chain_leavers','pro','entree_diploma',2,'pro: entreediploma (2 jaar)')),
 'mbo_raad_2_begeleide_overgang': ("guided two-year transition pro → mbo (MBO Raad 2)", "as MBO Raad 1 for the pupils for whom the step is too big; guidance × 0.988 (diluted); binding study advice back to pro after year 1", "variant outcomes", "target × causal share [0, 0.75]; guidance [0.95, 1.015]; advice [0, 4.4], all drawn", ('chain_leavers','pro','entree_diploma',2,'pro: entreediploma (2 jaar)')),
 'mbo_raad_3_overgang_op_maat': ("entree inside pro, tailored (MBO Raad 3)", "`pro_verlaten`: bol share of the pupils in doubt to examendeelnemer; decision after half a year back to pro or on to bol", "variant outcomes; 25% without diploma in a year (000 line 90)", "target × causal share [0, 0.4]; decision [0, 3.9], drawn", ('chain_leavers','pro','entree_diploma',2,'pro: entreediploma (2 jaar)')),
 'entree_in_pro_wettelijk': ("entree in pro anchored in law", "`pro_verlaten`: examendeelnemer share × 1.64, from bol", "variant outcomes; growth of the pro share (seed 000)", "causal share [0, 1] and the factor (1.2 to 2.2, size_range), both drawn", ('chain_leavers','pro','entree_diploma',2,'pro: entreediploma (2 jaar)')),
 'doorlopende_leerroute': ("doorlopende leerroute vmbo-mbo", "`vmbo_b_verlaten`: a quarter of entree/werk/thuis to niveau 2; niveau-2 uitval × 0.85", "nothing", "shift [0, 2× central] and uitval [0.82, 1.18], drawn", ('chain_leavers','vmbo_b','mbo2_diploma',5,'vmbo-b: startkwalificatie (5 jaar)')),
 'warme_overdracht': ("warm handover to entree, nazorg after it", "entree uitval × 0.85 (vmbo-b), 0.9 (vso), 0.95 (pro, isk); work-finding of entree graduates × 1.1", "nothing about the size", "all four effects, drawn", ('entree_entrants','all','position_not_in_mbo_no_diploma',1,'entree: uitval zonder diploma (1 jaar)')),
 'strengere_toelating': ("entry criteria for entree", "10% of chain bol entrants refused: pro/vso to work (arbeid profile), vmbo-b/isk to other education; bol uitval × 0.89", "that refusals happen", "refusal 5-20% and selection [0.875, 1.125], drawn", ('chain_leavers','pro','entree_diploma',2,'pro: entreediploma (2 jaar)')),
 'drempelloze_instroom': ("drempelloze instroom in full", "10% more chain bol entrants; their bol uitval × 1.09", "that self-registered pupils drop out often", "extra inflow 5-20% and uitval [0.96, 1.08], drawn", ('chain_leavers','pro','entree_diploma',2,'pro: entreediploma (2 jaar)')),
 'meer_bbl': ("more bbl instead of bol", "a quarter of would-be bol entrants to bbl", "bbl outcomes", "causal share [0, 0.7] and the size (a tenth to two fifths, size_range), both drawn", ('entree_entrants','all','entree_diploma',1,'entree: diploma binnen 1 jaar')),
 'loopbaancoach': ("career coach (Danish model)", "uitval in entree and niveau 2 × 0.85; return to school × 1.3", "Danish fall in early leaving, as an upper bound", "both, drawn", ('entree_entrants','all','position_not_in_mbo_no_diploma',1,'entree: uitval zonder diploma (1 jaar)')),
 'pro_arbeidsroute': ("pro's own route to work instead of entree", "`pro_verlaten`: a quarter of the bol share to werk", "the outcomes of both routes (calibrated)", "causal share [0.2, 1] (also the size)", ('chain_leavers','pro','work',5,'pro: werk (5 jaar)')),
 'entreeplus': ("entreeplus: small groups, more guidance", "chain bol uitval × 0.9 (`entreeplus_uitval`)", "nothing", "[0.89, 1.11], drawn", ('entree_entrants','all','position_not_in_mbo_no_diploma',1,'entree: uitval zonder diploma (1 jaar)')),
 'entree_hybride': ("entree inside a company (hybrid)", "bol uitval × 0.9; dropouts' odds of work × 1.3", "nothing", "both, drawn", ('entree_entrants','all','position_not_in_mbo_no_diploma',1,'entree: uitval zonder diploma (1 jaar)')),
 'arbeidsmarktroute': ("arbeidsmarktroute built, no vsv count with a job", "entree dropouts' odds of work × 1.5", "nothing", "[0.67, 1.33], drawn", ('chain_leavers','all','work',5,'keten: werk (5 jaar)')),
 'entree_in_vmbo_vso': ("entree inside vmbo and vso", "`vmbo_b_verlaten`, `vso_verlaten`: half of the bol share to examendeelnemer", "variant outcomes", "causal share [0.1, 0.9] (also the size)", ('chain_leavers','vso','mbo2_diploma',5,'vso: startkwalificatie (5 jaar)')),
 'advies_entreeteam_leidend': ("the entree team's advice decides the step to niveau 2", "odds of going on × 0.8; niveau-2 uitval after entree × 0.9", "nothing", "both, drawn", ('entree_entrants','all','mbo2_diploma',5,'entree: startkwalificatie (5 jaar)')),
 'taal_rekenen_1f': ("taal and rekenen at 1F for isk and pro", "isk/pro: odds of going on × 1.3; niveau-2 diploma rate × 1.1", "nothing", "both, drawn", ('chain_leavers','isk','mbo2_diploma',5,'isk: startkwalificatie (5 jaar)')),
 'driejarig_mbo1_2': ("three-year route entree → niveau 2", "chain strata: odds of going on × 1.5; niveau-2 uitval × 0.85", "nothing", "both, drawn", ('chain_leavers','pro','mbo2_diploma',5,'pro: startkwalificatie (5 jaar)')),
 'tweede_entreejaar_bekostiging': ("second entree year funded in full", "cost factor of later entree years 0.6 → 1.2; return to school without a diploma × 1.05", "the funding factors (003 l. 4761-4763)", "return [0.95, 1.05], drawn", ('chain_leavers','all','work',5,'keten: werk (5 jaar)')),
 'isk_vo_hoger_niveau': ("isk pupils placed at a higher mbo level", "`isk_verlaten`: a fifth of the bol share to niveau 2", "the outcomes of both routes (calibrated)", "causal share [0.2, 1] (also the size)", ('chain_leavers','isk','mbo2_diploma',5,'isk: startkwalificatie (5 jaar)')),
}

names = []
for r in rows:
    if r['scenario'] not in names: names.append(r['scenario'])
print("| scenario | lever | mechanism in the model | measured | assumed (drawn in `compare` unless said) | startkwalificaties per 1.000 leerlingen, alle strata (95%) | headline outcome: verschil per 1.000 (95%) |")
print("|---|---|---|---|---|---|---|")
for n in names:
    if '+' in n:
        parts = n.split('+')
        d = ("stack: " + " + ".join(f"`{p}`" for p in parts), "both parts at once", "as the parts", "as the parts", None)
    else:
        d = S.get(n)
        if d is None: d = ("?", "?", "?", "?", None)
    head = ''
    if d[4]:
        pop, org, m, h, words = d[4]
        head = f"{words}: {cell(n, pop, org, m, h)}"
    else:
        p0 = n.split('+')[0]
        pop, org, m, h, words = S[p0][4]
        inter = cell(n, pop, org, m, h, 'interaction')
        head = f"{words}: {cell(n, pop, org, m, h)}; samenspel {inter}"
    print(f"| `{n}` | {d[0]} | {d[1]} | {d[2]} | {d[3]} | {sk(n)} | {head} |")
