#!/usr/bin/env node
// Figures and a self-contained report for doorstroom run, compare, validate and sweep folders.
//
//   node plots/render.mjs --run RUN_DIR [--compare DIR] [--validate DIR] [--sweep DIR] --out OUT_DIR [--png]
//
// Writes OUT_DIR/figures/*.svg (and *.png with --png, through rsvg-convert) and OUT_DIR/report.html.
// The charts are Apache ECharts, rendered on the server side to SVG (no browser). The report inlines
// every SVG, so it works offline. Inputs are the CSV files described in docs/outputs.md (outcomes.csv,
// census.csv, flows.csv, comparison.csv), models/validation.cpp (calibration.csv, fit_by_horizon.csv) and models/sensitivity.cpp
// (sensitivity_*.csv); they are only read.

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { nl, pct, escapeHtml } from './format.mjs';
import { UsageError, num, parseCsv, loadRun, loadCompare, loadValidate, loadSweep } from './load.mjs';
import {
  ORIGIN, STRATUM_WHO, STRATUM_SHORT, STRATUM_ORDER, ORIGIN_COLOR, CHAIN_ORIGINS, ENTREE_ORIGIN, STATE_GROUPS,
  FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES, NOT_FOLLOWED, FOREST_ROWS, HORIZON_GROUPS, POPULATION_NL, MEASURE_NL,
  intervalText, compareIntervalText, measureNl,
} from './vocabulary.mjs';
import { WIDTH, HEIGHT, FONT, FS, TEXT, GREY, baseOption, title, renderSvg, axisName, axisLabel } from './chart.mjs';

// What plots/test.mjs and plots/screenshot.mjs use from the modules above.
export { nl, pct, parseCsv, loadRun, FOREST_ROWS, STATE_GROUPS, FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES };

// ---------------------------------------------------------------------------------------------
// Sankey: origin -> first census after vo -> one year later -> five years later

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

// ---------------------------------------------------------------------------------------------
// Census: stacked shares of state groups per census year, per stratum

