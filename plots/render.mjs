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
import { nl, escapeHtml } from './format.mjs';
import { UsageError, loadRun, loadCompare, loadValidate, loadSweep } from './load.mjs';
import { ORIGIN, STRATUM_WHO, FOREST_ROWS, intervalText, compareIntervalText, measureNl } from './vocabulary.mjs';
import { sankeyFigure } from './figures/sankey.mjs';
import { censusFigures } from './figures/census.mjs';
import { outcomesFigure, outcomesEntreeFigure } from './figures/outcomes.mjs';
import { forestFigures } from './figures/forest.mjs';
import { calibrationFigure, calibrationHorizonFigure } from './figures/calibration.mjs';
import { tornadoFigure } from './figures/tornado.mjs';

// What plots/test.mjs and plots/screenshot.mjs use, from the modules that hold it.
export { nl, pct } from './format.mjs';
export { parseCsv, loadRun } from './load.mjs';
export { FOREST_ROWS, STATE_GROUPS, FLOW_ROUTES, FLOW_POSITIONS, FLOW_OUTCOMES } from './vocabulary.mjs';
export { ipf } from './figures/sankey.mjs';

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
