// The figures of a projection folder: per key measure a line over the school years for the
// baseline and the scenario, each with its interval as a band, and the scenario's start year
// marked when the manifest has one.

import { nl } from '../format.mjs';
import { UsageError } from '../load.mjs';
import { FONT, FS, TEXT, GREY, baseOption, title, renderSvg, axisName, axisLabel } from '../chart.mjs';
import { PROJECTION_FIGURES, BASELINE_NL, schoolYearNl, intervalText } from '../vocabulary.mjs';

const COLORS = ['#4D4D4D', '#0072B2', '#D55E00', '#009E73'];

/** The name a scenario goes by in the legend: "basis", else the manifest's title, else its name. */
export function scenarioLabel(proj, name) {
  if (name === 'baseline') return BASELINE_NL;
  const sc = proj.manifest?.scenario;
  return sc?.name === name && sc.title ? sc.title : name;
}

/** One figure per entry of PROJECTION_FIGURES: { measure, svg, years, series: [legend names], startYear }. */
export function projectionFigures(proj) {
  const reps = proj.series(proj.scenarios[0], PROJECTION_FIGURES[0].measure)[0]?.replications;
  const interval = intervalText(proj.manifest?.interval, reps);
  return PROJECTION_FIGURES.map((f) => projectionFigure(proj, f, interval));
}

function projectionFigure(proj, fig, interval) {
  const lines = proj.scenarios.map((name) => ({ name, label: scenarioLabel(proj, name), rows: proj.series(name, fig.measure) }));
  for (const l of lines) {
    if (!l.rows.length) throw new UsageError(`${proj.file}: no rows of measure ${fig.measure} (origin all, variant all) for scenario ${l.name}; expected every measure of doorstroom project`);
  }
  const years = [...new Set(lines.flatMap((l) => l.rows.map((r) => r.year)))].sort((a, b) => a - b);
  const at = (l, key) => years.map((y) => {
    const r = l.rows.find((x) => x.year === y);
    return r && Number.isFinite(r[key]) ? r[key] / fig.scale : null;
  });
  const start = proj.startYear !== null && years.includes(proj.startYear) ? proj.startYear : null;
  const ends = endOffsets(lines.map((l) => at(l, 'mean').at(-1)), lines.flatMap((l) => at(l, 'mean')));
  const series = lines.flatMap((l, i) => lineWithBand(l, i, at, start, ends[i]));
  const scenario = lines.length > 1 ? ` en ${lines.slice(1).map((l) => `“${l.label}”`).join(', ')}` : '';
  const subtitle = [
    `${BASELINE_NL[0].toUpperCase()}${BASELINE_NL.slice(1)}${scenario}, landelijk: de lijn is het gemiddelde.`,
    `Band: ${interval}.`,
    ...(proj.startYear !== null ? [`Het scenario geldt vanaf schooljaar ${schoolYearNl(proj.startYear)} (stippellijn); daarvoor is het gelijk aan de basis.`] : []),
  ].flatMap((l) => wrap(l, 118));
  const legendTop = 80 + 24 * subtitle.length;
  const option = {
    ...baseOption(),
    title: title(fig.title, subtitle.join('\n')),
    legend: { top: legendTop, left: 24, itemGap: 30, textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT }, data: lines.map((l) => l.label) },
    grid: { left: 120, right: 150, top: legendTop + 55, bottom: 90 },
    xAxis: {
      type: 'category', data: years.map(String), boundaryGap: false,
      name: 'schooljaar (2027 = 2027/28; tellingen op 1 oktober of tijdens het schooljaar)', nameLocation: 'middle', nameGap: 50, nameTextStyle: axisName,
      axisLabel: { ...axisLabel, interval: years.length > 12 ? 2 : 0 },
    },
    yAxis: {
      type: 'value', scale: true, name: fig.axis, nameLocation: 'middle', nameGap: 95, nameTextStyle: axisName,
      axisLabel: { ...axisLabel, formatter: (x) => nl(x) }, splitLine: { lineStyle: { color: '#e6e6e6' } },
    },
    series,
  };
  return {
    name: `projection_${fig.measure}`, measure: fig.measure, title: fig.title, svg: renderSvg(option), years,
    series: lines.map((l) => l.label), startYear: start,
  };
}

/** A scenario's band (the interval's low end, then its width stacked on it) and its mean line. */
/** A line of text broken at spaces into lines of at most `width` characters (18 px text on the 1200 px canvas). */
function wrap(text, width) {
  const out = [''];
  for (const word of text.split(' ')) {
    const cur = out.at(-1);
    if (cur && cur.length + 1 + word.length > width) out.push(word);
    else out[out.length - 1] = cur ? `${cur} ${word}` : word;
  }
  return out;
}

/**
 * Vertical offsets (px) of the values written at the end of each line: two lines that end close
 * together (within 4% of the range of all means) have their numbers moved apart, the higher up.
 */
function endOffsets(lastValues, all) {
  const finite = all.filter((x) => x !== null);
  const range = Math.max(...finite) - Math.min(...finite) || 1;
  return lastValues.map((v, i) => {
    const close = lastValues.some((w, j) => j !== i && v !== null && w !== null && Math.abs(v - w) < 0.04 * range);
    if (!close) return 0;
    const above = lastValues.filter((w, j) => j !== i && w !== null && (w < v || (w === v && j > i))).length;
    return above ? -11 : 11;
  });
}

function lineWithBand(line, i, at, start, endOffset) {
  const color = COLORS[i % COLORS.length];
  const lo = at(line, 'lo'), hi = at(line, 'hi');
  const width = lo.map((x, k) => (x === null || hi[k] === null ? null : hi[k] - x));
  const quiet = { type: 'line', stack: `band_${i}`, symbol: 'none', silent: true, lineStyle: { opacity: 0 }, emphasis: { disabled: true } };
  const mean = {
    type: 'line', name: line.label, data: at(line, 'mean'), symbol: 'circle', symbolSize: 6, z: 3,
    lineStyle: { color, width: 3, type: i ? 'dashed' : 'solid' }, itemStyle: { color }, emphasis: { disabled: true },
    endLabel: { show: true, fontSize: FS, color, fontFamily: FONT, offset: [0, endOffset], formatter: (p) => nl(p.value) },
  };
  if (i === 1 && start !== null) {
    mean.markLine = {
      silent: true, symbol: 'none', lineStyle: { color: GREY, width: 2, type: 'dotted' },
      label: { show: true, position: 'end', fontSize: FS, color: TEXT, fontFamily: FONT, formatter: `beleid vanaf ${schoolYearNl(start)}` },
      data: [{ xAxis: String(start) }],
    };
  }
  return [
    { ...quiet, name: `${line.label} (ondergrens)`, data: lo },
    { ...quiet, name: `${line.label} (interval)`, data: width, areaStyle: { color, opacity: i ? 0.22 : 0.16 } },
    mean,
  ];
}
