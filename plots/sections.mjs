// The report's sections: the figures each input folder gives, in report order, each with its file
// name, heading and the Dutch text that introduces it; for the comparison also its two tables.

import { nl, escapeHtml } from './format.mjs';
import { ORIGIN, STRATUM_WHO, FOREST_ROWS, PROJECTION_FIGURES, intervalText, compareIntervalText, measureNl, schoolYearNl } from './vocabulary.mjs';
import { sankeyFigure } from './figures/sankey.mjs';
import { censusFigures } from './figures/census.mjs';
import { outcomesFigure, outcomesEntreeFigure } from './figures/outcomes.mjs';
import { forestFigures } from './figures/forest.mjs';
import { calibrationFigure, calibrationHorizonFigure } from './figures/calibration.mjs';
import { tornadoFigure } from './figures/tornado.mjs';
import { indicesFigure } from './figures/indices.mjs';
import { projectionFigures, scenarioLabel } from './figures/projection.mjs';

/** The sections of a run folder: the Sankey, the census of each stratum and the outcomes. */
export function runSections(run) {
  const interval = intervalText(run.manifest?.interval, run.replications);
  return [sankeySection(run), ...censusSections(run), ...outcomeSections(run, interval)];
}

function sankeySection(run) {
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
  return {
    name: 'sankey', file: 'sankey.svg', svg: sk.svg, heading: 'Stromen: van vo naar entree, één jaar en vijf jaar later',
    intro: `Waar gaan leerlingen uit pro, vso, vmbo-b en isk heen nadat ze het vo verlaten? De breedte van een stroom is het aantal leerlingen ${n}. ` +
      `Van links naar rechts: de herkomst, ${columns}${how}`,
  };
}

function censusSections(run) {
  return censusFigures(run).map((c) => ({
    name: `census_${c.origin}`, file: `census_${c.origin}.svg`, svg: c.svg,
    heading: `Toestanden per jaar: ${ORIGIN[c.origin] ?? c.origin}`,
    intro: `Per teldatum (1 oktober) waar alle gesimuleerde ${escapeHtml(STRATUM_WHO[c.origin] ?? c.origin)} zijn, ` +
      'in groepen van de 22 toestanden van het model: vo, entree, niveau 2+, ander onderwijs, werk, uitkering, thuis (geen school, werk of uitkering), ' +
      'beschut werk of dagbesteding, en buiten de BRP (vertrokken uit Nederland). ' +
      (c.startsInVo ? 'Jaar 0 is 1 oktober van het eerste jaar in het vo. ' : 'Jaar 0 is 1 oktober van het eerste jaar in entree. ') +
      'Aandelen binnen deze groep, niet landelijk gewogen.',
  }));
}

function outcomeSections(run, interval) {
  const sections = [{
    name: 'outcomes', file: 'outcomes.svg', svg: outcomesFigure(run), heading: 'Uitkomsten na vijf jaar per herkomst',
    intro: 'Van de leerlingen die pro, vso, vmbo-b of isk verlaten: welk deel heeft vijf jaar later een startkwalificatie (mbo niveau 2 of hoger), ' +
      'alleen een entreediploma, zit niet in het mbo en heeft geen mbo-diploma, of werkt minstens 12 uur per week. ' +
      `“Alle herkomsten” weegt de groepen naar hun landelijke omvang. Streepjes: ${escapeHtml(interval)}.`,
  }];
  const ent = outcomesEntreeFigure(run);
  if (ent) {
    sections.push({
      name: 'outcomes_entree', file: 'outcomes_entree.svg', svg: ent, heading: 'Entreestudenten per leerweg',
      intro: 'Alle instromers in de entreeopleiding, per leerweg bij de eerste teldatum in entree: bol (schoolgebonden), bbl (werkend leren) ' +
        'en examendeelnemer (les in pro of vso, examen bij het mbo). Na één jaar: entreediploma, door naar niveau 2+, of uitval zonder diploma; ' +
        `na vijf jaar: een startkwalificatie. Streepjes: ${escapeHtml(interval)}.`,
    });
  }
  return sections;
}

/** The sections of a compare folder: the forest pages, the first with the scenarios, the last with the numbers. */
export function compareSections(cmp) {
  const pages = forestFigures(cmp);
  return pages.map((p, i) => {
    const last = i === pages.length - 1;
    return {
      name: i ? `forest_${i + 1}` : 'forest', file: i ? `forest_${i + 1}.svg` : 'forest.svg', svg: p.svg,
      heading: `Scenario's vergeleken met de basis${pages.length > 1 ? ` (${i + 1} van ${pages.length})` : ''}`,
      intro: `Het verschil tussen elk scenario en de basis${cmp.base?.title ? ` (${escapeHtml(cmp.base.title)})` : ''}, per 1.000 leerlingen van de groep: ` +
        'een plus betekent dat meer leerlingen die uitkomst hebben dan in de basis. Alle scenario\'s gebruiken dezelfde gesimuleerde leerlingen, ' +
        `zodat een verschil het beleid laat zien en geen toeval. Streep: ${escapeHtml(compareIntervalText(cmp))}. ` +
        'Een streep die de nullijn raakt, betekent: geen duidelijk verschil.',
      before: i === 0 ? `<p>De scenario's:</p>\n${scenarioTable(cmp)}` : '',
      after: last ? `<p>De getallen van de figuur (verschil per 1.000, tussen haakjes het 95%-interval; “basis” is het aantal per 1.000 in de basis):</p>\n${forestTable(cmp)}` : '',
    };
  });
}

