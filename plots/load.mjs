// Reading the folders of doorstroom run, compare, validate and sweep: CSV and JSON parsing, and
// errors that name the file (and line) at fault.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES, NOT_FOLLOWED } from './vocabulary.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Parse CSV text (header line, optional double quotes) into objects. */
export function parseCsv(text) {
  const rows = [];
  let field = '';
  let row = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  if (!rows.length) return [];
  const header = rows[0];
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

function readCsvFile(file) {
  if (!fs.existsSync(file)) throw new UsageError(`${file}: not found`);
  return parseCsv(fs.readFileSync(file, 'utf8'));
}

function readJson(file) {
  if (!fs.existsSync(file)) return null;
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
}

/** A CSV field as a number; an empty field is NaN. */
export const num = (v) => (v === '' || v === undefined || v === null ? NaN : Number(v));

/** An error in the input or the arguments: the command line prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** A value with its interval. */
function cell(mean, lo, hi) {
  return { mean: num(mean), lo: num(lo), hi: num(hi) };
}

export function loadRun(dir) {
  const manifest = readJson(path.join(dir, 'manifest.json'));
  const outcomes = readCsvFile(path.join(dir, 'outcomes.csv'));
  const census = fs.existsSync(path.join(dir, 'census.csv')) ? readCsvFile(path.join(dir, 'census.csv')) : [];
  // Folders from builds before flows.csv existed have none: the Sankey is then estimated.
  const flows = fs.existsSync(path.join(dir, 'flows.csv')) ? loadFlows(path.join(dir, 'flows.csv')) : null;
  const index = new Map();
  for (const r of outcomes) {
    index.set(`${r.population}|${r.origin}|${r.variant}|${r.measure}|${r.horizon_years}`, cell(r.mean, r.ci_low, r.ci_high));
  }
  const reps = manifest?.replications ?? num(outcomes[0]?.replications);
  return {
    dir,
    manifest,
    outcomes,
    census,
    flows,
    replications: reps,
    scenario: manifest?.scenario?.name ?? outcomes[0]?.scenario ?? '',
    /** value of one outcomes.csv row, or undefined */
    get(population, origin, variant, measure, h) {
      return index.get(`${population}|${origin}|${variant}|${measure}|${h}`);
    },
  };
}

export function loadCompare(dir) {
  const manifest = readJson(path.join(dir, 'manifest.json'));
  const rows = readCsvFile(path.join(dir, 'comparison.csv'));
  const md = fs.existsSync(path.join(dir, 'comparison.md')) ? fs.readFileSync(path.join(dir, 'comparison.md'), 'utf8') : '';
  const names = [];
  for (const r of rows) if (!names.includes(r.scenario)) names.push(r.scenario);
  const scenarios = names.map((name) => {
    const entry = manifest?.scenarios?.find((s) => s.name === name);
    return { name, title: scenarioTitle(entry?.file, md, name), text: scenarioText(md, name), assumed: assumedEffects(md, name) };
  });
  const index = new Map();
  for (const r of rows) {
    index.set(`${r.scenario}|${r.population}|${r.origin}|${r.measure}|${r.horizon_years}`, {
      base: num(r.base), value: num(r.scenario_value), delta: num(r.delta), lo: num(r.delta_ci_low), hi: num(r.delta_ci_high),
    });
  }
  return {
    dir,
    manifest,
    rows,
    scenarios,
    base: manifest?.base ? { name: manifest.base.name, title: scenarioTitle(manifest.base.file, md, manifest.base.name) } : null,
    replications: manifest?.replications ?? NaN,
    get(scenario, population, origin, measure, h) {
      return index.get(`${scenario}|${population}|${origin}|${measure}|${h}`);
    },
  };
}

/**
 * The scenario's title: from comparison.md's heading (the base: its opening line), else from its
 * TOML file, else ''. Read back from the prose because compare's manifest.json and comparison.csv
 * name each scenario and its file but not its title.
 */
function scenarioTitle(file, md, name) {
  const m = md.match(new RegExp('^## (.+) \\(`' + name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '`\\)\\s*$', 'm'));
  if (m) return m[1].trim();
  if (md) {
    const b = md.match(new RegExp('`' + name + '` \\(([^)]+)\\)'));
    if (b) return b[1];
  }
  if (file) {
    for (const p of [file, path.resolve(REPO, file)]) {
      try {
        const t = fs.readFileSync(p, 'utf8').match(/^title\s*=\s*"([^"]*)"/m);
        if (t) return t[1];
      } catch { /* not readable here */ }
    }
  }
  return '';
}

/**
 * The scenario's description as comparison.md prints it under its heading: the Dutch
 * `beschrijving` when the scenario file has one, else the English description; '' when unknown.
 */
function scenarioText(md, name) {
  if (!md) return '';
  const start = md.indexOf('(`' + name + '`)');
  if (start < 0 || md.lastIndexOf('\n## ', start) < 0) return '';
  const body = md.slice(md.indexOf('\n', start) + 1).replace(/^\s+/, '');
  return body.slice(0, body.search(/\n\s*\n|$/)).trim();
}

/**
 * Whether comparison.md lists assumed effects for the scenario: true, false, or null (unknown).
 * Only comparison.md says so: manifest.json and comparison.csv do not.
 */
function assumedEffects(md, name) {
  if (!md) return null;
  const start = md.indexOf('(`' + name + '`)');
  if (start < 0) return null;
  const next = md.indexOf('\n## ', start);
  const section = md.slice(start, next < 0 ? undefined : next);
  return /Assumed effects/i.test(section);
}