export function censusFigures(run) {
  const byOrigin = new Map();
  for (const r of run.census) {
    if (!byOrigin.has(r.origin)) byOrigin.set(r.origin, []);
    byOrigin.get(r.origin).push(r);
  }
  const known = new Set(STATE_GROUPS.flatMap((g) => g.states));
  const out = [];
  const rank = (o) => (STRATUM_ORDER.includes(o) ? STRATUM_ORDER.indexOf(o) : STRATUM_ORDER.length);
  const order = [...byOrigin.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const origin of order) {
    const rows = byOrigin.get(origin);
    const years = [...new Set(rows.map((r) => Number(r.census_year)))].sort((a, b) => a - b);
    const groups = STATE_GROUPS.map((g) => ({ ...g, values: years.map(() => 0) }));
    const other = { key: 'overig', label: 'overig', color: '#333333', states: [], values: years.map(() => 0) };
    let maxHalf = 0;
    for (const r of rows) {
      const k = years.indexOf(Number(r.census_year));
      const g = groups.find((x) => x.states.includes(r.state)) ?? other;
      if (!known.has(r.state)) other.states.push(r.state);
      g.values[k] += num(r.mean);
      const half = (num(r.ci_high) - num(r.ci_low)) / 2;
      if (Number.isFinite(half)) maxHalf = Math.max(maxHalf, half);
    }
    if (other.values.some((x) => x > 0)) groups.push(other);
    const startsInVo = groups[0].values[0] > 0.5;
    const reps = num(rows[0]?.replications);
    const ci = Number.isFinite(maxHalf) && maxHalf > 0
      ? `95%-interval per toestand hooguit ±${nl(maxHalf * 100, 1)} procentpunt (niet getekend)`
      : 'zonder interval (1 replicatie)';
    const option = {
      ...baseOption(),
      title: title(`Waar zijn ${STRATUM_SHORT[origin] ?? origin} op 1 oktober?`,
        `Aandeel van alle gesimuleerde leerlingen per groep van toestanden (ongewogen), gemiddelde van ${nl(reps)} replicaties;\n${ci}`),
      legend: {
        orient: 'vertical', right: 16, top: 'middle', itemWidth: 22, itemHeight: 18, itemGap: 12,
        textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT, width: 250, overflow: 'break' },
        data: [...groups].reverse().map((g) => g.label),
      },
      grid: { left: 80, right: 330, top: 130, bottom: 80 },
      xAxis: {
        type: 'category', data: years.map(String),
        name: startsInVo ? 'teldatum: jaren na de start in het vo (0 = eerste jaar)' : 'teldatum: jaren na de start in entree (0 = eerste jaar)',
        nameLocation: 'middle', nameGap: 44, nameTextStyle: axisName, axisLabel,
      },
      yAxis: {
        type: 'value', min: 0, max: 1, interval: 0.2,
        axisLabel: { ...axisLabel, formatter: (x) => pct(x, 0) },
      },
      series: groups.map((g) => ({
        type: 'bar', name: g.label, stack: 'all', barCategoryGap: '18%',
        itemStyle: { color: g.color, borderColor: '#ffffff', borderWidth: 0.5 },
        data: g.values,
        label: {
          show: true, position: 'inside', fontSize: 15, fontFamily: FONT,
          color: ['vo', 'beschut', 'ander', 'entree'].includes(g.key) ? TEXT : '#ffffff',
          formatter: (p) => (p.value >= 0.12 && years.length <= 18 ? pct(p.value, 0) : ''),
        },
        emphasis: { disabled: true },
      })),
    };
    out.push({ origin, svg: renderSvg(option), groups, years, startsInVo });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grouped bars with interval whiskers (custom series: the bar, the whisker and the value label)

function groupedBars({ titleText, subtitle, categories, series, yName, legendTop = 108, gridTop = 170 }) {
  const n = series.length;
  const max = Math.max(...series.flatMap((s) => s.values.map((x) => (Number.isFinite(x?.hi) ? x.hi : x?.mean ?? 0))));
  const yMax = Math.min(1, Math.ceil((max + 0.08) * 10) / 10);
  return {
    ...baseOption(),
    title: title(titleText, subtitle),
    legend: {
      top: legendTop, left: 24, itemWidth: 26, itemHeight: 18, itemGap: 22,
      textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: series.map((s) => ({ name: s.name, icon: 'rect' })),
    },
    grid: { left: 90, right: 30, top: gridTop, bottom: 70 },
    xAxis: {
      type: 'category', data: categories,
      axisLabel: { ...axisLabel, interval: 0, fontWeight: 'bold' }, axisTick: { show: false },
    },
    yAxis: {
      type: 'value', min: 0, max: yMax, name: yName, nameTextStyle: { ...axisName, align: 'left' },
      axisLabel: { ...axisLabel, formatter: (x) => pct(x, 0) },
    },
    series: series.map((s, si) => ({
      type: 'custom',
      name: s.name,
      itemStyle: { color: s.color },
      data: s.values.map((x, ci) => [ci, x?.mean ?? NaN, x?.lo ?? NaN, x?.hi ?? NaN]),
      encode: { x: 0, y: [1, 2, 3] },
      renderItem: (params, api) => {
        const ci = api.value(0), mean = api.value(1), lo = api.value(2), hi = api.value(3);
        if (!Number.isFinite(mean)) return null;
        const band = api.size([1, 0])[0];
        const inner = band * 0.84;
        const bw = inner / n;
        const x0 = api.coord([ci, 0])[0] - inner / 2 + si * bw;
        const xc = x0 + bw / 2;
        const yBase = api.coord([ci, 0])[1];
        const yTop = api.coord([ci, mean])[1];
        const children = [{
          type: 'rect', shape: { x: x0 + bw * 0.06, y: yTop, width: bw * 0.88, height: yBase - yTop },
          style: { fill: s.color },
        }];
        let labelY = yTop;
        if (Number.isFinite(lo) && Number.isFinite(hi) && hi > lo) {
          const yl = api.coord([ci, lo])[1], yh = api.coord([ci, hi])[1];
          const cap = Math.min(10, bw * 0.25);
          const line = { stroke: TEXT, lineWidth: 2 };
          children.push(
            { type: 'line', shape: { x1: xc, y1: yl, x2: xc, y2: yh }, style: line },
            { type: 'line', shape: { x1: xc - cap, y1: yl, x2: xc + cap, y2: yl }, style: line },
            { type: 'line', shape: { x1: xc - cap, y1: yh, x2: xc + cap, y2: yh }, style: line },
          );
          labelY = Math.min(labelY, yh);
        }
        children.push({
          type: 'text',
          style: {
            text: pct(mean, 0), x: xc, y: labelY - 4, align: 'center', verticalAlign: 'bottom',
            fontSize: FS, fontWeight: 'bold', fill: TEXT, fontFamily: FONT,
          },
        });
        return { type: 'group', children };
      },
    })),
  };
}

const CHAIN_MEASURES = [
  { measure: 'mbo2_diploma', label: 'startkwalificatie' },
  { measure: 'highest_diploma_level1', label: 'alleen entreediploma' },
  { measure: 'position_not_in_mbo_no_diploma', label: 'niet in mbo, geen mbo-diploma' },
  { measure: 'work', label: 'werk (12+ uur per week)' },
];
const ENTREE_MEASURES = [
  { measure: 'entree_diploma', h: 1, label: 'entreediploma (1 jaar)' },
  { measure: 'position_niveau2plus', h: 1, label: 'in niveau 2+ (1 jaar)' },
  { measure: 'position_not_in_mbo_no_diploma', h: 1, label: 'uitval zonder diploma (1 jaar)' },
  { measure: 'mbo2_diploma', h: 5, label: 'startkwalificatie (5 jaar)' },
];

export function outcomesFigure(run) {
  const h = 5;
  const origins = [...CHAIN_ORIGINS, 'all'].filter((o) => run.get('chain_leavers', o, 'all', 'mbo2_diploma', h));
  const interval = intervalText(run.manifest?.interval, run.replications);
  const option = groupedBars({
    titleText: 'Vijf jaar na het vo: diploma en werk per herkomst',
    subtitle: `Aandeel van de schoolverlaters uit pro, vso, vmbo-b en isk, 5 jaar na de eerste teldatum na het vo.\nStreepjes: ${interval}.`,
    categories: CHAIN_MEASURES.map((m) => m.label),
    series: origins.map((o) => ({
      name: ORIGIN[o], color: ORIGIN_COLOR[o],
      values: CHAIN_MEASURES.map((m) => run.get('chain_leavers', o, 'all', m.measure, h)),
    })),
  });
  return renderSvg(option);
}

export function outcomesEntreeFigure(run) {
  const variants = ['bol', 'bbl', 'examendeelnemer', 'all'].filter((x) => run.get('entree_entrants', 'all', x, 'entree_diploma', 1));
  if (!variants.length) return null;
  const colors = { bol: '#E69F00', bbl: '#0072B2', examendeelnemer: '#CC79A7', all: '#4D4D4D' };
  const names = { bol: 'bol', bbl: 'bbl', examendeelnemer: 'examendeelnemer', all: 'alle entreestudenten' };
  const interval = intervalText(run.manifest?.interval, run.replications);
  const option = groupedBars({
    titleText: 'Entreestudenten per leerweg: bol, bbl en examendeelnemer',
    subtitle: `Aandeel van alle instromers in entree (alle herkomsten, landelijk gewogen), na 1 en 5 jaar vanaf de eerste teldatum in entree.\nStreepjes: ${interval}.`,
    categories: ENTREE_MEASURES.map((m) => m.label),
    series: variants.map((x) => ({
      name: names[x], color: colors[x],
      values: ENTREE_MEASURES.map((m) => run.get('entree_entrants', 'all', x, m.measure, m.h)),
    })),
  });
  return renderSvg(option);
}

// ---------------------------------------------------------------------------------------------
// Forest plot: scenario minus base per 1.000, with intervals

const SCENARIO_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#4D4D4D', '#A6761D', '#7570B3', '#B2182B', '#1B9E77', '#666666'];
/** A round step for about `target` axis intervals over `span`. */
export function niceStep(span, target = 6) {
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((x) => x >= raw) ?? 10 * p;
}

/** Rows a horizontal legend takes (text width estimated at 0.5 em a character). */
function legendLines(names, iconWidth, gap, width = WIDTH - 48) {
  let lines = 1, x = 0;
  for (const n of names) {
    const w = iconWidth + n.length * FS * 0.5 + gap;
    if (x > 0 && x + w > width) { lines++; x = 0; }
    x += w;
  }
  return lines;
}

export function forestFigures(cmp, { maxRows = 20 } = {}) {
  const rows = FOREST_ROWS.filter((r) => cmp.scenarios.some((s) => cmp.get(s.name, r.population, r.origin, r.measure, r.h)));
  const nScen = cmp.scenarios.length;
  const fit = Math.max(1, Math.floor(maxRows / Math.max(1, nScen)));
  const perPage = Math.ceil(rows.length / Math.ceil(rows.length / fit)); // pages of about equal length
  const pages = [];
  for (let i = 0; i < rows.length; i += perPage) pages.push(rows.slice(i, i + perPage));
  const interval = compareIntervalText(cmp);
  return pages.map((page, pi) => {
    const nLines = page.length * nScen;
    const height = Math.max(HEIGHT, 250 + nLines * 30 + (legendLines(cmp.scenarios.map((s) => s.name), 26, 22) - 1) * 36);
    let lo = 0, hi = 0;
    for (const r of page) for (const s of cmp.scenarios) {
      const d = cmp.get(s.name, r.population, r.origin, r.measure, r.h);
      if (!d) continue;
      lo = Math.min(lo, d.lo * 1000, d.delta * 1000);
      hi = Math.max(hi, d.hi * 1000, d.delta * 1000);
    }
    const step = niceStep(Math.max(hi - lo, 1));
    const xMin = Math.floor(lo / step) * step;
    // With many scenarios each point also carries its scenario's name, which needs room on the right.
    const named = nScen > 4;
    const xMax = Math.ceil((hi + (hi - lo) * (named ? 0.55 : 0.16)) / step) * step;
    const legendRows = legendLines(cmp.scenarios.map((s) => s.name), 18 + 8, 22);
    const gridTop = 142 + legendRows * 36 + 22;
    const option = {
      ...baseOption(),
      title: title(`Scenario's tegen de basis${pages.length > 1 ? ` (${pi + 1} van ${pages.length})` : ''}: verschil per 1.000 leerlingen`,
        `+ is meer dan in de basis${cmp.base?.name ? ` (${cmp.base.name})` : ''}; punt = gemiddeld verschil, streep = ${interval.replace(/^95%-interval/, '95%-interval')}`.replace(/(.{1,118})(\s|$)/g, '$1\n').trim()),
      legend: {
        top: 142, left: 24, itemWidth: 18, itemHeight: 18, itemGap: 22,
        textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
        data: cmp.scenarios.map((s) => ({ name: s.name, icon: 'circle' })),
      },
      grid: { left: 440, right: 90, top: gridTop, bottom: 70 },
      yAxis: {
        type: 'category', inverse: true, data: page.map((r) => r.label),
        axisLabel: { ...axisLabel, interval: 0 }, axisTick: { show: false },
        splitLine: { show: true, lineStyle: { color: '#e6e6e6' } }, splitArea: { show: true, areaStyle: { color: ['#ffffff', '#f5f5f5'] } },
      },
      xAxis: {
        type: 'value', min: Math.min(xMin, -step), max: xMax, interval: step,
        name: 'verschil per 1.000 leerlingen van de groep', nameLocation: 'middle', nameGap: 44, nameTextStyle: axisName,
        axisLabel: { ...axisLabel, formatter: (x) => nl(x, 0, { sign: true }) },
        splitLine: { lineStyle: { color: '#e6e6e6' } },
      },
      series: [
        ...cmp.scenarios.map((s, si) => ({
          type: 'custom', name: s.name, itemStyle: { color: SCENARIO_COLORS[si % SCENARIO_COLORS.length] },
          data: page.map((r, ri) => {
            const d = cmp.get(s.name, r.population, r.origin, r.measure, r.h);
            return d ? [d.delta * 1000, ri, d.lo * 1000, d.hi * 1000] : [NaN, ri, NaN, NaN];
          }),
          encode: { x: [0, 2, 3], y: 1 },
          renderItem: (params, api) => {
            const d = api.value(0), ri = api.value(1), l = api.value(2), h = api.value(3);
            if (!Number.isFinite(d)) return null;
            const band = api.size([0, 1])[1];
            const y = api.coord([0, ri])[1] + (si - (nScen - 1) / 2) * Math.min(30, band / (nScen + 0.6));
            const color = SCENARIO_COLORS[si % SCENARIO_COLORS.length];
            const [xd] = api.coord([d, ri]);
            const children = [];
            let xr = xd;
            if (Number.isFinite(l) && Number.isFinite(h)) {
              const xl = api.coord([l, ri])[0], xh = api.coord([h, ri])[0];
              xr = Math.max(xh, xd);
              const st = { stroke: color, lineWidth: 3 };
              children.push(
                { type: 'line', shape: { x1: xl, y1: y, x2: xh, y2: y }, style: st },
                { type: 'line', shape: { x1: xl, y1: y - 7, x2: xl, y2: y + 7 }, style: st },
                { type: 'line', shape: { x1: xh, y1: y - 7, x2: xh, y2: y + 7 }, style: st },
              );
            }
            children.push({ type: 'circle', shape: { cx: xd, cy: y, r: 8 }, style: { fill: color, stroke: '#ffffff', lineWidth: 1.5 } });
            children.push({
              type: 'text', style: {
                text: named ? `${nl(d, 1, { sign: true })}  ${s.name}` : nl(d, 1, { sign: true }), x: xr + 10, y, align: 'left', verticalAlign: 'middle',
                fontSize: FS, fill: color, fontWeight: 'bold', fontFamily: FONT,
              },
            });
            return { type: 'group', children };
          },
        })),
        {
          type: 'line', name: '_nul', silent: true, symbol: 'none', data: [],
          markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#222222', width: 2, type: 'solid' }, data: [{ xAxis: 0 }] },
        },
      ],
    };
    return { svg: renderSvg(option, WIDTH, height), rows: page };
  });
}

// ---------------------------------------------------------------------------------------------
// Calibration fit: observed vs simulated

/** The rows of calibration.csv with both values, and the axis maximum that holds them all. */
function fitPoints(val) {
  const rows = val.rows.filter((r) => Number.isFinite(num(r.observed)) && Number.isFinite(num(r.simulated_mean)));
  const max = Math.min(1, Math.ceil(Math.max(...rows.map((r) => Math.max(num(r.observed), num(r.simulated_mean)))) * 10 + 0.5) / 10);
  return { rows, max };
}

/** An axis of shares from 0 to max, named in the middle. */
const shareAxis = (max, name, nameGap) => ({
  type: 'value', min: 0, max, name, nameLocation: 'middle', nameGap, nameTextStyle: axisName,
  axisLabel: { ...axisLabel, formatter: (x) => pct(x, 0) }, splitLine: { lineStyle: { color: '#e6e6e6' } },
});

const diagonal = (max) => ({
  type: 'line', name: 'diagonaal: gesimuleerd = waargenomen', symbol: 'none', z: 2, silent: true,
  lineStyle: { color: '#444444', type: 'dashed', width: 2 }, itemStyle: { color: '#444444' },
  data: [[0, 0], [max, max]],
});

export function calibrationFigure(val) {
  const { rows, max } = fitPoints(val);
  const role = (r) => (r.role === 'calibrate' ? 'kalibratie' : 'validatie');
  const count = (k) => {
    const rs = rows.filter((r) => role(r) === k);
    return { n: rs.length, within: rs.filter((r) => r.within === 'yes').length };
  };
  const c = count('kalibratie'), v = count('validatie');
  const obsInterval = (r) => {
    const lo = num(r.observed_low), hi = num(r.observed_high);
    if (Number.isFinite(lo) && Number.isFinite(hi)) return [lo, hi];
    const se = num(r.standard_error);
    if (Number.isFinite(se)) return [Math.max(0, num(r.observed) - 1.96 * se), Math.min(1, num(r.observed) + 1.96 * se)];
    return [NaN, NaN];
  };
  const styles = {
    kalibratie: { color: '#0072B2', symbol: 'circle', name: `kalibratie: ${nl(c.within)} van ${nl(c.n)} gereproduceerd` },
    validatie: { color: '#D55E00', symbol: 'diamond', name: `validatie: ${nl(v.within)} van ${nl(v.n)} gereproduceerd` },
  };
  const series = [];
  for (const k of ['kalibratie', 'validatie']) {
    const st = styles[k];
    const rs = rows.filter((r) => role(r) === k);
    if (!rs.length) continue;
    series.push({
      type: 'custom', name: `${k}: interval`, silent: true, itemStyle: { color: st.color }, z: 1,
      data: rs.map((r) => { const [ol, oh] = obsInterval(r); return [num(r.observed), num(r.simulated_mean), ol, oh, num(r.simulated_ci_low), num(r.simulated_ci_high)]; }),
      encode: { x: [0, 2, 3], y: [1, 4, 5] },
      renderItem: (params, api) => {
        const x = api.value(0), y = api.value(1);
        const children = [];
        const st2 = { stroke: st.color, lineWidth: 1.5, opacity: 0.6 };
        if (Number.isFinite(api.value(2))) {
          const a = api.coord([api.value(2), y]), b = api.coord([api.value(3), y]);
          children.push({ type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: st2 });
        }
        if (Number.isFinite(api.value(4))) {
          const a = api.coord([x, api.value(4)]), b = api.coord([x, api.value(5)]);
          children.push({ type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: st2 });
        }
        return { type: 'group', children };
      },
    });
    series.push({
      type: 'scatter', name: st.name, symbol: st.symbol, symbolSize: k === 'validatie' ? 15 : 12, z: 3,
      itemStyle: { color: st.color, opacity: 0.85, borderColor: '#ffffff', borderWidth: 1 },
      data: rs.map((r) => [num(r.observed), num(r.simulated_mean)]),
      emphasis: { disabled: true },
    });
  }
  series.push(diagonal(max));
  const option = {
    ...baseOption(),
    title: title('Kalibratie en validatie: waargenomen tegen gesimuleerd',
      'Elk punt is een cel uit de rapporten (aandeel). Horizontale streep: waargenomen waarde ± 1,96 standaardfout (binomiaal, uit n)\n' +
      'of het bereik van een woordelijk cijfer; verticale streep: 95%-interval van de simulatie over de replicaties.'),
    legend: {
      top: 120, left: 24, itemGap: 26, textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: [styles.kalibratie.name, styles.validatie.name, 'diagonaal: gesimuleerd = waargenomen'].filter((n) => series.some((s) => s.name === n)),
    },
    grid: { left: 100, right: 40, top: 170, bottom: 80 },
    xAxis: shareAxis(max, 'waargenomen (rapporten)', 44),
    yAxis: shareAxis(max, 'gesimuleerd', 70),
    series,
  };
  return { svg: renderSvg(option), counts: { calibrate: c, validate: v } };
}

// ---------------------------------------------------------------------------------------------
// Calibration fit per horizon: one panel per horizon group of fit_by_horizon.csv

/** The subtitle of one panel: rows, share reproduced and mean error per role, from fit_by_horizon.csv. */
function horizonSubtitle(fits, group) {
  const line = (label, subset, role, { words = true } = {}) => {
    const f = fits.find((x) => x.subset === subset && x.role === role && x.horizon_group === group);
    const rows = num(f?.rows);
    if (!(rows > 0)) return `${label}: geen rijen`;
    return `${label}: ${nl(rows)} ${rows === 1 ? 'rij' : 'rijen'}, ${pct(num(f.share_reproduced))}${words ? ' gereproduceerd' : ''}, ` +
      `${nl(num(f.mean_abs_error_points), 1)} pp`;
  };
  return [line('kalibratie', 'all', 'calibrate'), line('validatie', 'all', 'validate'),
    line('validatie t/m cohort 2016', 'cohorts_to_2016', 'validate', { words: false })].join('\n');
}

/** Small multiples of observed against simulated, one per horizon group; null without fit_by_horizon.csv. */
export function calibrationHorizonFigure(val) {
  const fits = val.byHorizon ?? [];
  const groups = HORIZON_GROUPS.filter((g) => fits.some((f) => f.subset === 'all' && f.horizon_group === g.key));
  if (!groups.length) return null;
  const { rows, max } = fitPoints(val);
  const head = 200, panelH = 500, colW = WIDTH / 2;
  const height = head + Math.ceil(groups.length / 2) * panelH;
  const option = {
    ...baseOption(),
    title: [title('Kalibratie en validatie per horizon',
      'Per horizon (jaren na de eerste teldatum): waargenomen tegen gesimuleerd. Gereproduceerd: binnen 2 standaardfouten\n' +
      'of 1,5 procentpunt; pp: de gemiddelde afwijking in procentpunten (bij een woordelijk cijfer de afstand tot het bereik).')],
    legend: {
      top: 130, left: 24, itemGap: 26, textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: ['kalibratie', 'validatie', 'diagonaal: gesimuleerd = waargenomen'],
    },
    grid: [], xAxis: [], yAxis: [], series: [],
  };
  groups.forEach((g, i) => {
    const left = (i % 2) * colW, top = head + Math.floor(i / 2) * panelH;
    option.title.push({
      text: g.title, subtext: horizonSubtitle(fits, g.key), left: left + 24, top,
      textStyle: { fontSize: 22, fontWeight: 'bold', color: TEXT, fontFamily: FONT },
      subtextStyle: { fontSize: FS, color: GREY, fontFamily: FONT, lineHeight: 24 }, itemGap: 6,
    });
    option.grid.push({ left: left + 100, width: colW - 140, top: top + 120, height: panelH - 200 });
    option.xAxis.push({ ...shareAxis(max, 'waargenomen', 36), gridIndex: i });
    option.yAxis.push({ ...shareAxis(max, 'gesimuleerd', 66), gridIndex: i });
    const inGroup = rows.filter((r) => num(r.horizon_years) >= g.from && num(r.horizon_years) <= g.to);
    for (const [name, role, color, symbol] of [['kalibratie', 'calibrate', '#0072B2', 'circle'], ['validatie', 'validate', '#D55E00', 'diamond']]) {
      option.series.push({
        type: 'scatter', name, symbol, symbolSize: 12, xAxisIndex: i, yAxisIndex: i, z: 3, emphasis: { disabled: true },
        itemStyle: { color, opacity: 0.85, borderColor: '#ffffff', borderWidth: 1 },
        data: inGroup.filter((r) => r.role === role).map((r) => [num(r.observed), num(r.simulated_mean)]),
      });
    }
    option.series.push({ ...diagonal(max), xAxisIndex: i, yAxisIndex: i });
  });
  return { svg: renderSvg(option, WIDTH, height), groups: groups.map((g) => g.key) };
}

// ---------------------------------------------------------------------------------------------
// Tornado: outcome in the lowest and highest fifth of each swept parameter

function parameterNl(p) {
  const m = p.match(/^(route|age_rule|modifier|stratum|mix|cost)\.([^.]+)\.(.+)$/);
  if (!m) return p;
  const [, kind, name, field] = m;
  const words = name.replace(/_/g, ' ');
  let f = field;
  const r = field.match(/^rates\[(\d+)\]$/);
  if (r) f = `tempo, periode ${Number(r[1]) + 1}`;
  else if (field === 'rate') f = 'tempo';
  else if (/^odds/.test(field)) f = field.replace(/_/g, ' ');
  const kindNl = { route: 'route', age_rule: 'leeftijdsregel', modifier: 'effect', stratum: 'stratum', mix: 'mix', cost: 'kosten' }[kind];
  return `${kindNl} ${words}: ${f}`;
}

export function tornadoFigure(sweep, analysis) {
  const rows = analysis.rows.map((r) => ({
    parameter: r.parameter, src: num(r.src), low: num(r.outcome_low_fifth), high: num(r.outcome_high_fifth),
    effect: num(r.effect), points: num(r.points), r2: num(r.r_squared), measure: r.measure,
  })).filter((r) => Number.isFinite(r.low) && Number.isFinite(r.high));
  rows.sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  const spec = rows[0]?.measure ?? '';
  const [pop, origin, measure, h] = spec.split('/');
  const pts = sweep.sweep.filter((r) => r.population === pop && r.origin === origin && r.measure === measure && r.horizon_years === h);
  const center = pts.length ? pts.reduce((a, r) => a + num(r.mean), 0) / pts.length
    : rows.reduce((a, r) => a + (r.low + r.high) / 2, 0) / Math.max(1, rows.length);
  const points = rows[0]?.points ?? pts.length;
  const fifth = Math.max(1, Math.floor(points / 5));
  const spread = Math.max(...rows.map((r) => Math.max(Math.abs(r.low - center), Math.abs(r.high - center))), 0.001);
  const height = Math.max(HEIGHT, 260 + rows.length * 70);
  const mk = (key) => rows.map((r) => {
    const val = r[key] - center;
    return { value: val, label: { position: val < 0 ? 'left' : 'right' } };
  });
  const option = {
    ...baseOption(),
    title: title(`Gevoeligheid: ${MEASURE_NL[measure] ?? measure} (${POPULATION_NL[pop] ?? pop}, ${ORIGIN[origin] ?? origin}, ${h} jaar)`,
      `Gemiddelde uitkomst in de ${nl(fifth)} van ${nl(points)} sweeppunten met de laagste en de hoogste waarde van elke parameter;\n` +
      `lijn: gemiddelde over alle punten (${pct(center, 1)}). Geen interval: elk punt is een korte run (toevalsruis).` +
      (Number.isFinite(rows[0]?.r2) ? ` Lineair model R² = ${nl(rows[0].r2, 2)}.` : '')),
    legend: {
      top: 122, left: 24, itemGap: 26, textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: ['laagste vijfde van de parameter', 'hoogste vijfde van de parameter'],
    },
    grid: { left: 470, right: 110, top: 175, bottom: 80 },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => `{a|${parameterNl(r.parameter)}}\n{b|${r.parameter} · SRC ${nl(r.src, 2, { sign: true })}}`),
      axisTick: { show: false },
      axisLabel: {
        interval: 0, fontFamily: FONT, lineHeight: 24,
        rich: { a: { fontSize: FS, color: TEXT, fontFamily: FONT, align: 'right' }, b: { fontSize: 14, color: GREY, fontFamily: FONT, align: 'right' } },
      },
    },
    xAxis: {
      type: 'value', min: -spread * 1.35, max: spread * 1.35,
      name: `${MEASURE_NL[measure] ?? measure} na ${h} jaar (aandeel)`, nameLocation: 'middle', nameGap: 44, nameTextStyle: axisName,
      axisLabel: { ...axisLabel, formatter: (x) => pct(center + x, 1) }, splitLine: { lineStyle: { color: '#e6e6e6' } },
    },
    series: [
      {
        type: 'bar', name: 'laagste vijfde van de parameter', data: mk('low'), barWidth: 24, barGap: '8%',
        itemStyle: { color: '#56B4E9' },
        label: { show: true, fontSize: FS, color: TEXT, fontFamily: FONT, formatter: (p) => pct(center + p.value, 1) },
        emphasis: { disabled: true },
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#222222', width: 2, type: 'solid' }, data: [{ xAxis: 0 }] },
      },
      {
        type: 'bar', name: 'hoogste vijfde van de parameter', data: mk('high'), barWidth: 24, barGap: '8%',
        itemStyle: { color: '#0072B2' },
        label: { show: true, fontSize: FS, color: TEXT, fontFamily: FONT, formatter: (p) => pct(center + p.value, 1) },
        emphasis: { disabled: true },
      },
    ],
  };
  return { svg: renderSvg(option, WIDTH, height), measure: spec, center, rows };
}