/** The sections of a validate folder: calibration, and per horizon when fit_by_horizon.csv is there. */
export function validateSections(val) {
  const cal = calibrationFigure(val);
  const sections = [{
    name: 'calibration', file: 'calibration.svg', svg: cal.svg, heading: 'Kalibratie en validatie',
    intro: 'Hoe goed volgt het model de cijfers uit de rapporten? Elk punt is een tabelcel: horizontaal het waargenomen aandeel, verticaal de simulatie. ' +
      'Punten op de stippellijn kloppen precies. Ronde punten (kalibratie) zijn gebruikt om parameters te schatten; ruiten (validatie) niet, ' +
      `die zijn een toets. Gereproduceerd: ${nl(cal.counts.calibrate.within)} van ${nl(cal.counts.calibrate.n)} kalibratiecellen en ` +
      `${nl(cal.counts.validate.within)} van ${nl(cal.counts.validate.n)} validatiecellen (binnen 2 standaardfouten of 1,5 procentpunt). ` +
      'Validatiecellen uit andere jaren of met een andere definitie liggen vaker naast de lijn.',
  }];
  const hz = calibrationHorizonFigure(val);
  if (hz) {
    sections.push({
      name: 'calibration_horizon', file: 'calibration_horizon.svg', svg: hz.svg, heading: 'Kalibratie en validatie per horizon',
      intro: 'Dezelfde cellen, per horizon: hoeveel jaar na de eerste teldatum de cel meet. Boven elk paneel het aantal cellen, ' +
        'het deel dat het model reproduceert en de gemiddelde afwijking in procentpunten (uit <code>fit_by_horizon.csv</code>), ' +
        'voor kalibratie, validatie en de validatiecellen van cohorten tot en met 2016 (de jaren waarop de kalibratie berust).',
    });
  }
  return sections;
}

/** The sections of a sweep folder: a tornado per sensitivity_*.csv, ranked bars per Morris or Sobol
 * indices_*.csv; `log` says when there is neither. */
export function sweepSections(sw, log) {
  const ranked = (sw.indices ?? []).map((a) => ({ a, f: indicesFigure(a) })).filter((x) => x.f);
  if (!sw.analyses.length && !ranked.length) log(`render: ${sw.dir} holds no sensitivity_*.csv or indices_*.csv: no figure (run doorstroom sensitivity first)`);
  return [...sw.analyses.map((a, i) => {
    const t = tornadoFigure(sw, a);
    const slug = a.file.replace(/^sensitivity_/, '').replace(/\.csv$/, '');
    return {
      name: i ? `tornado_${slug}` : 'tornado', file: i ? `tornado_${slug}.svg` : 'tornado.svg', svg: t.svg,
      heading: `Gevoeligheid: ${measureNl(t.measure)}`,
      intro: 'Welke aannames doen er het meest toe? Voor elke parameter in de sweep: de gemiddelde uitkomst in het vijfde van de punten met de laagste waarde ' +
        '(licht) en met de hoogste waarde (donker) van die parameter. Hoe langer de balken, hoe meer de uitkomst van die parameter afhangt. ' +
        'SRC is de gestandaardiseerde regressiecoëfficiënt (teken: richting van het effect).',
    };
  }), ...ranked.map(({ a, f }) => {
    const slug = a.file.replace(/^indices_/, '').replace(/\.csv$/, '');
    return {
      name: `indices_${slug}`, file: `indices_${slug}.svg`, svg: f.svg,
      heading: `${f.method === 'morris' ? 'Screening (Morris)' : 'Variantiedecompositie (Sobol)'}: ${measureNl(f.measure)}`,
      intro: f.method === 'morris'
        ? 'Welke aannames doen ertoe? μ* is het gemiddelde absolute effect op de uitkomst als een parameter over zijn hele bereik gaat, ' +
          'gemeten in trajecten die telkens één parameter verzetten. De streep is een 95%-bootstrapinterval over de trajecten.'
        : 'Welk deel van de spreiding in de uitkomst komt van welke aanname? S1: de parameter alleen; ST: inclusief wisselwerking met andere. ' +
          'De streep is een 95%-bootstrapinterval over de basispunten.',
    };
  })];
}

