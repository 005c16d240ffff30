// The report: renders the sections of the given folders, writes their figures (SVG, and PNG on
// request) into OUT_DIR/figures and assembles the self-contained OUT_DIR/report.html around them.

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { nl, escapeHtml } from './format.mjs';
import { UsageError, loadRun, loadCompare, loadValidate, loadSweep, loadProject } from './load.mjs';
import { intervalText, schoolYearNl } from './vocabulary.mjs';
import { runSections, compareSections, validateSections, sweepSections, projectSections } from './sections.mjs';

/**
 * Render every figure that the given folders allow, write them and report.html into `out`.
 * Returns the list of figures (name, file, svg, heading) and the report path.
 */
export function renderAll({ run: runDir, compare: cmpDir, validate: valDir, sweep: sweepDir, project: projDir, out, png = false, log = () => {} }) {
  if (!out) throw new UsageError('--out OUT_DIR is required');
  if (!runDir && !cmpDir && !valDir && !sweepDir && !projDir) throw new UsageError('give at least one of --run, --compare, --validate, --sweep, --project');
  const ctx = {};
  const figures = [];
  if (runDir) figures.push(...runSections((ctx.run = loadRun(runDir))));
  if (cmpDir) figures.push(...compareSections((ctx.cmp = loadCompare(cmpDir))));
  if (valDir) figures.push(...validateSections((ctx.val = loadValidate(valDir))));
  if (sweepDir) figures.push(...sweepSections((ctx.sweep = loadSweep(sweepDir)), log));
  if (projDir) figures.push(...projectSections((ctx.project = loadProject(projDir))));
  const figDir = writeFigures(out, figures);
  if (png) writePngs(figDir, figures, log);
  const report = path.join(out, 'report.html');
  fs.writeFileSync(report, reportHtml(ctx, figures));
  return { figures, report };
}

/** Write each figure's SVG into OUT_DIR/figures, after removing the figures of an earlier rendering; returns that folder. */
function writeFigures(out, figures) {
  const figDir = path.join(out, 'figures');
  fs.mkdirSync(figDir, { recursive: true });
  // Figures of an earlier rendering into the same folder (say a second forest page) would go stale.
  for (const f of fs.readdirSync(figDir)) {
    if (/^(sankey|census_[a-z0-9_]+|outcomes(_entree)?|forest(_\d+)?|calibration(_horizon)?|tornado(_[A-Za-z0-9_.-]+)?|indices_[A-Za-z0-9_.-]+|projection_[a-z0-9_]+)\.(svg|png)$/.test(f)) fs.rmSync(path.join(figDir, f));
  }
  for (const f of figures) fs.writeFileSync(path.join(figDir, f.file), f.svg);
  return figDir;
}

/** A PNG next to each SVG, through rsvg-convert; without it, or when it fails, `log` says so. */
function writePngs(figDir, figures, log) {
  const probe = spawnSync('rsvg-convert', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    log('render: rsvg-convert not found (apt-get install librsvg2-bin): no PNG files');
    return;
  }
  for (const f of figures) {
    const r = spawnSync('rsvg-convert', ['-f', 'png', '-b', 'white', '-o', path.join(figDir, f.file.replace(/\.svg$/, '.png')), path.join(figDir, f.file)], { encoding: 'utf8' });
    if (r.status !== 0) log(`render: rsvg-convert failed for ${f.file}: ${r.stderr}`);
  }
}

/** Make ids and classes of one inline SVG unique within the page, and let it scale. */
export function inlineSvg(svg, prefix, label) {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/\bzr(\d+)-/g, `${prefix}-zr$1-`)
    .replace(/<svg /, `<svg role="img" aria-label="${escapeHtml(label)}" class="figuur" `);
}

/** The list under the introduction: the run's scenario, size, seed, build and intervals, and the comparison's. */
function metaLines(ctx) {
  const out = [];
  const m = ctx.run?.manifest;
  if (ctx.run) {
    const sc = m?.scenario;
    out.push(`Scenario: <b>${escapeHtml(sc?.title || ctx.run.scenario)}</b> (<code>${escapeHtml(sc?.name ?? ctx.run.scenario)}</code>)` +
      (sc?.beschrijving ? `: ${escapeHtml(sc.beschrijving)}` : ''));
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
  if (ctx.project) out.push(...projectLines(ctx.project));
  return out.map((l) => `<li>${l}</li>`).join('\n');
}

/** The projection's scenario, years, inflow choices, size and build, from its manifest. */
function projectLines(proj) {
  const m = proj.manifest;
  const sc = m?.scenario;
  const named = sc && sc.name !== 'baseline' ? `<b>${escapeHtml(sc.title || sc.name)}</b> (<code>${escapeHtml(sc.name)}</code>)` : null;
  const out = [`Prognose: de basis${named ? ` en het scenario ${named}` : ''}${proj.startYear !== null ? `, dat geldt vanaf ${schoolYearNl(proj.startYear)}` : ''}.`];
  const p = m?.projection;
  if (p) {
    const future = p.future === 'constant' ? 'gelijk aan het laatste waargenomen jaar' : 'volgens de trend';
    const isk = { low: 'laag', central: 'midden', high: 'hoog' }[p.isk] ?? p.isk;
    out.push(`Schooljaren ${schoolYearNl(p.from)} tot en met ${schoolYearNl(p.to)}; instroom na de laatste telling ${future}, isk-variant ${isk}` +
      `${/--inflow/.test(m.command_line ?? '') ? ', met een eigen instroombestand' : ''}.`);
  }
  if (m) {
    out.push(`${nl(m.students_per_replicate)} gesimuleerde leerlingen per replicatie, ${nl(m.replications)} replicaties, seed ${nl(m.seed)}; ` +
      `programma ${escapeHtml(m.version ?? '')} (${escapeHtml(m.git_commit ?? '')}), gemaakt ${escapeHtml(m.created_utc ?? '')}.`);
  }
  return out;
}

/** The whole page: introduction, table of contents and a section per figure with its SVG inlined. */
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