// ---------------------------------------------------------------------------------------------
// The report

/** Make ids and classes of one inline SVG unique within the page, and let it scale. */
export function inlineSvg(svg, prefix, label) {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/\bzr(\d+)-/g, `${prefix}-zr$1-`)
    .replace(/<svg /, `<svg role="img" aria-label="${escapeHtml(label)}" class="figuur" `);
}

function metaLines(ctx) {
  const out = [];
  const m = ctx.run?.manifest;
  if (ctx.run) {
    const sc = m?.scenario;
    out.push(`Scenario: <b>${escapeHtml(sc?.title || ctx.run.scenario)}</b> (<code>${escapeHtml(sc?.name ?? ctx.run.scenario)}</code>)`);
    if (m) {
      out.push(`${nl(m.students_per_replicate)} gesimuleerde leerlingen per replicatie, ${nl(m.replications)} replicaties, seed ${nl(m.seed)}; ` +
        `${m.calibrated ? 'gekalibreerde parameters' : 'parameters zonder kalibratie'}; programma ${escapeHtml(m.version ?? '')} (${escapeHtml(m.git_commit ?? '')}), gemaakt ${escapeHtml(m.created_utc ?? '')}.`);
    }
    out.push(`Intervallen: ${escapeHtml(intervalText(m?.interval, ctx.run.replications))}.`);
  }
  if (ctx.cmp?.manifest) {
    const c = ctx.cmp.manifest;
    out.push(`Vergelijking: ${nl(c.students_per_replicate)} leerlingen per replicatie, ${nl(c.replications)} replicaties, seed ${nl(c.seed)}, programma ${escapeHtml(c.git_commit ?? '')}.`);
  }
  return out.map((l) => `<li>${l}</li>`).join('\n');
}