/** The scenarios: name, title and whether they have assumed effects (drawn anew in each replicate). */
function scenarioTable(cmp) {
  const head = `<tr><th>scenario</th><th>titel en beschrijving</th><th>aangenomen effecten</th></tr>`;
  const text = (s) => (s.text ? `<br><small>${escapeHtml(s.text)}</small>` : '');
  const body = cmp.scenarios.map((s) => `<tr><td><code>${escapeHtml(s.name)}</code></td><td>${escapeHtml(s.title)}${text(s)}</td><td>${s.assumed === null ? 'onbekend' : s.assumed ? 'ja (getrokken per replicatie)' : 'nee'}</td></tr>`).join('\n');
  return `<table>${head}\n${body}</table>`;
}

/** The numbers of the forest: per outcome and scenario the difference per 1.000 with its interval. */
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

// What each projection figure counts, for its introduction (models/measure/school_years.h).
const PROJECTION_WHAT = {
  entree_students: 'het aantal studenten dat op 1 oktober in een entreeopleiding staat ingeschreven (bol, bbl en examendeelnemers)',
  entree_entrants: 'het aantal studenten dat in dat schooljaar voor het eerst aan entree begint',
  entree_diplomas: 'het aantal entreediploma\'s dat in dat schooljaar wordt behaald',
  startkwalificaties: 'het aantal startkwalificaties (diploma mbo niveau 2 of hoger) dat deze studenten in dat schooljaar behalen',
  entree_dropouts_without_diploma: 'het aantal studenten dat in dat schooljaar entree verlaat, het mbo uit, zonder mbo-diploma',
  niveau2_students: 'het aantal studenten uit de keten dat op 1 oktober op mbo niveau 2 staat ingeschreven (met of zonder entreediploma)',
  cost_eur: 'de kosten van alle bekostigde mbo-tijd van deze studenten in dat schooljaar (entree, niveau 2 en hoger), in miljoenen euro\'s: ' +
    'bekostigde jaren maal de prijs per studentjaar en de bekostigingsfactor van de opleiding',
};

/** The sections of a project folder: a line per scenario over the school years for each key measure, then the numbers. */
export function projectSections(proj) {
  const figures = projectionFigures(proj);
  const scenario = proj.scenarios.length > 1;
  const start = proj.startYear !== null
    ? ` Het scenario geldt vanaf schooljaar ${schoolYearNl(proj.startYear)} (1 augustus ${proj.startYear}): elk verblijf dat op of na die datum begint, volgt de regels van het scenario; daarvoor is het scenario gelijk aan de basis.`
    : '';
  return figures.map((f, i) => ({
    name: f.name, file: `${f.name}.svg`, svg: f.svg, heading: `Prognose: ${f.title.charAt(0).toLowerCase()}${f.title.slice(1)}`,
    intro: `Per schooljaar ${PROJECTION_WHAT[f.measure]}, landelijk, ${scenario ? 'in de basis en in het scenario' : 'in de basis'}. ` +
      'Het jaar op de as is het jaar van de teldatum: 2027 is schooljaar 2027/28. De jaargroepen tot en met 2017 volgen de instroom uit de rapporten; ' +
      `daarna zijn het aannames over de instroom (zie <code>docs/projections.md</code>).${start} De band is het interval van de simulatie.`,
    after: i === figures.length - 1 ? `<p>De getallen van de figuren (gemiddelde, tussen haakjes het interval):</p>\n${projectionTable(proj)}` : '',
  }));
}

/** The key measures in a few school years: per scenario the mean with its interval, and the difference with the baseline. */
function projectionTable(proj) {
  const all = proj.series(proj.scenarios[0], PROJECTION_FIGURES[0].measure).map((r) => r.year);
  const wanted = [proj.startYear ?? all[0], 2030, all.at(-1)];
  const years = [...new Set(wanted.filter((y) => all.includes(y)))].sort((a, b) => a - b);
  const cell = (r, scale) => (r ? `${nl(r.mean / scale)} <span class="ci">(${nl(r.lo / scale)} tot ${nl(r.hi / scale)})</span>` : '–');
  const head = `<tr><th>uitkomst</th><th>scenario</th>${years.map((y) => `<th>${schoolYearNl(y)}</th>`).join('')}</tr>`;
  const body = PROJECTION_FIGURES.flatMap((f) => proj.scenarios.map((name, k) => {
    const row = (y) => proj.series(name, f.measure).find((r) => r.year === y);
    const base = (y) => proj.series(proj.scenarios[0], f.measure).find((r) => r.year === y);
    const cells = years.map((y) => {
      const diff = k && row(y) && base(y) ? ` <b>${nl((row(y).mean - base(y).mean) / f.scale, 0, { sign: true })}</b>` : '';
      return `<td>${cell(row(y), f.scale)}${diff}</td>`;
    }).join('');
    const what = f.scale === 1 ? f.title : `${f.title} (${f.axis})`;
    return `<tr><td>${k ? '' : escapeHtml(what)}</td><td>${escapeHtml(scenarioLabel(proj, name))}</td>${cells}</tr>`;
  }));
  return `<table class="getallen">${head}\n${body.join('\n')}</table>` +
    (proj.scenarios.length > 1 ? '<p class="ci">Vetgedrukt: het verschil tussen scenario en basis.</p>' : '');
}