export function loadValidate(dir) {
  const rows = readCsvFile(path.join(dir, 'calibration.csv'));
  // fit_by_horizon.csv came with issue 12; a folder from an older build has none (then byHorizon is null).
  const horizonFile = path.join(dir, 'fit_by_horizon.csv');
  const byHorizon = fs.existsSync(horizonFile) ? readCsvFile(horizonFile) : null;
  return { dir, rows, byHorizon };
}

export function loadSweep(dir) {
  if (!fs.existsSync(dir)) throw new UsageError(`${dir}: not found`);
  const all = fs.readdirSync(dir).sort();
  const files = all.filter((f) => /^sensitivity_.*\.csv$/.test(f));
  // indices_*.csv (doorstroom sensitivity, models/studies/sweep_indices.h): Morris or Sobol indices with intervals.
  const indexFiles = all.filter((f) => /^indices_.*\.csv$/.test(f));
  const sweep = fs.existsSync(path.join(dir, 'sweep.csv')) ? readCsvFile(path.join(dir, 'sweep.csv')) : [];
  return {
    dir,
    sweep,
    analyses: files.map((f) => ({ file: f, rows: readCsvFile(path.join(dir, f)) })).filter((a) => a.rows.length),
    indices: indexFiles.map((f) => ({ file: f, rows: readCsvFile(path.join(dir, f)) })).filter((a) => a.rows.length),
  };
}

// flows.csv (models/measure/flows.h, docs/outputs.md): whole paths of the students of one replicate.
const FLOW_COLUMNS = ['scenario', 'origin', 'route', 'position_1y', 'outcome_5y', 'students', 'per_year'];

/** Read and check flows.csv: every column, every code and every number, with file and line on error. */
export function loadFlows(file) {
  const text = fs.readFileSync(file, 'utf8');
  const header = text.split(/\r?\n/, 1)[0].split(',');
  const missing = FLOW_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new UsageError(`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${FLOW_COLUMNS.join(',')}`);
  const known = (list) => new Set([...list.flatMap((x) => x.codes), NOT_FOLLOWED]);
  const codes = { route: known(FLOW_ROUTES), position_1y: known(FLOW_POSITIONS), outcome_5y: known(FLOW_OUTCOMES) };
  return parseCsv(text).map((r, i) => {
    const where = `${file}:${i + 2}`;
    if (!r.origin) throw new UsageError(`${where}: origin: empty, expected a stratum name`);
    for (const [col, set] of Object.entries(codes)) {
      if (!set.has(r[col])) throw new UsageError(`${where}: ${col}: '${r[col]}' is not one of ${[...set].join(', ')}`);
    }
    const students = num(r.students), perYear = num(r.per_year);
    if (!Number.isInteger(students) || students < 0) throw new UsageError(`${where}: students: '${r.students}', expected a whole number >= 0`);
    if (!Number.isFinite(perYear) || perYear < 0) throw new UsageError(`${where}: per_year: '${r.per_year}', expected a number >= 0`);
    return { origin: r.origin, route: r.route, position: r.position_1y, outcome: r.outcome_5y, students, perYear };
  });
}

// projection.csv (models/studies/projection.h, docs/outputs.md#projectioncsv): per scenario,
// school year, measure, origin and variant the mean over replicates with its interval.
export const PROJECTION_COLUMNS = ['scenario', 'school_year', 'measure', 'origin', 'variant', 'mean', 'ci_low', 'ci_high', 'replications'];

/**
 * Read a folder of `doorstroom project`: projection.csv (its header exactly, every school year a
 * whole number, every mean a number; an interval may be empty with one replicate) and manifest.json.
 * Errors name the file (and line) and what was expected.
 */
export function loadProject(dir) {
  const file = path.join(dir, 'projection.csv');
  if (!fs.existsSync(file)) throw new UsageError(`${file}: not found; expected the projection.csv of a folder written by 'doorstroom project'`);
  const text = fs.readFileSync(file, 'utf8');
  const header = text.split(/\r?\n/, 1)[0];
  if (header !== PROJECTION_COLUMNS.join(',')) throw new UsageError(`${file}:1: header '${header}'; expected ${PROJECTION_COLUMNS.join(',')}`);
  const index = new Map();
  const scenarios = [];
  parseCsv(text).forEach((r, i) => {
    const where = `${file}:${i + 2}`;
    const year = num(r.school_year), mean = num(r.mean);
    if (!Number.isInteger(year)) throw new UsageError(`${where}: school_year: '${r.school_year}', expected a whole number (the year of the 1 October census)`);
    if (!Number.isFinite(mean)) throw new UsageError(`${where}: mean: '${r.mean}', expected a number`);
    if (!r.scenario) throw new UsageError(`${where}: scenario: empty, expected a scenario name`);
    if (!scenarios.includes(r.scenario)) scenarios.push(r.scenario);
    const key = `${r.scenario}|${r.measure}|${r.origin}|${r.variant}`;
    if (!index.has(key)) index.set(key, []);
    index.get(key).push({ year, mean, lo: num(r.ci_low), hi: num(r.ci_high), replications: num(r.replications) });
  });
  for (const series of index.values()) series.sort((a, b) => a.year - b.year);
  const manifest = readJson(path.join(dir, 'manifest.json'));
  const startYear = manifest?.projection?.start_year;
  return {
    dir,
    file,
    manifest,
    scenarios,
    startYear: Number.isInteger(startYear) ? startYear : null,
    /** the rows of one scenario, measure, origin and variant by school year, or [] */
    series(scenario, measure, origin = 'all', variant = 'all') {
      return index.get(`${scenario}|${measure}|${origin}|${variant}`) ?? [];
    },
  };
}
