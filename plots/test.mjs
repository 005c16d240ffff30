// Tests for render.mjs: run with `node --test plots/`.
//
// 1. Dutch number notation and the CSV reader.
// 2. Every figure from small synthetic folders in the formats of docs/outputs.md: valid SVG, the expected
//    series names and labels, Dutch numbers; report.html self-contained and holding every scenario. The validate
//    panels per horizon from fit_by_horizon.csv, and none for a folder without that file.
// 3. The Sankey from flows.csv (real paths) and, for folders without one, the labelled estimate; bad flows.csv.
// 4. The projection report (--project): a figure per key measure with both scenarios, their bands and the
//    start year; a bad projection.csv refused with its file.
// 5. PNG: the decoder of png.mjs, and rsvg-convert's sankey.png really shows the chart (when installed).
// 6. The same on real output of ../build/doorstroom, when that program has been built (skipped otherwise).
// The browser check (headless Chromium) is plots/screenshot.mjs, a ctest of its own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import {
  nl, pct, parseCsv, renderAll, parseArgs, ipf, loadRun, FOREST_ROWS, STATE_GROUPS, FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES,
  PROJECTION_COLUMNS, PROJECTION_FIGURES,
} from './render.mjs';
import { decodePng, showsSankey } from './png.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');

// ---------------------------------------------------------------------------------------------
// A small XML well-formedness check (so the test needs nothing beyond Node)

export function checkXml(text) {
  const stack = [];
  let roots = 0;
  let i = 0;
  const fail = (msg) => { throw new Error(`${msg} at offset ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 60), i + 60))}`); };
  const checkText = (s) => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) fail('bare &');
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      if (text.slice(i).trim()) { if (!stack.length) fail('text after the root'); checkText(text.slice(i)); }
      break;
    }
    const between = text.slice(i, lt);
    if (between.trim()) { if (!stack.length) fail('text outside the root'); checkText(between); }
    i = lt;
    if (text.startsWith('<!--', i)) { const e = text.indexOf('-->', i); if (e < 0) fail('open comment'); i = e + 3; continue; }
    if (text.startsWith('<![CDATA[', i)) { const e = text.indexOf(']]>', i); if (e < 0) fail('open CDATA'); i = e + 3; continue; }
    if (text.startsWith('<?', i)) { const e = text.indexOf('?>', i); if (e < 0) fail('open PI'); i = e + 2; continue; }
    if (text.startsWith('<!', i)) { const e = text.indexOf('>', i); if (e < 0) fail('open declaration'); i = e + 1; continue; }
    const rest = text.slice(i);
    const end = rest.match(/^<\/([A-Za-z_][\w:.-]*)\s*>/);
    if (end) {
      if (stack.pop() !== end[1]) fail(`unexpected </${end[1]}>`);
      i += end[0].length;
      continue;
    }
    const open = rest.match(/^<([A-Za-z_][\w:.-]*)/);
    if (!open) fail('bad tag');
    let j = open[0].length;
    const seen = new Set();
    for (;;) {
      const ws = rest.slice(j).match(/^\s*/)[0];
      j += ws.length;
      if (rest.startsWith('/>', j)) { j += 2; if (!stack.length) roots++; break; }
      if (rest.startsWith('>', j)) { j += 1; if (!stack.length) roots++; stack.push(open[1]); break; }
      if (!ws) fail('no space before an attribute');
      const attr = rest.slice(j).match(/^([A-Za-z_][\w:.-]*)\s*=\s*("[^"<]*"|'[^'<]*')/);
      if (!attr) fail('bad attribute');
      if (seen.has(attr[1])) fail(`attribute ${attr[1]} twice`);
      seen.add(attr[1]);
      checkText(attr[2]);
      j += attr[0].length;
    }
    i += j;
  }
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return true;
}