function scenarioTable(cmp) {
  const head = `<tr><th>scenario</th><th>titel</th><th>aangenomen effecten</th></tr>`;
  const body = cmp.scenarios.map((s) => `<tr><td><code>${escapeHtml(s.name)}</code></td><td>${escapeHtml(s.title)}</td><td>${s.assumed === null ? 'onbekend' : s.assumed ? 'ja (getrokken per replicatie)' : 'nee'}</td></tr>`).join('\n');
  return `<table>${head}\n${body}</table>`;
}

function forestTable(cmp) {
  const head = `<tr><th>uitkomst</th>${cmp.scenarios.map((s) => `<th><code>${escapeHtml(s.name)}</code></th>`).join('')}</tr>`;
  const body = FOREST_ROWS.map((r) => {
    const base = cmp.scenarios.map((s) => cmp.get(s.name, r.population, r.origin, r.measure, r.h)).find(Boolean);
    if (!base) return '';
    const cells = cmp.scenarios.map((s) => {
      const d = cmp.get(s.name, r.population, r.origin, r.measure, r.h);
      return d ? `<td>${nl(d.delta * 1000, 1, { sign: true })} <span class="ci">(${nl(d.lo * 1000, 1, { sign: true })} tot ${nl(d.hi * 1000, 1, { sign: true })})</span></td>` : '<td>–</td>';
    }).join('');
    return `<tr><td>${escapeHtml(r.label)} <span class="ci">basis ${nl(base.base * 1000, 0)}</span></td>${cells}</tr>`;
  }).join('\n');
  return `<table class="getallen">${head}\n${body}</table>`;
}

