// The Sankey: pro, vso, vmbo-b and isk from their origin to the first 1 October after vo, one year
// later and five years later; real paths from flows.csv, or an estimate from outcomes.csv without it.

import path from 'node:path';
import { nl } from '../format.mjs';
import { UsageError } from '../load.mjs';
import { WIDTH, FONT, FS, TEXT, GREY, baseOption, title, renderSvg } from '../chart.mjs';
import {
  ORIGIN, ORIGIN_COLOR, CHAIN_ORIGINS, ENTREE_ORIGIN, FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES, NOT_FOLLOWED,
} from '../vocabulary.mjs';

/** Iterative proportional fitting: scale `seed` so that rows sum to `rows` and columns to `cols`. */
export function ipf(seed, rows, cols, iterations = 500) {
  const m = seed.map((r) => r.slice());
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < m.length; i++) {
      const s = m[i].reduce((a, b) => a + b, 0);
      for (let j = 0; j < cols.length; j++) m[i][j] = s > 0 ? (m[i][j] * rows[i]) / s : rows[i] / cols.length;
    }
    for (let j = 0; j < cols.length; j++) {
      const s = m.reduce((a, r) => a + r[j], 0);
      for (let i = 0; i < m.length; i++) m[i][j] = s > 0 ? (m[i][j] * cols[j]) / s : 0;
    }
  }
  return m;
}

const normalize = (xs) => {
  const c = xs.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const s = c.reduce((a, b) => a + b, 0);
  return s > 0 ? c.map((x) => x / s) : xs.map(() => 1 / xs.length);
};

const STAGE1 = [
  { id: 'e_bol', name: 'entree bol', color: '#E69F00' },
  { id: 'e_bbl', name: 'entree bbl', color: '#F5C04A' },
  { id: 'e_ex', name: 'examendeelnemer', color: '#B87D00' },
  { id: 'n2', name: 'direct naar niveau 2+', color: '#009E73' },
  { id: 'out', name: 'niet naar het mbo', color: '#999999' },
];
const STAGE2 = [
  { id: 'in_entree', name: 'in entree', color: '#E69F00' },
  { id: 'in_n2', name: 'in niveau 2+', color: '#009E73' },
  { id: 'out_dipl', name: 'uit mbo, met diploma', color: '#56B4E9' },
  { id: 'out_none', name: 'uit mbo, zonder diploma', color: '#D55E00' },
];
const STAGE3 = [
  { id: 'sk', name: 'startkwalificatie', color: '#00694C' },
  { id: 'l1', name: 'alleen entreediploma', color: '#E69F00' },
  { id: 'none', name: 'geen mbo-diploma', color: '#D55E00' },
];
const POSITIONS = ['position_entree', 'position_niveau2plus', 'position_not_in_mbo_with_diploma', 'position_not_in_mbo_no_diploma'];

/**
 * The flow table behind the Sankey. outcomes.csv holds shares per origin at each horizon, not the
 * paths of individual students, so per origin:
 *  - column sizes are exact (chain_leavers shares at h = 0, 1 and 5 times the national cohort);
 *  - origin -> entree variant uses the variant mix of that origin's entree entrants;
 *  - the flows between later columns are fitted to those column sizes (IPF) from the nearest group
 *    outcomes.csv has: entree entrants per variant (h = 1) for the entree rows, mbo entrants for
 *    niveau 2+, entree leavers without / with a diploma (h = 1, h = 4) for those out of the mbo.
 */