/** All text of an SVG (text nodes, entities decoded), one element per line. */
function svgText(svg) {
  const out = [];
  for (const m of svg.matchAll(/<(text|tspan)\b[^>]*>([^<]*)</g)) {
    out.push(m[2].replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
      .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  }
  return out.join('\n');
}

function hasXmllint() {
  return !spawnSync('xmllint', ['--version']).error;
}

function assertValidSvg(svg, name) {
  assert.ok(svg.startsWith('<svg'), `${name}: starts with <svg`);
  assert.ok(svg.trimEnd().endsWith('</svg>'), `${name}: ends with </svg>`);
  assert.doesNotThrow(() => checkXml(svg), `${name}: well-formed XML`);
  assert.match(svg, /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, `${name}: SVG namespace`);
  assert.match(svg, /viewBox="0 0 \d+ \d+"/, `${name}: has a viewBox`);
  if (hasXmllint()) {
    const r = spawnSync('xmllint', ['--noout', '-'], { input: svg, encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: xmllint: ${r.stderr}`);
  }
}

const DUTCH_THOUSANDS = /\b\d{1,3}(?:\.\d{3})+\b/; // 12.345
const DUTCH_DECIMAL = /\d,\d/; // 1,5

// ---------------------------------------------------------------------------------------------
// Synthetic folders in the formats of docs/outputs.md

function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const f6 = (x) => x.toFixed(6);

function writeSynthetic(dir, { reps = 3, flows = true } = {}) {
  const r = rng(42);
  const runDir = path.join(dir, 'run'), cmpDir = path.join(dir, 'cmp'), valDir = path.join(dir, 'val'), swDir = path.join(dir, 'sweep');
  for (const d of [runDir, cmpDir, valDir, swDir]) fs.mkdirSync(d, { recursive: true });
  const strata = [
    ['geen_diploma_vo', 2061.99], ['isk', 4955.38], ['onbekend', 3752.31], ['pro', 6000], ['vbo', 189.303], ['vmbo_b', 21709], ['vso', 9284],
  ];
  fs.writeFileSync(path.join(runDir, 'manifest.json'), JSON.stringify({
    tool: 'doorstroom', version: '0.1.0', git_commit: 'synthetic', command_line: 'synthetic', created_utc: '2026-01-01T00:00:00Z', seed: 1,
    students_per_replicate: 7000, replications: reps, threads: 1,
    interval: '95% Student-t interval over replicates; Monte Carlo uncertainty only (parameters fixed)', calibrated: true,
    scenario: { name: 'baseline', title: 'Basis: de keten zoals gemeten', file: 'embedded:scenarios/baseline.toml', fnv1a64: '0' },
    strata: strata.map(([name, c]) => ({ name, simulated: 1000, national_cohort: c })),
  }));
  const measures = ['position_not_in_mbo_no_diploma', 'position_not_in_mbo_with_diploma', 'position_entree', 'position_niveau2plus',
    'entree_diploma', 'mbo2_diploma', 'any_mbo_diploma', 'highest_diploma_level1', 'highest_diploma_level2plus', 'work', 'uitkering',
    'no_school_no_work', 'in_education', 'beschut_werk_dagbesteding', 'not_in_brp', 'in_mbo'];
  const pops = {
    chain_leavers: { origins: ['isk', 'pro', 'vmbo_b', 'vso', 'all'], variants: ['all'] },
    entree_entrants: { origins: ['geen_diploma_vo', 'isk', 'onbekend', 'pro', 'vbo', 'vso', 'all'], variants: ['bol', 'bbl', 'examendeelnemer', 'all'] },
    mbo_entrants: { origins: ['geen_diploma_vo', 'isk', 'onbekend', 'pro', 'vbo', 'vmbo_b', 'vso', 'all'], variants: ['all'] },
    entree_leavers: { origins: ['geen_diploma_vo', 'isk', 'onbekend', 'pro', 'vbo', 'vso', 'all'], variants: ['bol', 'bbl', 'examendeelnemer', 'all'] },
    entree_leavers_met_diploma: { origins: ['geen_diploma_vo', 'isk', 'onbekend', 'pro', 'vbo', 'vso', 'all'], variants: ['bol', 'bbl', 'examendeelnemer', 'all'] },
    entree_leavers_zonder_diploma: { origins: ['geen_diploma_vo', 'isk', 'onbekend', 'pro', 'vbo', 'vso', 'all'], variants: ['bol', 'bbl', 'examendeelnemer', 'all'] },
  };
  const lines = ['scenario,population,origin,variant,measure,horizon_years,mean,ci_low,ci_high,replications'];
  const row = (p, o, v, m, h, x) => lines.push(`baseline,${p},${o},${v},${m},${h},${f6(x)},${f6(Math.max(0, x - 0.01))},${f6(Math.min(1, x + 0.01))},${reps}`);
  for (const [p, { origins, variants }] of Object.entries(pops)) {
    for (const o of origins) for (const v of variants) {
      for (let h = 0; h <= 8; h++) {
        const w = [r(), r(), r() * 0.5, r()];
        const s = w.reduce((a, b) => a + b, 0);
        const pos = w.map((x) => x / s);
        const sk = Math.min(0.9, 0.05 * h + 0.2 * r()), l1 = 0.3 * r() * (1 - sk);
        const vals = {
          position_not_in_mbo_no_diploma: pos[0], position_not_in_mbo_with_diploma: pos[1], position_entree: pos[2], position_niveau2plus: pos[3],
          entree_diploma: l1 + sk / 2, mbo2_diploma: sk, any_mbo_diploma: sk + l1, highest_diploma_level1: l1, highest_diploma_level2plus: sk,
        };
        for (const m of measures) row(p, o, v, m, h, vals[m] ?? 0.6 * r());
      }
    }
    if (p === 'chain_leavers' || p === 'mbo_entrants') {
      for (const o of origins.filter((x) => x !== 'all')) row(p, o, 'all', 'share_of_population', 0, 1 / (origins.length - 1));
    }
    if (p === 'entree_entrants') {
      for (const o of origins.filter((x) => x !== 'all')) {
        const w = [0.6 + r() * 0.2, 0.1 + r() * 0.1, 0.1];
        const s = w.reduce((a, b) => a + b, 0);
        ['bol', 'bbl', 'examendeelnemer'].forEach((v, k) => row(p, o, v, 'variant_share', 0, w[k] / s));
      }
    }
  }
  fs.writeFileSync(path.join(runDir, 'outcomes.csv'), lines.join('\n') + '\n');
  const states = STATE_GROUPS.flatMap((g) => g.states);
  const census = ['scenario,origin,census_year,state,mean,ci_low,ci_high,replications'];
  for (const [name] of strata) {
    const chain = ['pro', 'vso', 'vmbo_b', 'isk'].includes(name);
    for (let k = 0; k <= (chain ? 16 : 8); k++) {
      const w = states.map((st) => (st === name ? Math.max(0, 6 - k) * 3 : st.startsWith('entree') && !chain && k === 0 ? 20 : r()));
      const s = w.reduce((a, b) => a + b, 0);
      states.forEach((st, j) => census.push(`baseline,${name},${k},${st},${f6(w[j] / s)},${f6(Math.max(0, w[j] / s - 0.002))},${f6(w[j] / s + 0.002)},${reps}`));
    }
  }
  fs.writeFileSync(path.join(runDir, 'census.csv'), census.join('\n') + '\n');
  if (flows) {
    // flows.csv as models/measure/flows.cpp writes it: students per path, weighted to the national cohort.
    const codes = (list) => list.flatMap((x) => x.codes);
    const rows = ['scenario,origin,route,position_1y,outcome_5y,students,per_year'];
    for (const [name, cohort] of strata) {
      const paths = [];
      for (const route of codes(FLOW_ROUTES)) for (const pos of codes(FLOW_POSITIONS)) for (const out of codes(FLOW_OUTCOMES)) {
        if (pos === 'not_in_mbo_with_diploma' && out.startsWith('no_diploma')) continue; // a diploma is never lost
        if (r() < 0.5) paths.push([route, pos, out, 1 + Math.floor(r() * 40)]);
      }
      paths.push(['not_followed', 'not_followed', 'not_followed', 3]);
      const n = paths.reduce((a, x) => a + x[3], 0);
      for (const [route, pos, out, k] of paths) rows.push(`baseline,${name},${route},${pos},${out},${k},${(k * cohort / n).toFixed(3)}`);
    }
    fs.writeFileSync(path.join(runDir, 'flows.csv'), rows.join('\n') + '\n');
  }

  const scenarios = [
    { name: 'warme_overdracht', title: 'Warme overdracht naar entree en nazorg na entree', assumed: true },
    { name: 'meer_bbl', title: 'Meer werkend leren: bbl in plaats van bol in de entreeopleiding', assumed: false },
    { name: 'strengere_toelating', title: 'Strengere toelating tot de entreeopleiding', assumed: true },
  ];
  const cmp = ['scenario,population,origin,measure,horizon_years,base,scenario_value,delta,delta_ci_low,delta_ci_high'];
  for (const sc of scenarios) {
    for (const fr of FOREST_ROWS) {
      const base = 0.2 + 0.6 * r(), d = (r() - 0.5) * 0.06, w = 0.002 + 0.01 * r();
      cmp.push(`${sc.name},${fr.population},${fr.origin},${fr.measure},${fr.h},${f6(base)},${f6(base + d)},${f6(d)},${f6(d - w)},${f6(d + w)}`);
    }
    cmp.push(`${sc.name},chain_leavers,pro,work,3,0.400000,0.410000,0.010000,0.005000,0.015000`);
  }
  fs.writeFileSync(path.join(cmpDir, 'comparison.csv'), cmp.join('\n') + '\n');
  fs.writeFileSync(path.join(cmpDir, 'manifest.json'), JSON.stringify({
    tool: 'doorstroom compare', git_commit: 'synthetic', seed: 1, students_per_replicate: 7000, replications: reps,
    interval: '95% interval over replicates: Monte Carlo and assumed-effect uncertainty',
    base: { name: 'baseline', file: 'scenarios/baseline.toml' },
    scenarios: scenarios.map((s) => ({ name: s.name, file: `/nonexistent/${s.name}.toml` })),
  }));
  fs.writeFileSync(path.join(cmpDir, 'comparison.md'), '# Scenario comparison\n\n' + scenarios.map((s) =>
    `## ${s.title} (\`${s.name}\`)\n\nText.\n\n${s.assumed ? 'Assumed effects (not measured in the reports):\n- modifier.x: drawn\n\n' : ''}| uitkomst |\n`).join('\n'));

  const cal = ['target,role,source,table,lines,population,origin,variant,cohort,measure,horizon_years,observed,observed_low,observed_high,n,standard_error,simulated_mean,simulated_ci_low,simulated_ci_high,z,within'];
  for (let k = 0; k < 24; k++) {
    const obs = r(), sim = Math.min(1, Math.max(0, obs + (r() - 0.5) * 0.1));
    const verbal = k % 7 === 0;
    cal.push([`t${k}`, k % 3 ? 'calibrate' : 'validate', '"003_x.txt, bijlage"', 'Tabel B16', '6394;6395', 'entree_entrants', 'pro', 'all', '2016',
      'entree_diploma', '1', obs.toFixed(4), verbal ? (obs - 0.05).toFixed(4) : '', verbal ? (obs + 0.05).toFixed(4) : '', verbal ? '' : '500',
      verbal ? '' : Math.sqrt(obs * (1 - obs) / 500).toFixed(5), sim.toFixed(4), (sim - 0.005).toFixed(4), (sim + 0.005).toFixed(4), '0.50', k % 4 ? 'yes' : 'no'].join(','));
  }
  fs.writeFileSync(path.join(valDir, 'calibration.csv'), cal.join('\n') + '\n');

  const params = ['route.niveau2_uitval.rates[0]', 'age_rule.kwalificatieplicht_entree.rate', 'route.werk_vinden_zonder_diploma.rates[0]'];
  const sweep = [`point,${params.join(',')},population,origin,measure,horizon_years,mean,ci_low,ci_high,replications`];
  for (let k = 0; k < 10; k++) sweep.push(`${k},${params.map(() => r().toFixed(4)).join(',')},chain_leavers,all,mbo2_diploma,5,${f6(0.55 + 0.05 * r())},0.5,0.6,2`);
  fs.writeFileSync(path.join(swDir, 'sweep.csv'), sweep.join('\n') + '\n');
  fs.writeFileSync(path.join(swDir, 'sensitivity_chain_leavers_all_mbo2_diploma_5.csv'),
    'measure,parameter,src,outcome_low_fifth,outcome_high_fifth,effect,points,r_squared\n' +
    `chain_leavers/all/mbo2_diploma/5,${params[0]},-0.543704,0.605553,0.583389,-0.022164,10,0.9963\n` +
    `chain_leavers/all/mbo2_diploma/5,${params[1]},-0.084752,0.584540,0.581390,-0.003150,10,0.9963\n` +
    `chain_leavers/all/mbo2_diploma/5,${params[2]},0.303068,0.571366,0.593337,0.021971,10,0.9963\n`);
  const m = 'chain_leavers/pro/mbo2_diploma/5,morris';
  fs.writeFileSync(path.join(swDir, 'indices_chain_leavers_pro_mbo2_diploma_5.csv'),
    'measure,method,parameter,index,value,ci_low,ci_high,rank\n' +
    `${m},${params[0]},mu_star,0.046743,0.044117,0.049369,1\n${m},${params[0]},mu,-0.046743,-0.049369,-0.044117,1\n` +
    `${m},${params[0]},sigma,0.003300,0.001100,0.003700,1\n${m},${params[2]},mu_star,0.020000,0.015000,0.026000,2\n` +
    `${m},${params[2]},mu,0.020000,0.015000,0.026000,2\n${m},${params[2]},sigma,0.001000,0.000500,0.001500,2\n` +
    `${m},monte_carlo_noise,mu_star,0.010400,,,\n`);
  return { runDir, cmpDir, valDir, swDir, scenarios };
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the synthetic and the real folders

function checkFigures(out, { figures, report }, { scenarioNames, sweep = true, flows = true }) {
  const byName = Object.fromEntries(figures.map((f) => [f.name, f]));
  const expected = ['sankey', 'census_pro', 'census_vso', 'census_vmbo_b', 'census_isk', 'outcomes', 'outcomes_entree', 'forest', 'calibration'];
  if (sweep) expected.push('tornado');
  for (const n of expected) assert.ok(byName[n], `figure ${n} rendered`);
  for (const f of figures) {
    const onDisk = fs.readFileSync(path.join(out, 'figures', f.file), 'utf8');
    assert.equal(onDisk, f.svg, `${f.file} written`);
    assertValidSvg(onDisk, f.file);
  }
  const text = (n) => svgText(byName[n].svg);

  const sankey = text('sankey');
  const common = ['herkomst', 'pro', 'vso', 'vmbo-b', 'isk', 'entree bol', 'entree bbl', 'in niveau 2+', 'uit mbo, zonder diploma',
    'startkwalificatie', 'één jaar later', 'vijf jaar later'];
  const own = flows
    ? ['eerste 1 oktober na vo', 'examendeelnemer', 'niveau 2 of hoger', 'werk', 'beschut werk/dagbesteding', 'geen diploma, uit mbo']
    : ['eerste teldatum na vo', 'examendeelnemer', 'direct naar niveau 2+', 'niet naar het mbo', 'geen mbo-diploma'];
  for (const label of [...common, ...own]) assert.ok(sankey.includes(label), `sankey shows "${label}"`);
  if (flows) {
    assert.match(sankey, /echte paden van [\d.]+ gesimuleerde leerlingen \(replicatie 1/, 'sankey subtitle says the flows are real paths');
    assert.doesNotMatch(sankey, /Schatting|geschat/, 'real flows are not called an estimate');
  } else {
    assert.match(sankey, /^Schatting: /m, 'the estimate says so in its title');
    assert.match(sankey, /geen individuele paden/, 'sankey subtitle says what the flows are');
  }
  assert.match(sankey, DUTCH_THOUSANDS, 'sankey numbers in Dutch notation (12.345)');
  assert.doesNotMatch(sankey, /\b\d{1,3},\d{3}\b(?!%)/, 'no English thousands separators in the sankey');

  for (const o of ['pro', 'vso', 'vmbo_b', 'isk']) {
    const c = text(`census_${o}`);
    for (const g of ['vo', 'entree', 'niveau 2+', 'ander onderwijs', 'werk', 'uitkering', 'thuis', 'beschut werk/dagbesteding', 'buiten BRP']) {
      assert.ok(c.includes(g), `census_${o} legend holds "${g}"`);
    }
    assert.match(c, /95%-interval per toestand hooguit ±\d+,\d procentpunt/, `census_${o}: interval in Dutch notation`);
    assert.match(c, /jaren na de start in het vo/, `census_${o}: x axis`);
  }

  const outcomes = text('outcomes');
  for (const label of ['pro', 'vso', 'vmbo-b', 'isk', 'alle herkomsten', 'startkwalificatie', 'alleen entreediploma', 'werk (12+ uur per week)']) {
    assert.ok(outcomes.includes(label), `outcomes shows "${label}"`);
  }
  assert.match(outcomes, /Streepjes: 95%-interval van het gemiddelde over \d+ replicaties/, 'outcomes says what the whiskers hold');
  assert.match(outcomes, /\d+%/, 'outcomes has percentages');

  const entree = text('outcomes_entree');
  for (const label of ['bol', 'bbl', 'examendeelnemer', 'uitval zonder diploma (1 jaar)', 'startkwalificatie (5 jaar)']) {
    assert.ok(entree.includes(label), `outcomes_entree shows "${label}"`);
  }

  const forests = figures.filter((f) => /^forest/.test(f.name)).map((f) => svgText(f.svg));
  for (const name of scenarioNames) assert.ok(forests.every((t) => t.includes(name)), `every forest page names scenario ${name}`);
  const allForest = forests.join('\n');
  assert.match(allForest, /[+−]\d+,\d\b/, 'forest labels per 1.000 with a decimal comma and a sign');
  assert.match(allForest, /verschil per 1\.000/, 'forest axis says per 1.000');
  assert.match(allForest, /95%-interval over \d+ replicaties/, 'forest says what the interval holds');
  assert.ok(allForest.includes('entree: uitval zonder diploma (1 jaar)'), 'forest row label');

  const cal = text('calibration');
  assert.match(cal, /kalibratie: \d+ van \d+ gereproduceerd/, 'calibration series');
  assert.match(cal, /validatie: \d+ van \d+ gereproduceerd/, 'validation series');
  assert.ok(cal.includes('diagonaal: gesimuleerd = waargenomen'), 'the diagonal');
  assert.ok(cal.includes('1,96 standaardfout'), 'calibration interval text in Dutch notation');
  assert.match(byName.calibration.svg, /<path d="M[^"]*"[^>]*fill="#D55E00"/, 'validation markers drawn');

  if (sweep) {
    const t = text('tornado');
    for (const label of ['laagste vijfde van de parameter', 'hoogste vijfde van de parameter', 'route.niveau2_uitval.rates[0]',
      'route niveau2 uitval: tempo, periode 1']) {
      assert.ok(t.includes(label), `tornado shows "${label}"`);
    }
    assert.match(t, /\d+,\d%/, 'tornado values in Dutch notation');
  }
  if (sweep && byName.indices_chain_leavers_pro_mbo2_diploma_5) {
    const t = text('indices_chain_leavers_pro_mbo2_diploma_5');
    for (const label of ['Morris-screening', 'route niveau2 uitval: tempo, periode 1', 'ruisvloer', '0,047']) {
      assert.ok(t.includes(label), `ranked bars show "${label}"`);
    }
  }

  const html = fs.readFileSync(report, 'utf8');
  assert.ok(html.startsWith('<!doctype html>'), 'report is HTML');
  for (const name of scenarioNames) assert.ok(html.includes(name), `report names scenario ${name}`);
  assert.equal((html.match(/<svg /g) ?? []).length, figures.length, 'every figure inlined once');
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|<img[^>]+src="http|url\(http|@import/i, 'nothing loaded from outside');
  const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((u) => !/^http:\/\/www\.w3\.org\//.test(u));
  assert.deepEqual(urls, [], 'no URLs other than XML namespaces');
  const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'ids unique in the report');
  for (const f of figures) assert.ok(html.includes(`id="${f.name}"`), `report section for ${f.name}`);
}

// ---------------------------------------------------------------------------------------------

test('Dutch notation', () => {
  assert.equal(nl(12345), '12.345');
  assert.equal(nl(1234567.891, 2), '1.234.567,89');
  assert.equal(nl(1.5, 1), '1,5');
  assert.equal(nl(-1234.5, 1), '−1.234,5');
  assert.equal(nl(2, 1, { sign: true }), '+2,0');
  assert.equal(nl(0, 1, { sign: true }), '0,0');
  assert.equal(nl(-0.01, 1), '0,0');
  assert.equal(nl(999), '999');
  assert.equal(nl(NaN), '–');
  assert.equal(pct(0.125), '12,5%');
  assert.equal(pct(0.5, 0), '50%');
});

test('CSV reader handles quotes and empty fields', () => {
  const rows = parseCsv('a,b,c\n1,"x, y",\n2,"say ""hi""",3\n');
  assert.deepEqual(rows, [{ a: '1', b: 'x, y', c: '' }, { a: '2', b: 'say "hi"', c: '3' }]);
});

test('IPF matches both margins', () => {
  const m = ipf([[1, 2, 0], [1, 1, 1]], [30, 70], [40, 35, 25]);
  const rows = m.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = [0, 1, 2].map((j) => m[0][j] + m[1][j]);
  rows.forEach((x, i) => assert.ok(Math.abs(x - [30, 70][i]) < 1e-6));
  cols.forEach((x, j) => assert.ok(Math.abs(x - [40, 35, 25][j]) < 1e-6));
  assert.equal(m[0][2], 0, 'a structural zero stays zero');
});

test('command line', () => {
  assert.deepEqual(parseArgs(['--run', 'r', '--compare=c', '--png']), { run: 'r', compare: 'c', png: true, out: 'r' });
  assert.throws(() => parseArgs(['--bogus']), /unknown argument/);
  assert.throws(() => parseArgs(['--run']), /needs a folder/);
});

test('the XML check catches broken SVG', () => {
  assert.ok(checkXml('<svg a="1"><text>x &amp; y</text></svg>'));
  assert.throws(() => checkXml('<svg style="font-family:A, "B", c"></svg>'));
  assert.throws(() => checkXml('<svg><g></svg>'));
  assert.throws(() => checkXml('<svg><text>a & b</text></svg>'));
});

test('every figure and the report from synthetic folders', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const s = writeSynthetic(dir);
    const out = path.join(dir, 'out');
    const result = renderAll({ run: s.runDir, compare: s.cmpDir, validate: s.valDir, sweep: s.swDir, out });
    checkFigures(out, result, { scenarioNames: s.scenarios.map((x) => x.name) });
    assert.ok(result.figures.some((f) => f.name === 'indices_chain_leavers_pro_mbo2_diploma_5'), 'ranked Morris bars rendered');
    const html = fs.readFileSync(result.report, 'utf8');
    for (const sc of s.scenarios) assert.ok(html.includes(sc.title), `report gives the title of ${sc.name}`);
    assert.match(html, /ja \(getrokken per replicatie\)/, 'report says which scenarios have assumed effects');
    // census of an entree stratum counts from the start in entree
    const vbo = result.figures.find((f) => f.name === 'census_vbo');
    assert.match(svgText(vbo.svg), /jaren na de start in entree/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('many scenarios split the forest plot into pages that each name every scenario', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const s = writeSynthetic(dir);
    const csv = fs.readFileSync(path.join(s.cmpDir, 'comparison.csv'), 'utf8').trimEnd().split('\n');
    const extra = [];
    for (let k = 0; k < 7; k++) for (const l of csv.slice(1).filter((x) => x.startsWith('meer_bbl,'))) extra.push(l.replace(/^meer_bbl,/, `extra_scenario_${k},`));
    fs.writeFileSync(path.join(s.cmpDir, 'comparison.csv'), [...csv, ...extra].join('\n') + '\n');
    const out = path.join(dir, 'out');
    fs.mkdirSync(path.join(out, 'figures'), { recursive: true });
    fs.writeFileSync(path.join(out, 'figures', 'forest_99.svg'), 'stale');
    const result = renderAll({ compare: s.cmpDir, out });
    const pages = result.figures.filter((f) => /^forest/.test(f.name));
    assert.ok(pages.length > 1, 'more than one page');
    const names = [...new Set(parseCsv(fs.readFileSync(path.join(s.cmpDir, 'comparison.csv'), 'utf8')).map((r) => r.scenario))];
    assert.equal(names.length, 10);
    for (const p of pages) {
      assertValidSvg(p.svg, p.file);
      const t = svgText(p.svg);
      for (const n of names) assert.ok(t.includes(n), `${p.file} names ${n}`);
    }
    assert.ok(!fs.existsSync(path.join(out, 'figures', 'forest_99.svg')), 'a stale page is removed');
    const html = fs.readFileSync(result.report, 'utf8');
    for (const n of names) assert.ok(html.includes(n), `report names ${n}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without flows.csv the Sankey is the estimate, and says so', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const s = writeSynthetic(dir, { flows: false });
    const out = path.join(dir, 'out');
    const result = renderAll({ run: s.runDir, compare: s.cmpDir, validate: s.valDir, sweep: s.swDir, out });
    checkFigures(out, result, { scenarioNames: s.scenarios.map((x) => x.name), flows: false });
    assert.match(fs.readFileSync(result.report, 'utf8'), /Let op, schatting:<\/b> deze map heeft geen <code>flows\.csv<\/code>/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validate: one panel per horizon group from fit_by_horizon.csv, and none for an older folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const s = writeSynthetic(dir);
    const out = path.join(dir, 'out');
    // A folder from before fit_by_horizon.csv: the scatter as before, no per-horizon figure.
    const old = renderAll({ validate: s.valDir, out });
    assert.deepEqual(old.figures.map((f) => f.name), ['calibration']);
    assert.ok(!fs.existsSync(path.join(out, 'figures', 'calibration_horizon.svg')));

    const fit = ['subset,role,horizon_group,rows,reproduced,share_reproduced,mean_abs_error_points,worst_target,worst_error_points'];
    for (const g of ['h0', 'h1', 'h2-3', 'h4-5']) {
      fit.push(g === 'h1' ? 'all,calibrate,h1,16,12,0.7500,3.14,t5,9.87' : `all,calibrate,${g},0,0,,,,`);
      fit.push(g === 'h4-5' ? 'all,validate,h4-5,1,0,0.0000,12.50,t9,12.50' : g === 'h1' ? 'all,validate,h1,8,5,0.6250,1.25,t3,4.00' : `all,validate,${g},0,0,,,,`);
      fit.push(g === 'h1' ? 'cohorts_to_2016,validate,h1,6,5,0.8333,0.96,t3,4.00' : `cohorts_to_2016,validate,${g},0,0,,,,`);
    }
    fs.writeFileSync(path.join(s.valDir, 'fit_by_horizon.csv'), fit.join('\n') + '\n');
    const result = renderAll({ validate: s.valDir, out });
    assert.deepEqual(result.figures.map((f) => f.name), ['calibration', 'calibration_horizon']);
    const fig = result.figures[1];
    assertValidSvg(fig.svg, fig.file);
    assert.equal(fs.readFileSync(path.join(out, 'figures', 'calibration_horizon.svg'), 'utf8'), fig.svg);
    const t = svgText(fig.svg);
    for (const label of ['Kalibratie en validatie per horizon', 'horizon 0 jaar', 'horizon 1 jaar', 'horizon 2-3 jaar', 'horizon 4-5 jaar',
      'kalibratie: 16 rijen, 75,0% gereproduceerd, 3,1 pp', 'validatie: 8 rijen, 62,5% gereproduceerd, 1,3 pp',
      'validatie t/m cohort 2016: 6 rijen, 83,3%, 1,0 pp', 'validatie: 1 rij, 0,0% gereproduceerd, 12,5 pp', 'kalibratie: geen rijen',
      'gemiddelde afwijking in procentpunten', 'waargenomen', 'gesimuleerd', 'diagonaal: gesimuleerd = waargenomen']) {
      assert.ok(t.includes(label), `calibration_horizon shows "${label}"`);
    }
    assert.ok(!t.includes('horizon 6 jaar of meer'), 'no h6+ panel without h6+ rows in the file');
    assert.equal((t.match(/^horizon \d/gm) ?? []).length, 4, 'four panels');
    // The synthetic rows all have horizon 1: their markers are drawn (in the h1 panel).
    assert.match(fig.svg, /<path d="M[^"]*"[^>]*fill="#0072B2"/, 'calibration markers drawn');
    assert.match(fs.readFileSync(result.report, 'utf8'), /fit_by_horizon\.csv/, 'the report says where the numbers come from');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the Sankey from flows.csv draws the counts of the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const s = writeSynthetic(dir);
    const result = renderAll({ run: s.runDir, out: path.join(dir, 'out') });
    const sankey = svgText(result.figures.find((f) => f.name === 'sankey').svg);
    const rows = parseCsv(fs.readFileSync(path.join(s.runDir, 'flows.csv'), 'utf8'))
      .filter((r) => ['pro', 'vso', 'vmbo_b', 'isk'].includes(r.origin) && r.route !== 'not_followed');
    const sum = (keep) => rows.filter(keep).reduce((a, r) => a + Number(r.per_year), 0);
    // Each node's label is its own total from the file, in Dutch notation.
    const expect = [
      ['pro', sum((r) => r.origin === 'pro')],
      ['werk', sum((r) => r.route === 'work')],
      ['thuis, uitkering, vertrokken', sum((r) => ['no_school_no_work', 'uitkering', 'not_in_brp'].includes(r.route))],
      ['uit mbo, met diploma', sum((r) => r.position_1y === 'not_in_mbo_with_diploma')],
      ['startkwalificatie', sum((r) => r.outcome_5y === 'startkwalificatie')],
    ];
    for (const [label, value] of expect) assert.ok(sankey.includes(`\n${label}\n  \n${nl(value)}\n`), `node "${label}" shows ${nl(value)}`);
    assert.ok(sankey.includes(nl(sum(() => true))), 'the subtitle gives the total per year');
    // Students outside pro, vso, vmbo-b and isk, and those not followed, are not drawn.
    const run = loadRun(s.runDir);
    assert.ok(run.flows.some((r) => r.origin === 'vbo') && run.flows.some((r) => r.route === 'not_followed'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad flows.csv is refused with its file, line, column and what was expected', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const s = writeSynthetic(dir);
    const file = path.join(s.runDir, 'flows.csv');
    const good = fs.readFileSync(file, 'utf8').split('\n');
    const cases = [
      [[good[0], good[1], good[2].replace(/^baseline,(\w+),[a-z_]+,/, 'baseline,$1,bogus,')],
        /flows\.csv:3: route: 'bogus' is not one of entree_bol, entree_bbl, .*not_followed/],
      [[good[0], good[1].replace(/,\d+,([\d.]+)$/, ',1.5,$1')], /flows\.csv:2: students: '1\.5', expected a whole number >= 0/],
      [[good[0].replace(',per_year', ''), good[1]], /flows\.csv:1: missing column per_year; expected scenario,origin,route/],
    ];
    for (const [lines, message] of cases) {
      fs.writeFileSync(file, lines.join('\n') + '\n');
      assert.throws(() => renderAll({ run: s.runDir, out: path.join(dir, 'out') }), message);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// The projection report (report --project)

const PROJECTION_MEASURES = ['entree_students', 'niveau2_students', 'entree_entrants', 'entree_diplomas', 'startkwalificaties',
  'entree_dropouts_without_diploma', 'funded_student_years', 'cost_eur'];
const SCENARIO_TITLE = 'Warme overdracht naar entree';

/**
 * A project folder in the format of docs/outputs.md#projectioncsv: baseline and warme_overdracht,
 * 2024-2030, every measure (origin all, variant all, and one origin row the figures must ignore).
 * The scenario is 10% above the baseline from `startYear` on; `manifestStart` is what the manifest says.
 */
function writeProjection(dir, { startYear = 2027, manifestStart = startYear, interval = '95% Student-t interval over replicates; Monte Carlo uncertainty only (parameters fixed)' } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const lines = [PROJECTION_COLUMNS.join(',')];
  for (const sc of ['baseline', 'warme_overdracht']) {
    PROJECTION_MEASURES.forEach((m, k) => {
      for (let y = 2024; y <= 2030; y++) {
        const base = (m === 'cost_eur' ? 9.5e8 : 10000 + 1000 * k) + 37 * (y - 2024);
        const v = sc !== 'baseline' && y >= startYear ? base * 1.1 : base;
        lines.push(`${sc},${y},${m},all,all,${v.toFixed(2)},${(v * 0.98).toFixed(2)},${(v * 1.02).toFixed(2)},3`);
        lines.push(`${sc},${y},${m},pro,all,${(v / 9).toFixed(2)},${(v / 10).toFixed(2)},${(v / 8).toFixed(2)},3`);
      }
    });
  }
  fs.writeFileSync(path.join(dir, 'projection.csv'), lines.join('\n') + '\n');
  const projection = { from: 2024, to: 2030, future: 'trend', isk: 'central', ...(manifestStart ? { start_year: manifestStart } : {}) };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    seed: 1, students_per_replicate: 28000, replications: 3, command_line: 'doorstroom project',
    interval, scenario: { name: 'warme_overdracht', title: SCENARIO_TITLE }, projection, files: ['projection.csv'],
  }));
  return dir;
}

/** The x of a vertical dotted grey line (the start-year mark), or null. */
const verticalMark = (svg) => svg.match(/<path d="M([\d.]+) [\d.]+L\1 [\d.]+"[^>]*stroke="#666666"[^>]*stroke-dasharray/)?.[1] ?? null;

test('report --project: a figure per key measure with baseline, scenario, their bands and the start year', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const proj = writeProjection(path.join(dir, 'project'));
    const out = path.join(dir, 'out');
    const result = renderAll({ project: proj, out });
    assert.deepEqual(result.figures.map((f) => f.name), PROJECTION_FIGURES.map((f) => `projection_${f.measure}`),
      'one figure per key measure, cost included, nothing else');
    for (const m of ['entree_students', 'entree_entrants', 'entree_diplomas', 'startkwalificaties', 'entree_dropouts_without_diploma', 'niveau2_students', 'cost_eur']) {
      assert.ok(result.figures.some((f) => f.name === `projection_${m}`), `figure for ${m}`);
    }
    for (const f of result.figures) {
      assert.equal(fs.readFileSync(path.join(out, 'figures', f.file), 'utf8'), f.svg, `${f.file} written`);
      assertValidSvg(f.svg, f.file);
      const t = svgText(f.svg);
      assert.match(t, /^basis$/m, `${f.name}: baseline in the legend`);
      assert.ok(t.includes(SCENARIO_TITLE), `${f.name}: the scenario's title in the legend`);
      assert.match(t, /beleid vanaf 2027\/28/, `${f.name}: start year labelled`);
      assert.match(t, /^schooljaar /m, `${f.name}: Dutch axis name`);
      // Both bands: the baseline's and the scenario's areas (a band lost, or drawn opaque, fails).
      assert.match(f.svg, /fill="#4D4D4D" fill-opacity="0\.16"/, `${f.name}: baseline band`);
      assert.match(f.svg, /fill="#0072B2" fill-opacity="0\.22"/, `${f.name}: scenario band`);
      assert.ok(verticalMark(f.svg), `${f.name}: a vertical line marks the start year`);
    }
    // The end values: 2030 is 10% above the baseline in the scenario; Dutch thousands, cost in millions.
    const entrants = svgText(result.figures.find((f) => f.name === 'projection_entree_entrants').svg);
    const base2030 = 10000 + 1000 * 2 + 37 * 6;
    assert.ok(entrants.includes(nl(base2030)) && entrants.includes(nl(base2030 * 1.1)), `end labels ${nl(base2030)} and ${nl(base2030 * 1.1)}`);
    const cost = svgText(result.figures.find((f) => f.name === 'projection_cost_eur').svg);
    assert.ok(cost.includes(nl((9.5e8 + 37 * 6) * 1.1 / 1e6)), 'cost drawn in millions of euros');
    assert.match(cost, /miljoen euro/);
    const html = fs.readFileSync(result.report, 'utf8');
    assert.match(html, /vanaf 2027\/28/, 'the report says when the scenario starts');
    assert.ok(html.includes(`<b>+${nl(base2030 * 0.1)}</b>`), 'the table gives the difference with the baseline in 2030');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('report --project: no start-year mark when the manifest has none, and the baseline alone draws one line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    // With the assumed effects drawn per replicate the bands are the spread of the replicates, and say so.
    const proj = writeProjection(path.join(dir, 'project'), { startYear: 2024, manifestStart: null,
      interval: "2.5th to 97.5th percentile of the replicates, each drawing the scenario's assumed effects anew: the spread from those assumptions (with Monte Carlo noise), for the baseline's rows too" });
    const r = renderAll({ project: proj, out: path.join(dir, 'out') });
    for (const f of r.figures) {
      assert.match(svgText(f.svg), /Band: 95%-spreiding: 2,5e tot 97,5e percentiel van 3 replicaties, elk met een eigen trekking van de aangenomen/, `${f.name}: the band is the spread`);
      assert.doesNotMatch(svgText(f.svg), /beleid vanaf/, `${f.name}: no start year`);
      assert.equal(verticalMark(f.svg), null, `${f.name}: no vertical mark`);
    }
    // The baseline alone: the scenario's rows removed.
    const file = path.join(proj, 'projection.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('\n').filter((l) => !l.startsWith('warme_overdracht,')).join('\n'));
    const only = renderAll({ project: proj, out: path.join(dir, 'out') });
    const t = svgText(only.figures[0].svg);
    assert.match(t, /^basis$/m);
    assert.ok(!t.includes(SCENARIO_TITLE), 'no scenario in the legend');
    assert.doesNotMatch(only.figures[0].svg, /fill-opacity="0\.22"/, 'one band only');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad projection folder is refused with its file, line and what was expected', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const proj = writeProjection(path.join(dir, 'project'));
    const file = path.join(proj, 'projection.csv');
    const good = fs.readFileSync(file, 'utf8').split('\n');
    const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const cases = [
      [[good[0].replace('ci_low,ci_high', 'lo,hi'), ...good.slice(1)],
        new RegExp(`${esc}:1: header 'scenario,school_year,measure,origin,variant,mean,lo,hi,replications'; expected scenario,school_year,measure,origin,variant,mean,ci_low,ci_high,replications$`)],
      [[good[0], good[1], good[2].replace(/^baseline,2024,/, 'baseline,2024/25,')], new RegExp(`${esc}:3: school_year: '2024/25', expected a whole number`)],
      [[good[0], good[1].replace(/,all,all,[\d.]+,/, ',all,all,veel,')], new RegExp(`${esc}:2: mean: 'veel', expected a number$`)],
      [good.filter((l) => !l.includes(',startkwalificaties,all,all,')), new RegExp(`${esc}: no rows of measure startkwalificaties \\(origin all, variant all\\) for scenario baseline`)],
    ];
    for (const [lines, message] of cases) {
      fs.writeFileSync(file, lines.join('\n') + '\n');
      assert.throws(() => renderAll({ project: proj, out: path.join(dir, 'out') }), message);
    }
    fs.rmSync(file);
    assert.throws(() => renderAll({ project: proj, out: path.join(dir, 'out') }), new RegExp(`${esc}: not found; expected the projection.csv of a folder written by 'doorstroom project'$`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A PNG of `rows` (arrays of RGB bytes), line y filtered with filters[y % filters.length]. */
function encodePng(width, rows, filters, colour = 2) {
  const channels = colour === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = [];
  rows.forEach((line, y) => {
    const f = filters[y % filters.length];
    raw.push(f);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0, b = y ? rows[y - 1][i] : 0, c = y && i >= channels ? rows[y - 1][i - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f];
      raw.push((line[i] - pred) & 0xff);
    }
  });
  const chunk = (type, body) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(body.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]); // the CRC is not checked
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(rows.length, 4); ihdr[8] = 8; ihdr[9] = colour;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from(raw))), chunk('IEND', Buffer.alloc(0))]);
}

test('the PNG decoder undoes every line filter and composites alpha on white', () => {
  const r = rng(7);
  const width = 9, rows = Array.from({ length: 10 }, () => Array.from({ length: width * 3 }, () => Math.floor(r() * 256)));
  const img = decodePng(encodePng(width, rows, [0, 1, 2, 3, 4]));
  assert.equal(img.width, width);
  assert.equal(img.height, 10);
  rows.forEach((line, y) => {
    for (let x = 0; x < width; x++) {
      assert.deepEqual([...img.rgba.slice((y * width + x) * 4, (y * width + x) * 4 + 3)], line.slice(3 * x, 3 * x + 3), `pixel ${x},${y}`);
    }
  });
  const clear = decodePng(encodePng(1, [[10, 20, 30, 0], [10, 20, 30, 255]], [0], 6));
  assert.deepEqual([...clear.rgba], [255, 255, 255, 255, 10, 20, 30, 255], 'transparent is white, opaque is itself');
  assert.throws(() => decodePng(Buffer.from('not a png at all')), /not a PNG file/);
});

const haveRsvg = !spawnSync('rsvg-convert', ['--version']).error;

test('--png: rsvg-convert draws the Sankey, and a blank picture fails the same check', { skip: haveRsvg ? false : 'rsvg-convert not installed (apt-get install librsvg2-bin)' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-'));
  try {
    const s = writeSynthetic(dir);
    const out = path.join(dir, 'out');
    const result = renderAll({ run: s.runDir, out, png: true });
    for (const f of result.figures) assert.ok(fs.existsSync(path.join(out, 'figures', f.file.replace(/\.svg$/, '.png'))), `${f.file} as PNG`);
    const colours = [...new Set([...FLOW_ROUTES, ...FLOW_POSITIONS, ...FLOW_OUTCOMES].map((n) => n.color))];
    const sankey = showsSankey(decodePng(fs.readFileSync(path.join(out, 'figures', 'sankey.png'))), { colours, minColours: 5 });
    assert.ok(sankey.ok, `sankey.png shows the chart: ${sankey.reasons.join('; ')}`);
    const blankSvg = path.join(dir, 'blank.svg'), blankPng = path.join(dir, 'blank.png');
    fs.writeFileSync(blankSvg, '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="760" viewBox="0 0 1200 760"></svg>');
    assert.equal(spawnSync('rsvg-convert', ['-f', 'png', '-b', 'white', '-o', blankPng, blankSvg]).status, 0);
    const blank = showsSankey(decodePng(fs.readFileSync(blankPng)), { colours, minColours: 5 });
    assert.equal(blank.ok, false, 'a blank picture is not a chart');
    assert.equal(blank.stats.nonWhite, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Real output of the C++ program, when it has been built

const BIN = process.env.DOORSTROOM_BINARY || path.join(REPO, 'build', 'doorstroom');
const haveBin = fs.existsSync(BIN);

test('every figure and the report from real doorstroom output', { skip: haveBin ? false : `${BIN} not built` }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-plots-real-'));
  const sh = (args) => {
    const r = spawnSync(BIN, args, { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, `doorstroom ${args.join(' ')}: ${r.stderr}`);
  };
  try {
    const run = path.join(dir, 'run'), cmp = path.join(dir, 'cmp'), val = path.join(dir, 'val'), sw = path.join(dir, 'sweep');
    sh(['run', '--students', '14000', '--replications', '3', '--out', run, '--quiet']);
    sh(['compare', 'scenarios/baseline.toml', 'scenarios/warme_overdracht.toml', 'scenarios/meer_bbl.toml', '--students', '14000', '--replications', '3', '--out', cmp, '--quiet']);
    sh(['validate', '--students', '14000', '--replications', '2', '--doc', '', '--min-within', '0', '--out', val, '--quiet']);
    sh(['sweep', '--lhs', '10', '--parameters', 'route.niveau2_uitval.rates[0],route.werk_vinden_zonder_diploma.rates[0]', '--students', '7000', '--replications', '2', '--out', sw, '--quiet']);
    sh(['sensitivity', sw, '--measure', 'chain_leavers/all/mbo2_diploma/5']);
    const out = path.join(dir, 'out');
    const result = renderAll({ run, compare: cmp, validate: val, sweep: sw, out });
    const names = [...new Set(parseCsv(fs.readFileSync(path.join(cmp, 'comparison.csv'), 'utf8')).map((r) => r.scenario))];
    assert.deepEqual(names, ['warme_overdracht', 'meer_bbl']);
    // A build from before flows.csv gets the estimate; models/flows_test.cpp checks that run writes the file.
    const haveFlows = fs.existsSync(path.join(run, 'flows.csv'));
    checkFigures(out, result, { scenarioNames: names, flows: haveFlows });
    // validate writes fit_by_horizon.csv (a build from before issue 12 does not): then the panels are drawn.
    if (fs.existsSync(path.join(val, 'fit_by_horizon.csv'))) {
      const hz = result.figures.find((f) => f.name === 'calibration_horizon');
      assert.ok(hz, 'calibration_horizon drawn from fit_by_horizon.csv');
      assert.match(svgText(hz.svg), /^kalibratie: \d+ rijen, \d+,\d% gereproduceerd, \d+,\d pp$/m, 'panel subtitles from the file');
    }
    if (!haveFlows) return;
    // The Sankey draws flows.csv: the chain strata's followed students, per year nationally, which
    // is their national cohort when every one of them is followed.
    const manifest = JSON.parse(fs.readFileSync(path.join(run, 'manifest.json'), 'utf8'));
    const chain = ['pro', 'vso', 'vmbo_b', 'isk'];
    const flows = parseCsv(fs.readFileSync(path.join(run, 'flows.csv'), 'utf8')).filter((r) => chain.includes(r.origin));
    const drawn = flows.filter((r) => r.route !== 'not_followed').reduce((a, r) => a + Number(r.per_year), 0);
    const cohorts = manifest.strata.filter((s) => chain.includes(s.name)).reduce((a, s) => a + s.national_cohort, 0);
    assert.ok(Math.abs(flows.reduce((a, r) => a + Number(r.per_year), 0) - cohorts) < 0.1, 'flows.csv sums to the national cohorts');
    assert.ok(svgText(result.figures.find((f) => f.name === 'sankey').svg).includes(nl(drawn)), `sankey total ${nl(drawn)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