function reportHtml(ctx, figures) {
  const toc = figures.map((f) => `<li><a href="#${f.name}">${escapeHtml(f.heading)}</a></li>`).join('\n');
  const sections = figures.map((f, i) => `
<section id="${f.name}">
<h2>${escapeHtml(f.heading)}</h2>
<p>${f.intro}</p>
${f.before ?? ''}
<figure>${inlineSvg(f.svg, `f${i}`, f.heading)}
<figcaption>Bestand: <code>figures/${escapeHtml(f.file)}</code></figcaption></figure>
${f.after ?? ''}
</section>`).join('\n');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Doorstroom: resultaten van de simulatie</title>
<style>
body { font-family: Lato, "Helvetica Neue", Arial, sans-serif; font-size: 19px; line-height: 1.45; color: #222; max-width: 1260px; margin: 0 auto; padding: 16px 24px 64px; }
h1 { font-size: 34px; margin-bottom: 4px; }
h2 { font-size: 27px; margin-top: 48px; border-top: 2px solid #ddd; padding-top: 18px; }
svg.figuur { width: 100%; height: auto; border: 1px solid #e4e4e4; }
figure { margin: 12px 0; }
figcaption { font-size: 15px; color: #666; }
table { border-collapse: collapse; margin: 12px 0; font-size: 17px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
table.getallen td { white-space: nowrap; }
.ci { color: #666; font-size: 15px; }
code { font-size: 16px; }
@media print { h2 { page-break-before: always; } }
</style>
</head>
<body>
<h1>Doorstroom: resultaten van de simulatie</h1>
<p>Een Monte-Carlosimulatie van de route van leerlingen uit het praktijkonderwijs (pro), het voortgezet speciaal onderwijs (vso),
vmbo-b en de internationale schakelklas (isk) via de entreeopleiding naar niveau 2, werk, uitkering of uitval.
Alle getallen zijn uitkomsten van het model, geen metingen; de figuur over kalibratie laat zien hoe goed het model de rapporten volgt.
Getallen staan in Nederlandse notatie (12.345 en 1,5).</p>
<ul>
${metaLines(ctx)}
</ul>
<h3>Figuren</h3>
<ol>
${toc}
</ol>
${sections}
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Putting it together

/**
 * Render every figure that the given folders allow, write them and report.html into `out`.
 * Returns the list of figures (name, file, svg, heading) and the report path.
 */
export function renderAll({ run: runDir, compare: cmpDir, validate: valDir, sweep: sweepDir, out, png = false, log = () => {} }) {
  if (!out) throw new UsageError('--out OUT_DIR is required');
  if (!runDir && !cmpDir && !valDir && !sweepDir) throw new UsageError('give at least one of --run, --compare, --validate, --sweep');
  const ctx = {};
  const figures = [];
  const add = (f) => figures.push(f);
  if (runDir) {
    const run = (ctx.run = loadRun(runDir));
    const interval = intervalText(run.manifest?.interval, run.replications);
    const sk = sankeyFigure(run);
    const n = sk.flows.perYear ? 'per jaar landelijk' : sk.estimate ? 'per 1.000 schoolverlaters' : 'in de simulatie';
    const columns = sk.estimate
      ? 'de plek op de eerste teldatum (1 oktober) na het vo (entree bol, entree bbl, examendeelnemer, direct naar niveau 2+ of niet naar het mbo), ' +
        'de plek één jaar later en het hoogste mbo-diploma vijf jaar later (startkwalificatie, alleen een entreediploma of geen mbo-diploma). '
      : 'de plek op de eerste teldatum (1 oktober) na het vo (entree bol, bbl of als examendeelnemer, niveau 2 of hoger, ander onderwijs, werk, ' +
        'beschut werk of dagbesteding, of thuis, met een uitkering of vertrokken), de plek één jaar later (de vier posities van de Inspectie: ' +
        'in entree, in niveau 2+, uit het mbo met of zonder diploma) en het hoogste mbo-diploma vijf jaar later. ';
    const how = sk.estimate
      ? '<b>Let op, schatting:</b> deze map heeft geen <code>flows.csv</code> (gemaakt met een oudere versie) en de andere uitvoer bevat aandelen per herkomst, ' +
        'geen individuele paden. De hoogte van elk blok per herkomst komt uit de simulatie; ' +
        'hoe de stromen tussen de kolommen lopen is geschat (iteratief passend gemaakt aan die aandelen, met de verdeling van vergelijkbare groepen zoals entreestudenten per leerweg). ' +
        'De leerwegverdeling in entree komt van alle entreestudenten van die herkomst; vmbo-b staat daar onder “geen diploma vo”.'
      : `De stromen zijn echte paden: elke gesimuleerde leerling van de eerste replicatie (${nl(sk.flows.simulated)} leerlingen uit pro, vso, vmbo-b en isk) ` +
        'is in alle vier kolommen gevolgd (<code>flows.csv</code>), en per herkomst omgerekend naar de landelijke jaargroep. ' +
        'Een stroom tussen twee kolommen telt de leerlingen die in beide blokken zaten; na de eerste kolom lopen de herkomsten samen. ' +
        'Het is één replicatie, dus kleine stromen hebben wat toevalsvariatie; de intervallen staan bij de uitkomsten hieronder.';
    add({
      name: 'sankey', file: 'sankey.svg', svg: sk.svg, heading: 'Stromen: van vo naar entree, één jaar en vijf jaar later',
      intro: `Waar gaan leerlingen uit pro, vso, vmbo-b en isk heen nadat ze het vo verlaten? De breedte van een stroom is het aantal leerlingen ${n}. ` +
        `Van links naar rechts: de herkomst, ${columns}${how}`,
    });
    for (const c of censusFigures(run)) {
      add({
        name: `census_${c.origin}`, file: `census_${c.origin}.svg`, svg: c.svg,
        heading: `Toestanden per jaar: ${ORIGIN[c.origin] ?? c.origin}`,
        intro: `Per teldatum (1 oktober) waar alle gesimuleerde ${escapeHtml(STRATUM_WHO[c.origin] ?? c.origin)} zijn, ` +
          'in groepen van de 22 toestanden van het model: vo, entree, niveau 2+, ander onderwijs, werk, uitkering, thuis (geen school, werk of uitkering), ' +
          'beschut werk of dagbesteding, en buiten de BRP (vertrokken uit Nederland). ' +
          (c.startsInVo ? 'Jaar 0 is 1 oktober van het eerste jaar in het vo. ' : 'Jaar 0 is 1 oktober van het eerste jaar in entree. ') +
          'Aandelen binnen deze groep, niet landelijk gewogen.',
      });
    }
    add({
      name: 'outcomes', file: 'outcomes.svg', svg: outcomesFigure(run), heading: 'Uitkomsten na vijf jaar per herkomst',
      intro: 'Van de leerlingen die pro, vso, vmbo-b of isk verlaten: welk deel heeft vijf jaar later een startkwalificatie (mbo niveau 2 of hoger), ' +
        'alleen een entreediploma, zit niet in het mbo en heeft geen mbo-diploma, of werkt minstens 12 uur per week. ' +
        `“Alle herkomsten” weegt de groepen naar hun landelijke omvang. Streepjes: ${escapeHtml(interval)}.`,
    });
    const ent = outcomesEntreeFigure(run);
    if (ent) {
      add({
        name: 'outcomes_entree', file: 'outcomes_entree.svg', svg: ent, heading: 'Entreestudenten per leerweg',
        intro: 'Alle instromers in de entreeopleiding, per leerweg bij de eerste teldatum in entree: bol (schoolgebonden), bbl (werkend leren) ' +
          'en examendeelnemer (les in pro of vso, examen bij het mbo). Na één jaar: entreediploma, door naar niveau 2+, of uitval zonder diploma; ' +
          `na vijf jaar: een startkwalificatie. Streepjes: ${escapeHtml(interval)}.`,
      });
    }
  }
  if (cmpDir) {
    const cmp = (ctx.cmp = loadCompare(cmpDir));
    const pages = forestFigures(cmp);
    pages.forEach((p, i) => {
      const last = i === pages.length - 1;
      add({
        name: i ? `forest_${i + 1}` : 'forest', file: i ? `forest_${i + 1}.svg` : 'forest.svg', svg: p.svg,
        heading: `Scenario's vergeleken met de basis${pages.length > 1 ? ` (${i + 1} van ${pages.length})` : ''}`,
        intro: `Het verschil tussen elk scenario en de basis${cmp.base?.title ? ` (${escapeHtml(cmp.base.title)})` : ''}, per 1.000 leerlingen van de groep: ` +
          'een plus betekent dat meer leerlingen die uitkomst hebben dan in de basis. Alle scenario\'s gebruiken dezelfde gesimuleerde leerlingen, ' +
          `zodat een verschil het beleid laat zien en geen toeval. Streep: ${escapeHtml(compareIntervalText(cmp))}. ` +
          'Een streep die de nullijn raakt, betekent: geen duidelijk verschil.',
        before: i === 0 ? `<p>De scenario's:</p>\n${scenarioTable(cmp)}` : '',
        after: last ? `<p>De getallen van de figuur (verschil per 1.000, tussen haakjes het 95%-interval; “basis” is het aantal per 1.000 in de basis):</p>\n${forestTable(cmp)}` : '',
      });
    });
  }
  if (valDir) {
    const val = (ctx.val = loadValidate(valDir));
    const cal = calibrationFigure(val);
    add({
      name: 'calibration', file: 'calibration.svg', svg: cal.svg, heading: 'Kalibratie en validatie',
      intro: 'Hoe goed volgt het model de cijfers uit de rapporten? Elk punt is een tabelcel: horizontaal het waargenomen aandeel, verticaal de simulatie. ' +
        'Punten op de stippellijn kloppen precies. Ronde punten (kalibratie) zijn gebruikt om parameters te schatten; ruiten (validatie) niet, ' +
        `die zijn een toets. Gereproduceerd: ${nl(cal.counts.calibrate.within)} van ${nl(cal.counts.calibrate.n)} kalibratiecellen en ` +
        `${nl(cal.counts.validate.within)} van ${nl(cal.counts.validate.n)} validatiecellen (binnen 2 standaardfouten of 1,5 procentpunt). ` +
        'Validatiecellen uit andere jaren of met een andere definitie liggen vaker naast de lijn.',
    });
    const hz = calibrationHorizonFigure(val);
    if (hz) {
      add({
        name: 'calibration_horizon', file: 'calibration_horizon.svg', svg: hz.svg, heading: 'Kalibratie en validatie per horizon',
        intro: 'Dezelfde cellen, per horizon: hoeveel jaar na de eerste teldatum de cel meet. Boven elk paneel het aantal cellen, ' +
          'het deel dat het model reproduceert en de gemiddelde afwijking in procentpunten (uit <code>fit_by_horizon.csv</code>), ' +
          'voor kalibratie, validatie en de validatiecellen van cohorten tot en met 2016 (de jaren waarop de kalibratie berust).',
      });
    }
  }
  if (sweepDir) {
    const sw = (ctx.sweep = loadSweep(sweepDir));
    if (!sw.analyses.length) log(`render: ${sweepDir} holds no sensitivity_*.csv: no tornado (run doorstroom sensitivity first)`);
    sw.analyses.forEach((a, i) => {
      const t = tornadoFigure(sw, a);
      const slug = a.file.replace(/^sensitivity_/, '').replace(/\.csv$/, '');
      add({
        name: i ? `tornado_${slug}` : 'tornado', file: i ? `tornado_${slug}.svg` : 'tornado.svg', svg: t.svg,
        heading: `Gevoeligheid: ${measureNl(t.measure)}`,
        intro: 'Welke aannames doen er het meest toe? Voor elke parameter in de sweep: de gemiddelde uitkomst in het vijfde van de punten met de laagste waarde ' +
          '(licht) en met de hoogste waarde (donker) van die parameter. Hoe langer de balken, hoe meer de uitkomst van die parameter afhangt. ' +
          'SRC is de gestandaardiseerde regressiecoëfficiënt (teken: richting van het effect).',
      });
    });
  }
  const figDir = path.join(out, 'figures');
  fs.mkdirSync(figDir, { recursive: true });
  // Figures of an earlier rendering into the same folder (say a second forest page) would go stale.
  for (const f of fs.readdirSync(figDir)) {
    if (/^(sankey|census_[a-z0-9_]+|outcomes(_entree)?|forest(_\d+)?|calibration(_horizon)?|tornado(_[A-Za-z0-9_.-]+)?)\.(svg|png)$/.test(f)) fs.rmSync(path.join(figDir, f));
  }
  for (const f of figures) fs.writeFileSync(path.join(figDir, f.file), f.svg);
  if (png) {
    const probe = spawnSync('rsvg-convert', ['--version'], { encoding: 'utf8' });
    if (probe.error) log('render: rsvg-convert not found (apt-get install librsvg2-bin): no PNG files');
    else {
      for (const f of figures) {
        const r = spawnSync('rsvg-convert', ['-f', 'png', '-b', 'white', '-o', path.join(figDir, f.file.replace(/\.svg$/, '.png')), path.join(figDir, f.file)], { encoding: 'utf8' });
        if (r.status !== 0) log(`render: rsvg-convert failed for ${f.file}: ${r.stderr}`);
      }
    }
  }
  const report = path.join(out, 'report.html');
  fs.writeFileSync(report, reportHtml(ctx, figures));
  return { figures, report };
}

const USAGE = `usage: node plots/render.mjs --run RUN_DIR [--compare DIR] [--validate DIR] [--sweep DIR] --out OUT_DIR [--png]

Writes OUT_DIR/figures/*.svg (with --png also *.png, through rsvg-convert) and OUT_DIR/report.html.
  --run DIR       a doorstroom run folder (outcomes.csv, census.csv, manifest.json)
  --compare DIR   a doorstroom compare folder (comparison.csv, comparison.md, manifest.json)
  --validate DIR  a doorstroom validate folder (calibration.csv; fit_by_horizon.csv when there)
  --sweep DIR     a doorstroom sweep folder; a tornado for each sensitivity_*.csv in it
  --out DIR       where to write figures/ and report.html (default: the run folder)
  --png           also write PNG files next to the SVG files`;

export function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = a.match(/^--(run|compare|validate|sweep|out)(?:=(.*))?$/);
    if (m) {
      const val = m[2] ?? argv[++i];
      if (val === undefined || val === '') throw new UsageError(`${a} needs a folder`);
      opts[m[1]] = val;
    } else if (a === '--png') opts.png = true;
    else if (a === '-h' || a === '--help') opts.help = true;
    else throw new UsageError(`unknown argument: ${a}`);
  }
  if (!opts.out && opts.run) opts.out = opts.run;
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (opts.help) { console.log(USAGE); return 0; }
    const t0 = Date.now();
    const { figures, report } = renderAll({ ...opts, log: (s) => console.error(s) });
    console.error(`render: ${figures.length} figures in ${path.join(opts.out, 'figures')} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(report);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`render: error: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
