#!/usr/bin/env node
// Figures and a self-contained report for doorstroom run, compare, validate and sweep folders.
//
//   node plots/render.mjs [--run RUN_DIR] [--compare DIR] [--validate DIR] [--sweep DIR] [--project DIR] --out OUT_DIR [--png]
//
// Writes OUT_DIR/figures/*.svg (and *.png with --png, through rsvg-convert) and OUT_DIR/report.html.
// The charts are Apache ECharts, rendered on the server side to SVG (no browser). The report inlines
// every SVG, so it works offline. Inputs are the CSV files described in docs/outputs.md (outcomes.csv,
// census.csv, flows.csv, comparison.csv), models/studies/validation.cpp (calibration.csv, fit_by_horizon.csv) and models/studies/sensitivity.cpp
// (sensitivity_*.csv); they are only read.
//
// This file is the command line (arguments, usage, exit codes). The work is in the modules beside it:
// format.mjs, load.mjs, vocabulary.mjs, chart.mjs, figures/*.mjs (one per figure family),
// sections.mjs (the report's words per figure) and report.mjs (writing figures/ and report.html).

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './load.mjs';
import { renderAll } from './report.mjs';

// What plots/test.mjs and plots/screenshot.mjs use, from the modules that hold it.
export { nl, pct } from './format.mjs';
export { parseCsv, loadRun, loadProject, PROJECTION_COLUMNS } from './load.mjs';
export { FOREST_ROWS, STATE_GROUPS, FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES, PROJECTION_FIGURES } from './vocabulary.mjs';
export { ipf } from './figures/sankey.mjs';
export { renderAll };

const USAGE = `usage: node plots/render.mjs [--run RUN_DIR] [--compare DIR] [--validate DIR] [--sweep DIR] [--project DIR] --out OUT_DIR [--png]

Writes OUT_DIR/figures/*.svg (with --png also *.png, through rsvg-convert) and OUT_DIR/report.html.
  --run DIR       a doorstroom run folder (outcomes.csv, census.csv, manifest.json)
  --compare DIR   a doorstroom compare folder (comparison.csv, comparison.md, manifest.json)
  --validate DIR  a doorstroom validate folder (calibration.csv; fit_by_horizon.csv when there)
  --sweep DIR     a doorstroom sweep folder; a tornado for each sensitivity_*.csv in it
  --project DIR   a doorstroom project folder (projection.csv, manifest.json): a line per key measure over the school years
  --out DIR       where to write figures/ and report.html (default: the run folder, else the project folder)
  --png           also write PNG files next to the SVG files`;

export function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = a.match(/^--(run|compare|validate|sweep|project|out)(?:=(.*))?$/);
    if (m) {
      const val = m[2] ?? argv[++i];
      if (val === undefined || val === '') throw new UsageError(`${a} needs a folder`);
      opts[m[1]] = val;
    } else if (a === '--png') opts.png = true;
    else if (a === '-h' || a === '--help') opts.help = true;
    else throw new UsageError(`unknown argument: ${a}`);
  }
  if (!opts.out && (opts.run || opts.project)) opts.out = opts.run ?? opts.project;
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