export function sankeyFlows(run) {
  const origins = CHAIN_ORIGINS.filter((o) => run.get('chain_leavers', o, 'all', 'position_entree', 0));
  if (!origins.length) throw new UsageError('outcomes.csv has no chain_leavers rows');
  const strata = run.manifest?.strata ?? [];
  const perYear = origins.every((o) => strata.find((s) => s.name === o));
  const size = (o) => {
    if (perYear) return strata.find((s) => s.name === o).national_cohort;
    return 1000 * (run.get('chain_leavers', o, 'all', 'share_of_population', 0)?.mean ?? 1 / origins.length);
  };
  const v = (pop, o, variant, m, h) => run.get(pop, o, variant, m, h)?.mean;
  const eo = (o) => (run.get('entree_entrants', ENTREE_ORIGIN[o], 'all', 'entree_diploma', 1) ? ENTREE_ORIGIN[o] : 'all');
  const positions = (pop, o, variant, h) => POSITIONS.map((m) => v(pop, o, variant, m, h));
  const diplomas = (pop, o, variant, h, canBeNone = true) => {
    const sk = v(pop, o, variant, 'mbo2_diploma', h);
    const l1 = v(pop, o, variant, 'highest_diploma_level1', h);
    const any = v(pop, o, variant, 'any_mbo_diploma', h);
    return [sk, l1, canBeNone ? 1 - any : 0];
  };
  const seedRow = (xs, n) => {
    if (!xs || xs.some((x) => !Number.isFinite(x))) return Array(n).fill(1);
    return xs.map((x) => Math.max(x, 1e-4));
  };
  const links = new Map(); // "from|to" -> value
  const add = (a, b, x) => links.set(`${a}|${b}`, (links.get(`${a}|${b}`) ?? 0) + x);
  const perOrigin = {};
  for (const o of origins) {
    const n = size(o);
    const e = eo(o);
    const p0 = positions('chain_leavers', o, 'all', 0);
    const mix = normalize(['bol', 'bbl', 'examendeelnemer'].map((x) => v('entree_entrants', e, x, 'variant_share', 0)));
    const s1 = normalize([p0[0] * mix[0], p0[0] * mix[1], p0[0] * mix[2], p0[1], p0[2] + p0[3]]);
    const s2 = normalize(positions('chain_leavers', o, 'all', 1));
    const s3 = normalize(diplomas('chain_leavers', o, 'all', 5));
    const seed12 = [
      seedRow(positions('entree_entrants', e, 'bol', 1), 4),
      seedRow(positions('entree_entrants', e, 'bbl', 1), 4),
      seedRow(positions('entree_entrants', e, 'examendeelnemer', 1), 4),
      seedRow(positions('mbo_entrants', o, 'all', 1), 4),
      seedRow(positions('entree_leavers_zonder_diploma', e, 'all', 1), 4),
    ];
    const seed23 = [
      seedRow(diplomas('entree_entrants', e, 'all', 5), 3),
      seedRow(diplomas('mbo_entrants', o, 'all', 5), 3),
      [...seedRow(diplomas('entree_leavers_met_diploma', e, 'all', 4).slice(0, 2), 2), 0], // a diploma is never lost
      seedRow(diplomas('entree_leavers_zonder_diploma', e, 'all', 4), 3),
    ];
    const m12 = ipf(seed12, s1.map((x) => x * n), s2.map((x) => x * n));
    const m23 = ipf(seed23, s2.map((x) => x * n), s3.map((x) => x * n));
    STAGE1.forEach((a, i) => add(o, a.id, s1[i] * n));
    STAGE1.forEach((a, i) => STAGE2.forEach((b, j) => add(a.id, b.id, m12[i][j])));
    STAGE2.forEach((a, i) => STAGE3.forEach((b, j) => add(a.id, b.id, m23[i][j])));
    perOrigin[o] = { n, s1, s2, s3, entreeOrigin: e };
  }
  const total = origins.reduce((a, o) => a + size(o), 0);
  return { origins, links, perOrigin, total, perYear };
}


/**
 * The Sankey from flows.csv: real paths, not an estimate. Each link is the number of students who
 * were in both nodes (origin -> route per origin; later links summed over the origins), per year
 * nationally: the students of replicate 0 weighted by national cohort / simulated.
 */
export function sankeyTrueFlows(run) {
  const rows = run.flows.filter((r) => CHAIN_ORIGINS.includes(r.origin));
  const origins = CHAIN_ORIGINS.filter((o) => rows.some((r) => r.origin === o && r.route !== NOT_FOLLOWED));
  if (!origins.length) throw new UsageError(`${path.join(run.dir, 'flows.csv')}: no students of pro, vso, vmbo_b or isk with a route`);
  const perYear = rows.every((r) => Number.isFinite(r.perYear)) && rows.some((r) => r.perYear > 0);
  const node = (list, code) => list.find((x) => x.codes.includes(code)).id;
  const links = new Map();
  const add = (a, b, x) => links.set(`${a}|${b}`, (links.get(`${a}|${b}`) ?? 0) + x);
  let total = 0, simulated = 0, notFollowed = 0;
  for (const r of rows) {
    const x = perYear ? r.perYear : r.students;
    simulated += r.students;
    if (r.route === NOT_FOLLOWED) { notFollowed += x; continue; }
    if (!origins.includes(r.origin)) continue;
    total += x;
    const a = node(FLOW_ROUTES, r.route), b = node(FLOW_POSITIONS, r.position), c = node(FLOW_OUTCOMES, r.outcome);
    add(r.origin, a, x);
    add(a, b, x);
    add(b, c, x);
  }
  return { origins, links, total, perYear, simulated, notFollowed };
}

