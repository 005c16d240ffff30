#!/usr/bin/env node
// Does report.html show its charts in a real browser? Renders a report from a small doorstroom run,
// takes a screenshot with headless Chromium and checks that the picture holds the Sankey: its node
// colours as solid areas across most of the width. The SVG tests (test.mjs) only read the markup;
// this catches what only a browser shows (an SVG that does not scale, a broken inline style, ids
// that clash between figures).
//
// As a control, a blank page is photographed the same way and must fail the same check, so the
// test cannot pass on an empty screenshot.
//
//   node plots/screenshot.mjs [--keep DIR]
//
// DOORSTROOM_BINARY names the doorstroom program (default build/doorstroom); CHROMIUM the browser
// (default: the first of chromium, chromium-browser, google-chrome on the PATH). Exits 77 (ctest's
// SKIP_RETURN_CODE) when either is missing, 1 when the check fails, 0 when it passes.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderAll, FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES } from './render.mjs';
import { decodePng, showsSankey } from './png.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const SKIP = 77;
// Tall enough for the title, the list of figures and the whole Sankey below them.
const WINDOW = [1280, 2600];

function findChromium() {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ['chromium', 'chromium-browser', 'google-chrome'];
  for (const c of candidates) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 30000 });
    if (!r.error && r.status === 0) return { bin: c, version: r.stdout.trim() };
  }
  return null;
}

/** Screenshot `html` (a file) into `png` with headless Chromium; returns the seconds it took. */
function screenshot(chromium, html, png, profile) {
  const t0 = Date.now();
  const r = spawnSync(chromium, [
    '--headless', '--disable-gpu', '--no-sandbox', '--no-first-run', '--hide-scrollbars',
    '--force-color-profile=srgb', '--force-device-scale-factor=1', `--user-data-dir=${profile}`,
    `--screenshot=${png}`, `--window-size=${WINDOW.join(',')}`, pathToFileURL(html).href,
  ], { encoding: 'utf8', timeout: 120000 });
  if (r.error || !fs.existsSync(png)) {
    throw new Error(`chromium did not write ${png} (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr}`);
  }
  return (Date.now() - t0) / 1000;
}

// The node colours of the Sankey (vocabulary.mjs); the startkwalificatie green is used by no other figure.
const SANKEY_COLOURS = [...new Set([...FLOW_ROUTES, ...FLOW_POSITIONS, ...FLOW_OUTCOMES].map((n) => n.color))];
const ONLY_IN_SANKEY = '#00694C';

export function checkScreenshot(file) {
  const img = decodePng(fs.readFileSync(file), file);
  const result = showsSankey(img, { colours: SANKEY_COLOURS, minColours: 5, minPixels: 300, minSpan: 0.5 });
  const own = result.stats.colours.find((c) => c.colour === ONLY_IN_SANKEY);
  if (own.pixels < 300) {
    result.ok = false;
    result.reasons.push(`${own.pixels} pixels of the startkwalificatie node (${ONLY_IN_SANKEY}), expected 300 or more`);
  }
  return result;
}

function describe(name, r) {
  const drawn = r.stats.colours.filter((c) => c.pixels > 0).map((c) => `${c.colour}:${c.pixels}`).join(' ');
  return `${name}: ${r.ok ? 'chart found' : 'no chart'}; ${r.stats.width}x${r.stats.height}, ` +
    `${r.stats.nonWhite} non-white pixels, ${r.stats.distinct} colours, node colours ${drawn || 'none'}, ` +
    `span ${(r.stats.span * 100).toFixed(0)}%${r.ok ? '' : `\n  ${r.reasons.join('\n  ')}`}`;
}

async function main() {
  const args = process.argv.slice(2);
  const keep = args[0] === '--keep' ? args[1] : null;
  const chromium = findChromium();
  if (!chromium) { console.log('screenshot: skipped, no chromium (apt-get install chromium)'); return SKIP; }
  const bin = process.env.DOORSTROOM_BINARY || path.join(REPO, 'build', 'doorstroom');
  if (!fs.existsSync(bin)) { console.log(`screenshot: skipped, ${bin} is not built`); return SKIP; }

  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'doorstroom-screenshot-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    const run = path.join(dir, 'run');
    const r = spawnSync(bin, ['run', '--students', '14000', '--replications', '2', '--out', run, '--quiet'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`doorstroom run failed: ${r.stderr}`);
    const t0 = Date.now();
    const { report } = renderAll({ run, out: path.join(dir, 'report') });
    const renderSeconds = (Date.now() - t0) / 1000;

    const blank = path.join(dir, 'blank.html');
    fs.writeFileSync(blank, '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>leeg</title></head><body></body></html>\n');
    const profile = path.join(dir, 'chromium-profile');
    const blankPng = path.join(dir, 'blank.png'), reportPng = path.join(dir, 'report.png');
    const blankSeconds = screenshot(chromium.bin, blank, blankPng, profile);
    const reportSeconds = screenshot(chromium.bin, report, reportPng, profile);

    const control = checkScreenshot(blankPng);
    const result = checkScreenshot(reportPng);
    console.log(`screenshot: ${chromium.version}; report rendered in ${renderSeconds.toFixed(1)} s, ` +
      `screenshots in ${blankSeconds.toFixed(1)} s (blank) and ${reportSeconds.toFixed(1)} s (report)`);
    console.log(describe('blank page (control)', control));
    console.log(describe('report.html', result));
    if (control.ok) { console.error('screenshot: FAILED: the check passes a blank page, so it cannot be trusted'); return 1; }
    if (!result.ok) { console.error(`screenshot: FAILED: ${reportPng} does not show the Sankey`); return 1; }
    console.log('screenshot: passed');
    return 0;
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    process.exitCode = await main();
  } catch (e) {
    console.error(`screenshot: FAILED: ${e.message}`);
    process.exitCode = 1;
  }
}