/** Draw a four-column Sankey: `stages` lists the nodes per column, `links` maps "from|to" to a value. */
function drawSankey({ stages, links: linkMap, total, heads, titleText, subtitle }) {
  const inflow = new Map(), outflow = new Map();
  for (const [k, x] of linkMap) {
    const [a, b] = k.split('|');
    outflow.set(a, (outflow.get(a) ?? 0) + x);
    inflow.set(b, (inflow.get(b) ?? 0) + x);
  }
  const minShown = total * 0.004;
  const nodes = [];
  stages.forEach((stage, depth) => {
    for (const s of stage) {
      const val = Math.max(inflow.get(s.id) ?? 0, outflow.get(s.id) ?? 0);
      if (val < 0.5) continue;
      nodes.push({
        name: s.id,
        depth,
        itemStyle: { color: s.color, borderColor: '#ffffff', borderWidth: 1 },
        label: { show: val >= minShown, formatter: `{n|${s.name}}  {v|${nl(val)}}` },
      });
    }
  });
  const shown = new Set(nodes.map((x) => x.name));
  const links = [...linkMap]
    .map(([k, x]) => ({ source: k.split('|')[0], target: k.split('|')[1], value: x }))
    .filter((l) => l.value >= 0.5 && shown.has(l.source) && shown.has(l.target));
  // The last column's labels need the right margin; the rest goes to the middle columns' labels.
  const left = 24, right = 270, nodeWidth = 26;
  const step = (WIDTH - left - right - nodeWidth) / 3;
  const option = {
    ...baseOption(),
    title: title(titleText, subtitle),
    graphic: heads.map((h, i) => ({
      type: 'text', left: left + i * step, top: 118,
      style: { text: h, fontSize: FS, fontWeight: 'bold', fill: GREY, fontFamily: FONT },
    })),
    series: [{
      type: 'sankey',
      left, right, top: 150, bottom: 24,
      nodeWidth, nodeGap: 14, layoutIterations: 0, nodeAlign: 'justify', draggable: false,
      data: nodes,
      links,
      lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
      label: {
        position: 'right', fontSize: FS, color: TEXT, fontFamily: FONT,
        textBorderColor: '#ffffff', textBorderWidth: 3,
        rich: { n: { fontSize: FS, color: TEXT, fontFamily: FONT }, v: { fontSize: FS, fontWeight: 'bold', color: TEXT, fontFamily: FONT } },
      },
      emphasis: { disabled: true },
    }],
  };
  return renderSvg(option, WIDTH, SANKEY_HEIGHT);
}

const SANKEY_HEIGHT = 760; // eight route nodes and their labels need a little more than HEIGHT

/** The Sankey figure: from flows.csv when the run folder has one, else estimated from outcomes.csv. */
export function sankeyFigure(run) {
  if (run.flows) {
    const f = sankeyTrueFlows(run);
    const unit = f.perYear ? 'leerlingen per jaar (landelijk)' : 'gesimuleerde leerlingen';
    const reps = Number.isFinite(run.replications) && run.replications > 1 ? ` van ${nl(run.replications)}` : '';
    const svg = drawSankey({
      stages: [origins2nodes(f.origins), FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES],
      links: f.links, total: f.total,
      heads: ['herkomst', 'eerste 1 oktober na vo', 'één jaar later', 'vijf jaar later'],
      titleText: 'Van vo naar mbo en verder: pro, vso, vmbo-b en isk',
      subtitle: `${nl(f.total)} ${unit}; echte paden van ${nl(f.simulated)} gesimuleerde leerlingen (replicatie 1${reps}),\n` +
        (f.perYear ? 'omgerekend naar de landelijke jaargroep van elke herkomst' : 'niet gewogen'),
    });
    return { svg, flows: f, estimate: false };
  }
  const f = sankeyFlows(run);
  const unit = f.perYear ? 'leerlingen per jaar (landelijk)' : 'per 1.000 schoolverlaters uit de keten';
  const svg = drawSankey({
    stages: [origins2nodes(f.origins), STAGE1, STAGE2, STAGE3],
    links: f.links, total: f.total,
    heads: ['herkomst', 'eerste teldatum na vo', 'één jaar later', 'vijf jaar later'],
    titleText: 'Schatting: van vo naar mbo en verder (pro, vso, vmbo-b, isk)',
    subtitle: `${nl(f.total)} ${unit}; aandelen per herkomst, geen individuele paden: elke kolom komt uit de\n` +
      'simulatie, de stromen tussen de kolommen zijn geschat uit die aandelen (gemiddelde van ' +
      `${nl(run.replications)} replicaties; deze map heeft geen flows.csv)`,
  });
  return { svg, flows: f, estimate: true };
}

function origins2nodes(origins) {
  return origins.map((o) => ({ id: o, name: ORIGIN[o], color: ORIGIN_COLOR[o] }));
}
